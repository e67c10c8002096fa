// The mixer's flat view of one avatar's expressions, built once at spawn so that mixing a frame
// walks typed arrays instead of the model's maps and objects.
import type { Color3 } from '@babylonjs/core/Maths/math.color'
import type { Material } from '@babylonjs/core/Materials/material'
import type { Texture } from '@babylonjs/core/Materials/Textures/texture'
import type { MorphTarget } from '@babylonjs/core/Morph/morphTarget'
import type { ExpressionWeights } from './expressionWeights.ts'
import { colorProperty, transformableTextures } from './materialBinds.ts'
import { BLINK_PRESETS, LOOK_PRESETS, MOUTH_PRESETS, type AvatarModel, type ExpressionDef, type ExpressionPreset, type OverrideMode } from './model.ts'

/** Which override group an expression belongs to. */
export const Group = { none: 0, blink: 1, lookAt: 2, mouth: 3 } as const
/** How an expression overrides a group. */
export const Override = { none: 0, block: 1, blend: 2 } as const

const OVERRIDE_CODE: Readonly<Record<OverrideMode, number>> = { none: Override.none, block: Override.block, blend: Override.blend }

/** One avatar's expressions and binds as parallel arrays; index k is the k-th expression of the model. */
export class ExpressionPlan {
  readonly names: string[] = []
  readonly binary: Uint8Array
  readonly group: Uint8Array
  /** Override codes per expression: [blink, lookAt, mouth] × count. */
  readonly overrides: Uint8Array
  /** Weights of the current frame, after snapping and overrides. */
  readonly weights: Float32Array

  readonly morphTargets: MorphTarget[] = []
  morphSum = new Float32Array(0)
  morphExpr: number[] = []
  morphTarget: number[] = []
  morphWeight: number[] = []

  /** Driven colours; `colorBase`/`colorSum` hold r, g, b, alpha per slot. */
  readonly colors: Color3[] = []
  /** The material whose alpha a `color` slot also drives, else null. */
  readonly alphaOf: (Material | null)[] = []
  colorBase = new Float32Array(0)
  colorSum = new Float32Array(0)
  colorExpr: number[] = []
  colorSlot: number[] = []
  /** Target minus base, r, g, b, alpha per bind. */
  colorDelta: number[] = []

  /** Driven textures; `textureBase`/`textureSum` hold uScale, vScale, uOffset, vOffset per slot. */
  readonly textures: Texture[] = []
  textureBase = new Float32Array(0)
  textureSum = new Float32Array(0)
  textureExpr: number[] = []
  textureSlot: number[] = []
  textureDelta: number[] = []

  /** Binds that cannot be applied here, as `material: type` (for diagnostics). */
  readonly skipped: string[] = []
  /** Slot in the bound `ExpressionWeights` of each expression. */
  readonly slot: Int32Array
  /** The weights the slots belong to (rebound if an entity's Expression is replaced). */
  boundTo: ExpressionWeights | null = null
  /** `ExpressionWeights.namesVersion` last checked for unknown names (-1: never). */
  seenNamesVersion = -1

  constructor(count: number) {
    this.binary = new Uint8Array(count)
    this.group = new Uint8Array(count)
    this.overrides = new Uint8Array(count * 3)
    this.weights = new Float32Array(count)
    this.slot = new Int32Array(count)
  }

  /** Points the plan at the slots of `weights`, creating slots for expressions never set. */
  bind(weights: ExpressionWeights): void {
    for (let k = 0; k < this.names.length; k++) this.slot[k] = weights.slotOf(this.names[k])
    this.boundTo = weights
    this.seenNamesVersion = -1
  }
}

/** Slot maps and spawn-time base values gathered while a plan is built. */
interface Builder {
  readonly plan: ExpressionPlan
  readonly morphSlots: Map<MorphTarget, number>
  readonly colorSlots: Map<Color3, number>
  readonly textureSlots: Map<Texture, number>
  readonly colorBase: number[]
  readonly textureBase: number[]
}

