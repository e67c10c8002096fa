// VRM 0.x (`VRM`) JSON → plan, converted to VRM 1.0 names and conventions.
// Spec: https://github.com/vrm-c/vrm-specification/tree/master/specification/0.0
import type { IGLTF } from 'babylonjs-gltf2interface'
import type { BlendShapeGroup, FirstPerson, FirstPersonDegreeMap, VRM } from '@pixiv/types-vrm-0.0'
import { EXPRESSION_PRESETS, type ExpressionPreset, type HumanBoneName, type LookAtConfig, type RangeMap } from '../../model.ts'
import { localFromUnity } from './coordinates.ts'
import { isIndex, nodesWithMesh, num, unit } from './gltfJson.ts'
import type { AvatarPlan, ColorBindPlan, ExpressionPlan, FirstPersonPlan, MorphBindPlan, TextureTransformBindPlan } from './plan.ts'
import { parseSprings0 } from './parseSprings0.ts'
import { badBones, badExpression, expressionProblems, humanoidProblems, noHumanoid, refuse, springProblems } from './validate.ts'
import { metaFromVrm0 } from './vrm0Meta.ts'
import {
  COLOR_PROPERTY_FROM_VRM0,
  TEXTURE_TRANSFORM_PROPERTY_VRM0,
  VRM0_WEIGHT_SCALE,
  boneNameFromVrm0,
  presetFromVrm0,
} from './vrm0Names.ts'

/** 0.x look-at defaults (UniVRM's): 90° of input; 10° of eye turn for bones, full weight for blend shapes. */
const RANGE_DEFAULT = { bone: { inputMaxValue: 90, outputScale: 10 }, expression: { inputMaxValue: 90, outputScale: 1 } } as const

/** 0.x default eye offset from the first-person bone, metres, in Unity's space. */
const EYE_OFFSET_DEFAULT = [0, 0.06, 0] as const

const FIRST_PERSON_FLAGS: Readonly<Record<string, FirstPersonPlan['type']>> = {
  Auto: 'auto',
  Both: 'both',
  ThirdPersonOnly: 'thirdPersonOnly',
  FirstPersonOnly: 'firstPersonOnly',
}

/** Reads `extensions.VRM` into a plan with 1.0 names: bones, expressions, look-at, first person and springs. */
export function parseVrm0(gltf: IGLTF): AvatarPlan {
  const vrm = gltf.extensions?.VRM as VRM | undefined
  if (!vrm || typeof vrm !== 'object') throw noHumanoid('This file has no VRM 0.x data')
  const bones = vrm.humanoid?.humanBones
  if (!Array.isArray(bones) || bones.length === 0) throw noHumanoid('This VRM 0.x file has no humanoid (no bones are assigned)')
  const humanoid = parseHumanoid(bones)
  const expressions = parseExpressions(vrm.blendShapeMaster?.blendShapeGroups ?? [], gltf)
  const springs = parseSprings0(vrm.secondaryAnimation, gltf)
  refuse([...humanoidProblems(humanoid, gltf), ...expressionProblems(expressions, gltf), ...springProblems(springs, gltf)])
  return {
    format: 'vrm0',
    meta: metaFromVrm0(vrm.meta, gltf),
    humanoid,
    expressions,
    lookAt: parseLookAt(vrm.firstPerson),
    firstPerson: parseFirstPerson(vrm.firstPerson, gltf),
    colliders: springs.colliders,
    springs: springs.springs,
  }
}

function parseHumanoid(bones: NonNullable<NonNullable<VRM['humanoid']>['humanBones']>): Map<HumanBoneName, number> {
  const humanoid = new Map<HumanBoneName, number>()
  for (const bone of bones) {
    const name = boneNameFromVrm0(String(bone.bone))
    if (!name) throw badBones(`This avatar names a bone "${String(bone.bone)}", which is not a VRM 0.x human bone.`)
    if (humanoid.has(name)) throw badBones(`This avatar assigns the "${String(bone.bone)}" bone twice.`)
    humanoid.set(name, typeof bone.node === 'number' ? bone.node : -1)
  }
  return humanoid
}

