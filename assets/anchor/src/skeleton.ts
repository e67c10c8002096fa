// The anchor's humanoid skeleton: where each bone sits at rest, and which VRM bone it is.
//
// Every bone has an identity local rotation (VRM's "normalised" bones); only translations place
// them. The model faces +Z with its left hand towards +X (VRM 1.0). The arms hang in an A-pose
// (ARM_DROP_DEG below the horizontal) instead of VRM's T-pose: a host shown idle looks natural
// without a runtime arm pose, and the runtime only turns the neck, head and eyes.
import type { HumanoidHumanBoneName } from '@pixiv/types-vrmc-vrm-1.0'
import { faceSample } from './head.ts'
import { add, rad, scale, type Vec3 } from './math.ts'
import { Body, Face } from './proportions.ts'

/** How far the upper arms hang below the horizontal, in degrees (0 gives VRM's T-pose). */
export const ARM_DROP_DEG = 64
/** The forearms hang a little steeper than the upper arms: a relaxed elbow. */
export const FOREARM_DROP_DEG = 72

/** One bone: node name, parent node name, rest position in model space (metres). */
export interface BoneDef {
  readonly name: string
  readonly parent: string | null
  readonly position: Vec3
  /** The VRM 1.0 humanoid bone it stands for, if any (hair joints have none). */
  readonly human?: HumanoidHumanBoneName
}

/** Direction of a limb hanging `dropDeg` below horizontal on side `sx` (+1 left, -1 right). */
export function limbDir(sx: number, dropDeg: number): Vec3 {
  return [sx * Math.cos(rad(dropDeg)), -Math.sin(rad(dropDeg)), 0]
}

/**
 * How far behind the face (along its normal) the eye bones sit: about the face's radius of
 * curvature there, so turning an eye slides its iris along the face instead of into it.
 */
export const EYE_BONE_DEPTH = 0.085

/** The eye bone position for the eye at model-space (x, y) on the face. */
function eyePivot(x: number, y: number): Vec3 {
  const f = faceSample(x, y)
  return add(f.p, scale(f.n, -EYE_BONE_DEPTH))
}


function sideBones(side: 'L' | 'R'): BoneDef[] {
  const sx = side === 'L' ? 1 : -1
  const l = side === 'L' ? 'left' : 'right'
  const upperArm: Vec3 = [sx * 0.122, Body.shoulderY, -0.005]
  const lowerArm = add(upperArm, scale(limbDir(sx, ARM_DROP_DEG), Body.upperArmLength))
  const hand = add(lowerArm, scale(limbDir(sx, FOREARM_DROP_DEG), Body.forearmLength))
  const down = limbDir(sx, FOREARM_DROP_DEG)
  // The thumb leaves the wrist towards the front (+Z) and runs down beside the palm.
  const thumb1 = add(hand, [sx * 0.006, -0.012, 0.016])
  const thumb2 = add(thumb1, add(scale(down, 0.028), [0, 0, 0.01]))
  const thumb3 = add(thumb2, scale(down, 0.025))
  const upperLeg: Vec3 = [sx * Body.legX, Body.hipJointY, 0]
  const lowerLeg: Vec3 = [sx * (Body.legX + 0.004), Body.kneeY, 0.004]
  const foot: Vec3 = [sx * (Body.legX + 0.006), Body.ankleY, -0.012]
  const toes: Vec3 = [sx * (Body.legX + 0.008), 0.022, 0.085]
  const eye = eyePivot(sx * Face.eyeX, Face.eyeY)
  return [
    { name: `Shoulder_${side}`, parent: 'UpperChest', position: [sx * 0.022, 1.2, -0.005], human: `${l}Shoulder` },
    { name: `UpperArm_${side}`, parent: `Shoulder_${side}`, position: upperArm, human: `${l}UpperArm` },
    { name: `LowerArm_${side}`, parent: `UpperArm_${side}`, position: lowerArm, human: `${l}LowerArm` },
    { name: `Hand_${side}`, parent: `LowerArm_${side}`, position: hand, human: `${l}Hand` },
    { name: `Thumb1_${side}`, parent: `Hand_${side}`, position: thumb1, human: `${l}ThumbMetacarpal` },
    { name: `Thumb2_${side}`, parent: `Thumb1_${side}`, position: thumb2, human: `${l}ThumbProximal` },
    { name: `Thumb3_${side}`, parent: `Thumb2_${side}`, position: thumb3, human: `${l}ThumbDistal` },
    { name: `UpperLeg_${side}`, parent: 'Hips', position: upperLeg, human: `${l}UpperLeg` },
    { name: `LowerLeg_${side}`, parent: `UpperLeg_${side}`, position: lowerLeg, human: `${l}LowerLeg` },
    { name: `Foot_${side}`, parent: `LowerLeg_${side}`, position: foot, human: `${l}Foot` },
    { name: `Toes_${side}`, parent: `Foot_${side}`, position: toes, human: `${l}Toes` },
    { name: `Eye_${side}`, parent: 'Head', position: eye, human: `${l}Eye` },
  ]
}

/** The humanoid bones, parents before children. */
export function humanoidBones(): BoneDef[] {
  const spine: BoneDef[] = [
    { name: 'Hips', parent: 'Root', position: [0, Body.hipsY, 0], human: 'hips' },
    { name: 'Spine', parent: 'Hips', position: [0, 0.92, -0.004], human: 'spine' },
    { name: 'Chest', parent: 'Spine', position: [0, 1.02, -0.006], human: 'chest' },
    { name: 'UpperChest', parent: 'Chest', position: [0, 1.11, -0.008], human: 'upperChest' },
    { name: 'Neck', parent: 'UpperChest', position: [0, Body.neckY, -0.01], human: 'neck' },
    { name: 'Head', parent: 'Neck', position: [0, Body.headY, -0.004], human: 'head' },
  ]
  return [...spine, ...sideBones('L'), ...sideBones('R')]
}
