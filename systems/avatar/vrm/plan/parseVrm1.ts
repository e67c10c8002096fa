// VRM 1.0 (`VRMC_vrm`) JSON → plan. Spec: https://github.com/vrm-c/vrm-specification/tree/master/specification/VRMC_vrm-1.0
import type { IGLTF } from 'babylonjs-gltf2interface'
import type {
  Expression,
  ExpressionOverrideType,
  HumanoidHumanBoneName,
  LookAt,
  LookAtRangeMap,
  Meta,
  VRMCVRM,
} from '@pixiv/types-vrmc-vrm-1.0'
import { EXPRESSION_PRESETS, type HumanBoneName, type LookAtConfig, type MaterialColorType, type OverrideMode, type RangeMap } from '../../model.ts'
import { num, unit, vec3 } from './gltfJson.ts'
import type { AvatarPlan, ColorBindPlan, ExpressionPlan, FirstPersonPlan, MorphBindPlan, TextureTransformBindPlan } from './plan.ts'
import { badBones, badExpression, expressionProblems, humanoidProblems, noHumanoid, refuse } from './validate.ts'

/** Every VRM 1.0 human bone name. */
export const VRM1_BONE_NAMES: readonly HumanoidHumanBoneName[] = [
  'hips', 'spine', 'chest', 'upperChest', 'neck', 'head', 'leftEye', 'rightEye', 'jaw',
  'leftUpperLeg', 'leftLowerLeg', 'leftFoot', 'leftToes', 'rightUpperLeg', 'rightLowerLeg', 'rightFoot', 'rightToes',
  'leftShoulder', 'leftUpperArm', 'leftLowerArm', 'leftHand', 'rightShoulder', 'rightUpperArm', 'rightLowerArm', 'rightHand',
  'leftThumbMetacarpal', 'leftThumbProximal', 'leftThumbDistal',
  'leftIndexProximal', 'leftIndexIntermediate', 'leftIndexDistal',
  'leftMiddleProximal', 'leftMiddleIntermediate', 'leftMiddleDistal',
  'leftRingProximal', 'leftRingIntermediate', 'leftRingDistal',
  'leftLittleProximal', 'leftLittleIntermediate', 'leftLittleDistal',
  'rightThumbMetacarpal', 'rightThumbProximal', 'rightThumbDistal',
  'rightIndexProximal', 'rightIndexIntermediate', 'rightIndexDistal',
  'rightMiddleProximal', 'rightMiddleIntermediate', 'rightMiddleDistal',
  'rightRingProximal', 'rightRingIntermediate', 'rightRingDistal',
  'rightLittleProximal', 'rightLittleIntermediate', 'rightLittleDistal',
]

const COLOR_TYPES: readonly MaterialColorType[] = ['color', 'emissionColor', 'shadeColor', 'matcapColor', 'rimColor', 'outlineColor']

/** Spec defaults of the look-at range maps: degrees of eye turn for bones, weight for expressions. */
const RANGE_DEFAULT = { bone: { inputMaxValue: 90, outputScale: 10 }, expression: { inputMaxValue: 90, outputScale: 1 } } as const

/** Spec default of the eye position relative to the head bone, metres. */
const EYE_OFFSET_DEFAULT = [0, 0.06, 0] as const

/** Reads `extensions.VRMC_vrm` into a plan (springs come from `VRMC_springBone`, see parseSpringBone1). */
export function parseVrm1(gltf: IGLTF): AvatarPlan {
  const vrm = gltf.extensions?.VRMC_vrm as VRMCVRM | undefined
  if (!vrm || typeof vrm !== 'object') throw noHumanoid('This file has no VRM 1.0 data')
  if (!vrm.humanoid || typeof vrm.humanoid.humanBones !== 'object' || vrm.humanoid.humanBones === null) {
    throw noHumanoid('This VRM has no humanoid (no bones are assigned)')
  }
  const humanoid = parseHumanoid(vrm.humanoid.humanBones)
  const expressions = parseExpressions(vrm.expressions)
  refuse([...humanoidProblems(humanoid, gltf), ...expressionProblems(expressions, gltf)])
  return {
    format: 'vrm1',
    meta: parseMeta(vrm.meta),
    humanoid,
    expressions,
    lookAt: parseLookAt(vrm.lookAt),
    firstPerson: parseFirstPerson(vrm, gltf),
    colliders: [],
    springs: [],
  }
}

function parseMeta(meta: Meta | undefined): Meta {
  // name, authors and licenseUrl are required by the spec; files that skip them still load, shown as blank.
  const m: Partial<Meta> = meta && typeof meta === 'object' ? meta : {}
  return {
    ...m,
    name: typeof m.name === 'string' ? m.name : '',
    authors: Array.isArray(m.authors) ? m.authors.filter((a): a is string => typeof a === 'string') : [],
    licenseUrl: typeof m.licenseUrl === 'string' ? m.licenseUrl : '',
  }
}