function parseExpressions(groups: readonly BlendShapeGroup[], gltf: IGLTF): ExpressionPlan[] {
  const byName = new Map<string, ExpressionPlan>()
  const customs: BlendShapeGroup[] = []
  for (const group of groups) {
    const preset = presetFromVrm0(String(group.presetName ?? 'unknown'))
    if (preset === undefined) {
      throw badExpression(`This avatar has a blend shape preset "${String(group.presetName)}", which VRM 0.x does not define.`)
    }
    if (preset === null) customs.push(group)
    // UniVRM keeps one group per preset; a second one for the same preset is a leftover, and the first wins.
    else if (!byName.has(preset)) byName.set(preset, parseGroup(preset, true, group, gltf))
  }
  customs.forEach((group, i) => {
    const name = group.name || `custom ${i}`
    // 0.x has no "surprised" (or other 1.0-only) preset, so exporters make it a custom group of that name.
    const preset = EXPRESSION_PRESETS.find((p) => p.toLowerCase() === name.toLowerCase()) as ExpressionPreset | undefined
    if (preset && !byName.has(preset)) byName.set(preset, parseGroup(preset, true, group, gltf))
    else if (!byName.has(name)) byName.set(name, parseGroup(name, false, group, gltf))
  })
  return [...byName.values()]
}

function parseGroup(name: string, isPreset: boolean, group: BlendShapeGroup, gltf: IGLTF): ExpressionPlan {
  const label = `The expression "${name}"`
  const morphBinds: MorphBindPlan[] = []
  for (const bind of group.binds ?? []) {
    if (!isIndex(bind.mesh, gltf.meshes?.length ?? 0)) throw badExpression(`${label} moves mesh ${String(bind.mesh)}, which is not in the file.`)
    const weight = unit(num(bind.weight, VRM0_WEIGHT_SCALE) / VRM0_WEIGHT_SCALE)
    for (const node of nodesWithMesh(gltf, bind.mesh)) morphBinds.push({ node, index: num(bind.index, -1), weight })
  }
  const materialColorBinds: ColorBindPlan[] = []
  const textureTransformBinds: TextureTransformBindPlan[] = []
  for (const value of group.materialValues ?? []) {
    const material = gltf.materials?.findIndex((m) => m.name === value.materialName) ?? -1
    if (material < 0) throw badExpression(`${label} changes a material named "${String(value.materialName)}", which is not in the file.`)
    const v = Array.isArray(value.targetValue) ? value.targetValue : []
    const property = String(value.propertyName)
    const type = COLOR_PROPERTY_FROM_VRM0[property]
    if (type) {
      // 0.x stores MToon colours as Unity shows them (sRGB); 1.0 binds are linear.
      const [r, g, b] = [num(v[0], 0), num(v[1], 0), num(v[2], 0)].map(linearFromSrgb)
      materialColorBinds.push({ material, type, targetValue: [r, g, b, num(v[3], 1)] })
    } else if (property === TEXTURE_TRANSFORM_PROPERTY_VRM0) {
      textureTransformBinds.push({ material, scale: [num(v[0], 1), num(v[1], 1)], offset: [num(v[2], 0), num(v[3], 0)] })
    }
    // Other properties (MToon floats such as _OutlineWidth) have no VRM 1.0 bind; they are not reproduced (see README).
  }
  return {
    name,
    isPreset,
    isBinary: group.isBinary === true,
    overrideBlink: 'none',
    overrideLookAt: 'none',
    overrideMouth: 'none',
    morphBinds,
    materialColorBinds,
    textureTransformBinds,
  }
}

function parseLookAt(firstPerson: FirstPerson | undefined): LookAtConfig | null {
  if (!firstPerson) return null
  const type = firstPerson.lookAtTypeName === 'BlendShape' ? 'expression' : 'bone'
  const range = (map: FirstPersonDegreeMap | undefined): RangeMap => ({
    inputMaxValue: num(map?.xRange, RANGE_DEFAULT[type].inputMaxValue),
    outputScale: num(map?.yRange, RANGE_DEFAULT[type].outputScale),
  })
  const o = firstPerson.firstPersonBoneOffset
  return {
    type,
    offsetFromHeadBone: localFromUnity([num(o?.x, EYE_OFFSET_DEFAULT[0]), num(o?.y, EYE_OFFSET_DEFAULT[1]), num(o?.z, EYE_OFFSET_DEFAULT[2])]),
    rangeMapHorizontalInner: range(firstPerson.lookAtHorizontalInner),
    rangeMapHorizontalOuter: range(firstPerson.lookAtHorizontalOuter),
    rangeMapVerticalDown: range(firstPerson.lookAtVerticalDown),
    rangeMapVerticalUp: range(firstPerson.lookAtVerticalUp),
  }
}

function parseFirstPerson(firstPerson: FirstPerson | undefined, gltf: IGLTF): FirstPersonPlan[] {
  return (firstPerson?.meshAnnotations ?? []).flatMap((a) => {
    const type = FIRST_PERSON_FLAGS[String(a.firstPersonFlag)] ?? 'auto'
    return typeof a.mesh === 'number' ? nodesWithMesh(gltf, a.mesh).map((node) => ({ node, type })) : []
  })
}

/** sRGB-encoded 0..1 → linear 0..1 (the sRGB transfer function). */
export function linearFromSrgb(c: number): number {
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4
}
