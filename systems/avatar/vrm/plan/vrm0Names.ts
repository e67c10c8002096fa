// VRM 0.x names and their VRM 1.0 equivalents (the 1.0 names are what the rest of GenAnchor uses).
import type { BlendShapePresetName, HumanoidBoneName as Vrm0BoneName } from '@pixiv/types-vrm-0.0'
import type { ExpressionPreset, HumanBoneName, MaterialColorType } from '../../model.ts'

/** 0.x bone names that changed in 1.0: the thumb gained a metacarpal and every joint moved one name down. */
const RENAMED_BONES: Readonly<Partial<Record<Vrm0BoneName, HumanBoneName>>> = {
  leftThumbProximal: 'leftThumbMetacarpal',
  leftThumbIntermediate: 'leftThumbProximal',
  leftThumbDistal: 'leftThumbDistal',
  rightThumbProximal: 'rightThumbMetacarpal',
  rightThumbIntermediate: 'rightThumbProximal',
  rightThumbDistal: 'rightThumbDistal',
}

/** Every VRM 0.x human bone name. */
export const VRM0_BONE_NAMES: readonly Vrm0BoneName[] = [
  'hips', 'spine', 'chest', 'upperChest', 'neck', 'head', 'leftEye', 'rightEye', 'jaw',
  'leftUpperLeg', 'leftLowerLeg', 'leftFoot', 'leftToes', 'rightUpperLeg', 'rightLowerLeg', 'rightFoot', 'rightToes',
  'leftShoulder', 'leftUpperArm', 'leftLowerArm', 'leftHand', 'rightShoulder', 'rightUpperArm', 'rightLowerArm', 'rightHand',
  'leftThumbProximal', 'leftThumbIntermediate', 'leftThumbDistal',
  'leftIndexProximal', 'leftIndexIntermediate', 'leftIndexDistal',
  'leftMiddleProximal', 'leftMiddleIntermediate', 'leftMiddleDistal',
  'leftRingProximal', 'leftRingIntermediate', 'leftRingDistal',
  'leftLittleProximal', 'leftLittleIntermediate', 'leftLittleDistal',
  'rightThumbProximal', 'rightThumbIntermediate', 'rightThumbDistal',
  'rightIndexProximal', 'rightIndexIntermediate', 'rightIndexDistal',
  'rightMiddleProximal', 'rightMiddleIntermediate', 'rightMiddleDistal',
  'rightRingProximal', 'rightRingIntermediate', 'rightRingDistal',
  'rightLittleProximal', 'rightLittleIntermediate', 'rightLittleDistal',
]

/** The 1.0 name of a 0.x human bone, or null when the name is not a 0.x bone. */
export function boneNameFromVrm0(name: string): HumanBoneName | null {
  if (!(VRM0_BONE_NAMES as readonly string[]).includes(name)) return null
  const bone = name as Vrm0BoneName
  // Every other 0.x name is spelled the same in 1.0.
  return RENAMED_BONES[bone] ?? (bone as HumanBoneName)
}

/** The 1.0 preset of each 0.x blend shape preset; `unknown` means a custom expression named by the group. */
export const PRESET_FROM_VRM0: Readonly<Record<Exclude<BlendShapePresetName, 'unknown'>, ExpressionPreset>> = {
  a: 'aa',
  i: 'ih',
  u: 'ou',
  e: 'ee',
  o: 'oh',
  blink: 'blink',
  blink_l: 'blinkLeft',
  blink_r: 'blinkRight',
  joy: 'happy',
  angry: 'angry',
  sorrow: 'sad',
  fun: 'relaxed',
  lookup: 'lookUp',
  lookdown: 'lookDown',
  lookleft: 'lookLeft',
  lookright: 'lookRight',
  neutral: 'neutral',
}

/** The 1.0 preset of a 0.x preset name (case-insensitive, as some exporters capitalise); null for `unknown`; undefined when not a 0.x preset. */
export function presetFromVrm0(name: string): ExpressionPreset | null | undefined {
  const key = name.toLowerCase()
  if (key === 'unknown') return null
  return (PRESET_FROM_VRM0 as Readonly<Record<string, ExpressionPreset>>)[key]
}

/** MToon 0.x colour properties that a 1.0 material colour bind can express. */
export const COLOR_PROPERTY_FROM_VRM0: Readonly<Record<string, MaterialColorType>> = {
  _Color: 'color',
  _ShadeColor: 'shadeColor',
  _EmissionColor: 'emissionColor',
  _RimColor: 'rimColor',
  _OutlineColor: 'outlineColor',
}

/** The 0.x material property that holds the main texture's scale (xy) and offset (zw). */
export const TEXTURE_TRANSFORM_PROPERTY_VRM0 = '_MainTex_ST'

/** VRM 0.x blend shape bind weights run 0..100; 1.0 morph target bind weights run 0..1. */
export const VRM0_WEIGHT_SCALE = 100

/** Length of the virtual tail UniVRM 0.x adds past a leaf spring bone, metres. */
export const VRM0_VIRTUAL_TAIL_M = 0.07
