// Stage.LateUpdate: layer priorities → one weight per expression → VRM 1.0 overrides → binds.
import { defineQuery, type Entity, type World } from '../../engine/index.ts'
import { Avatar, Expression } from './components.ts'
import { ExpressionDiagnostics } from './diagnostics.ts'
import { Group, Override, type ExpressionPlan } from './expressionPlan.ts'
import type { ExpressionWeights } from './expressionWeights.ts'
import { Rig } from './rig.ts'

/** Avatars whose expression layers are mixed into their rig's binds. */
const MixedAvatars = defineQuery({ with: [Avatar, Expression, Rig] })

/** Override multipliers of the current avatar: [blink, lookAt, mouth]. */
const multipliers = new Float32Array(3)

/**
 * Resolves every avatar's expression layers into `Expression.resolved` and drives its morph
 * targets, material colours and texture transforms.
 */
export function mixExpressions(world: World): void {
  const q = world.query(MixedAvatars)
  const weightsStore = world.store(Expression).value
  const rigs = world.store(Rig).value
  const diagnostics = world.tryResource(ExpressionDiagnostics)
  for (let n = 0; n < q.count; n++) {
    const i = q.ids[n]
    const weights = weightsStore[i]!
    const plan = rigs[i]!.expressions
    if (plan.boundTo !== weights) plan.bind(weights)
    if (diagnostics && weights.namesVersion !== plan.seenNamesVersion) {
      plan.seenNamesVersion = weights.namesVersion
      reportUnknownNames(diagnostics, world.entityAt(i), weights, plan)
    }
    resolveLayers(weights, plan)
    applyOverrides(plan)
    const resolved = weights.resolved.values, slot = plan.slot, w = plan.weights
    for (let k = 0; k < w.length; k++) resolved[slot[k]] = w[k]
    applyMorphs(plan)
    applyColors(plan)
    applyTextures(plan)
  }
}

/** For each expression, the highest-priority layer that set it wins; binary expressions snap. */
function resolveLayers(weights: ExpressionWeights, plan: ExpressionPlan): void {
  const layers = weights.layers
  const slot = plan.slot, out = plan.weights, binary = plan.binary
  for (let k = 0; k < out.length; k++) {
    const s = slot[k]
    let w = 0
    for (let l = layers.length - 1; l >= 0; l--) {
      const v = layers[l][s]
      // NaN marks a layer that did not set this name.
      if (v === v) {
        w = v
        break
      }
    }
    out[k] = binary[k] === 1 ? (w > 0.5 ? 1 : 0) : w
  }
}

/**
 * VRM 1.0 `overrideBlink` / `overrideLookAt` / `overrideMouth`: an active `block` expression
 * zeroes the group; otherwise the group is multiplied by 1 − (the largest `blend` weight).
 * The strongest override wins instead of three-vrm's sum of amounts, so two half-weight blending
 * emotions give the mouth 0.5, not 0. An expression's override of its own group is ignored
 * (a mouth preset that blocks the mouth would otherwise switch itself off).
 */
function applyOverrides(plan: ExpressionPlan): void {
  const w = plan.weights, group = plan.group, overrides = plan.overrides
  let anyOverride = false
  for (let g = 0; g < 3; g++) {
    let block = false, blend = 0
    for (let k = 0; k < w.length; k++) {
      const mode = overrides[k * 3 + g]
      if (mode === Override.none || w[k] <= 0 || group[k] === g + 1) continue
      if (mode === Override.block) block = true
      else if (w[k] > blend) blend = w[k]
    }
    multipliers[g] = block ? 0 : 1 - blend
    if (multipliers[g] !== 1) anyOverride = true
  }
  if (!anyOverride) return
  for (let k = 0; k < w.length; k++) {
    const g = group[k]
    if (g !== Group.none) w[k] *= multipliers[g - 1]
  }
}

/** Each morph target gets Σ bind weight × expression weight, clamped to 0..1. */
function applyMorphs(plan: ExpressionPlan): void {
  const sum = plan.morphSum, w = plan.weights
  const expr = plan.morphExpr, target = plan.morphTarget, bindWeight = plan.morphWeight
  sum.fill(0)
  for (let b = 0; b < expr.length; b++) sum[target[b]] += bindWeight[b] * w[expr[b]]
  const targets = plan.morphTargets
  for (let t = 0; t < targets.length; t++) {
    const v = sum[t]
    // The setter ignores unchanged values, so idle targets cost no Babylon work.
    targets[t].influence = v < 0 ? 0 : v > 1 ? 1 : v
  }
}

/**
 * Four-lane sums shared by colour and texture binds: `sum` = `base`, then each bind b adds
 * `delta[b]` × the weight of its expression to the four lanes of its slot.
 */
function accumulate4(
  sum: Float32Array | Float64Array, base: ArrayLike<number>, weights: ArrayLike<number>,
  expr: ArrayLike<number>, slot: ArrayLike<number>, delta: ArrayLike<number>,
): void {
  sum.set(base)
  for (let b = 0; b < expr.length; b++) {
    const weight = weights[expr[b]]
    if (weight === 0) continue
    const s = slot[b] * 4, d = b * 4
    for (let c = 0; c < 4; c++) sum[s + c] += delta[d + c] * weight
  }
}

/** Each colour starts at its spawn-time base and moves by (target − base) × weight per bind. */
function applyColors(plan: ExpressionPlan): void {
  const sum = plan.colorSum
  if (sum.length === 0) return
  accumulate4(sum, plan.colorBase, plan.weights, plan.colorExpr, plan.colorSlot, plan.colorDelta)
  const colors = plan.colors, alphaOf = plan.alphaOf
  for (let c = 0; c < colors.length; c++) {
    const s = c * 4
    colors[c].set(clamp01(sum[s]), clamp01(sum[s + 1]), clamp01(sum[s + 2]))
    const material = alphaOf[c]
    if (material !== null) {
      const alpha = clamp01(sum[s + 3])
      if (material.alpha !== alpha) material.alpha = alpha
    }
  }
}

/** Each texture's scale and offset start at their spawn-time values and move by (target − base) × weight. */
function applyTextures(plan: ExpressionPlan): void {
  const sum = plan.textureSum
  if (sum.length === 0) return
  accumulate4(sum, plan.textureBase, plan.weights, plan.textureExpr, plan.textureSlot, plan.textureDelta)
  const textures = plan.textures
  for (let t = 0; t < textures.length; t++) {
    const s = t * 4, texture = textures[t]
    texture.uScale = sum[s]
    texture.vScale = sum[s + 1]
    texture.uOffset = sum[s + 2]
    texture.vOffset = sum[s + 3]
  }
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v
}

/** Records the names set on an avatar's layers that it has no expression for (runs only when a new name was set). */
function reportUnknownNames(diagnostics: ExpressionDiagnostics, e: Entity, weights: ExpressionWeights, plan: ExpressionPlan): void {
  for (const name of weights.names) {
    if (plan.names.includes(name)) continue
    let unknown = diagnostics.unknownNames.get(e)
    if (!unknown) {
      unknown = new Set()
      diagnostics.unknownNames.set(e, unknown)
    }
    unknown.add(name)
  }
}