function parseHumanoid(bones: object): Map<HumanBoneName, number> {
  const humanoid = new Map<HumanBoneName, number>()
  for (const [name, bone] of Object.entries(bones)) {
    if (!(VRM1_BONE_NAMES as readonly string[]).includes(name)) {
      throw badBones(`This avatar names a bone "${name}", which is not a VRM 1.0 human bone.`)
    }
    const node: unknown = bone && typeof bone === 'object' ? (bone as { node?: unknown }).node : undefined
    // Range is checked with the hierarchy in humanoidProblems; here only the type.
    humanoid.set(name as HumanBoneName, typeof node === 'number' ? node : -1)
  }
  return humanoid
}

function parseExpressions(expressions: VRMCVRM['expressions']): ExpressionPlan[] {
  const plans: ExpressionPlan[] = []
  for (const [name, expression] of Object.entries(expressions?.preset ?? {})) {
    if (!(EXPRESSION_PRESETS as readonly string[]).includes(name)) {
      throw badExpression(`This avatar has an expression preset "${name}", which VRM 1.0 does not define.`)
    }
    if (expression) plans.push(parseExpression(name, true, expression))
  }
  for (const [name, expression] of Object.entries(expressions?.custom ?? {})) {
    if ((EXPRESSION_PRESETS as readonly string[]).includes(name)) {
      throw badExpression(`This avatar has a custom expression named "${name}", which is a preset name; custom expressions need their own names.`)
    }
    if (expression) plans.push(parseExpression(name, false, expression))
  }
  return plans
}

function parseExpression(name: string, isPreset: boolean, e: Expression): ExpressionPlan {
  const label = `The expression "${name}"`
  const morphBinds: MorphBindPlan[] = (e.morphTargetBinds ?? []).map((b) => {
    if (typeof b.weight === 'number' && !Number.isFinite(b.weight)) throw badExpression(`${label} has a morph target weight that is not a number.`)
    return { node: b.node, index: b.index, weight: unit(num(b.weight, 1)) }
  })
  const materialColorBinds: ColorBindPlan[] = (e.materialColorBinds ?? []).map((b) => {
    if (!COLOR_TYPES.includes(b.type)) throw badExpression(`${label} changes a material colour "${String(b.type)}", which VRM 1.0 does not define.`)
    const v = Array.isArray(b.targetValue) ? b.targetValue : []
    return { material: b.material, type: b.type, targetValue: [num(v[0], 0), num(v[1], 0), num(v[2], 0), num(v[3], 1)] }
  })
  const textureTransformBinds: TextureTransformBindPlan[] = (e.textureTransformBinds ?? []).map((b) => ({
    material: b.material,
    scale: [num(b.scale?.[0], 1), num(b.scale?.[1], 1)],
    offset: [num(b.offset?.[0], 0), num(b.offset?.[1], 0)],
  }))
  return {
    name,
    isPreset,
    isBinary: e.isBinary === true,
    overrideBlink: overrideMode(e.overrideBlink),
    overrideLookAt: overrideMode(e.overrideLookAt),
    overrideMouth: overrideMode(e.overrideMouth),
    morphBinds,
    materialColorBinds,
    textureTransformBinds,
  }
}

function overrideMode(value: ExpressionOverrideType | undefined): OverrideMode {
  return value === 'block' || value === 'blend' ? value : 'none'
}

function parseLookAt(lookAt: LookAt | undefined): LookAtConfig | null {
  if (!lookAt) return null
  const type = lookAt.type === 'expression' ? 'expression' : 'bone'
  const range = (map: LookAtRangeMap | undefined): RangeMap => ({
    inputMaxValue: num(map?.inputMaxValue, RANGE_DEFAULT[type].inputMaxValue),
    outputScale: num(map?.outputScale, RANGE_DEFAULT[type].outputScale),
  })
  return {
    type,
    offsetFromHeadBone: vec3(lookAt.offsetFromHeadBone, EYE_OFFSET_DEFAULT),
    rangeMapHorizontalInner: range(lookAt.rangeMapHorizontalInner),
    rangeMapHorizontalOuter: range(lookAt.rangeMapHorizontalOuter),
    rangeMapVerticalDown: range(lookAt.rangeMapVerticalDown),
    rangeMapVerticalUp: range(lookAt.rangeMapVerticalUp),
  }
}

function parseFirstPerson(vrm: VRMCVRM, gltf: IGLTF): FirstPersonPlan[] {
  const nodes = gltf.nodes?.length ?? 0
  const types = ['auto', 'both', 'thirdPersonOnly', 'firstPersonOnly'] as const
  return (vrm.firstPerson?.meshAnnotations ?? [])
    // An annotation on a node that does not exist changes nothing visible, so it is dropped rather than refused.
    .filter((a) => typeof a.node === 'number' && a.node >= 0 && a.node < nodes)
    .map((a) => ({ node: a.node, type: types.includes(a.type) ? a.type : 'auto' }))
}