/** Builds the plan of a model's expressions, capturing material base colours and texture transforms now. */
export function buildExpressionPlan(model: AvatarModel): ExpressionPlan {
  const b: Builder = {
    plan: new ExpressionPlan(model.expressions.size),
    morphSlots: new Map(), colorSlots: new Map(), textureSlots: new Map(), colorBase: [], textureBase: [],
  }
  const plan = b.plan
  let k = 0
  for (const def of model.expressions.values()) {
    plan.names.push(def.name)
    plan.binary[k] = def.isBinary ? 1 : 0
    plan.group[k] = groupOf(def.name)
    plan.overrides[k * 3] = OVERRIDE_CODE[def.overrideBlink]
    plan.overrides[k * 3 + 1] = OVERRIDE_CODE[def.overrideLookAt]
    plan.overrides[k * 3 + 2] = OVERRIDE_CODE[def.overrideMouth]
    addMorphBinds(b, k, def)
    addColorBinds(b, k, def)
    addTextureBinds(b, k, def)
    k++
  }
  plan.morphSum = new Float32Array(plan.morphTargets.length)
  plan.colorBase = Float32Array.from(b.colorBase)
  plan.colorSum = new Float32Array(b.colorBase.length)
  plan.textureBase = Float32Array.from(b.textureBase)
  plan.textureSum = new Float32Array(b.textureBase.length)
  return plan
}

function addMorphBinds({ plan, morphSlots }: Builder, k: number, def: ExpressionDef): void {
  for (const bind of def.morphBinds) {
    plan.morphExpr.push(k)
    plan.morphTarget.push(slotOf(morphSlots, bind.target, () => plan.morphTargets.push(bind.target)))
    plan.morphWeight.push(bind.weight)
  }
}

function addColorBinds({ plan, colorSlots, colorBase }: Builder, k: number, def: ExpressionDef): void {
  for (const bind of def.materialColorBinds) {
    const property = colorProperty(bind.material, bind.type)
    if (!property) {
      plan.skipped.push(`${bind.material.name}: ${bind.type}`)
      continue
    }
    // Only the base colour carries alpha in VRM; the other colour types are RGB.
    const withAlpha = bind.type === 'color'
    const slot = slotOf(colorSlots, property.color, () => {
      plan.colors.push(property.color)
      plan.alphaOf.push(withAlpha ? bind.material : null)
      colorBase.push(property.color.r, property.color.g, property.color.b, withAlpha ? bind.material.alpha : 1)
    })
    const base = slot * 4
    const [r, g, bl, a] = bind.targetValue
    plan.colorExpr.push(k)
    plan.colorSlot.push(slot)
    plan.colorDelta.push(r - colorBase[base], g - colorBase[base + 1], bl - colorBase[base + 2], withAlpha ? a - colorBase[base + 3] : 0)
  }
}

function addTextureBinds({ plan, textureSlots, textureBase }: Builder, k: number, def: ExpressionDef): void {
  for (const bind of def.textureTransformBinds) {
    for (const texture of transformableTextures(bind.material)) {
      const slot = slotOf(textureSlots, texture, () => {
        plan.textures.push(texture)
        textureBase.push(texture.uScale, texture.vScale, texture.uOffset, texture.vOffset)
      })
      const base = slot * 4
      plan.textureExpr.push(k)
      plan.textureSlot.push(slot)
      plan.textureDelta.push(
        bind.scale[0] - textureBase[base], bind.scale[1] - textureBase[base + 1],
        bind.offset[0] - textureBase[base + 2], bind.offset[1] - textureBase[base + 3],
      )
    }
  }
}

function slotOf<K>(slots: Map<K, number>, key: K, create: () => void): number {
  let slot = slots.get(key)
  if (slot === undefined) {
    slot = slots.size
    slots.set(key, slot)
    create()
  }
  return slot
}

function groupOf(name: string): number {
  const preset = name as ExpressionPreset
  if (BLINK_PRESETS.includes(preset)) return Group.blink
  if (LOOK_PRESETS.includes(preset)) return Group.lookAt
  if (MOUTH_PRESETS.includes(preset)) return Group.mouth
  return Group.none
}
