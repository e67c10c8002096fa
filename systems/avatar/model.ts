// The avatar as every system sees it, whatever file it came from (VRM 1.0, VRM 0.x, or the
// project's own default anchor). The VRM loader builds one of these; the mixer, idle life,
// look-at and spring bones read it. Names and semantics follow VRM 1.0; 0.x is converted.
import type { Material } from '@babylonjs/core/Materials/material'
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture'
import type { MorphTarget } from '@babylonjs/core/Morph/morphTarget'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh'
import type { HumanoidHumanBoneName, Meta } from '@pixiv/types-vrmc-vrm-1.0'

/** The VRM 1.0 expression presets. Any other name is a custom expression. */
export const ExpressionPreset = {
  aa: 'aa', ih: 'ih', ou: 'ou', ee: 'ee', oh: 'oh',
  blink: 'blink', blinkLeft: 'blinkLeft', blinkRight: 'blinkRight',
  happy: 'happy', angry: 'angry', sad: 'sad', relaxed: 'relaxed', surprised: 'surprised',
  lookUp: 'lookUp', lookDown: 'lookDown', lookLeft: 'lookLeft', lookRight: 'lookRight',
  neutral: 'neutral',
} as const

/** A VRM 1.0 expression preset name. */
export type ExpressionPreset = (typeof ExpressionPreset)[keyof typeof ExpressionPreset]

/** Every preset, in the order above. */
export const EXPRESSION_PRESETS: readonly ExpressionPreset[] = Object.values(ExpressionPreset)

/** The mouth presets (visemes), which `overrideMouth` acts on. */
export const MOUTH_PRESETS: readonly ExpressionPreset[] = ['aa', 'ih', 'ou', 'ee', 'oh']
/** The blink presets, which `overrideBlink` acts on. */
export const BLINK_PRESETS: readonly ExpressionPreset[] = ['blink', 'blinkLeft', 'blinkRight']
/** The look presets, which `overrideLookAt` acts on. */
export const LOOK_PRESETS: readonly ExpressionPreset[] = ['lookUp', 'lookDown', 'lookLeft', 'lookRight']

/** How an active expression treats blink, look-at or mouth expressions (VRM 1.0 `override*`). */
export type OverrideMode = 'none' | 'block' | 'blend'

/** Drives one morph target: at expression weight 1 the target gets `weight` (0..1). */
export interface MorphBind {
  readonly target: MorphTarget
  readonly weight: number
}

/** VRM 1.0 material colour bind types. */
export type MaterialColorType = 'color' | 'emissionColor' | 'shadeColor' | 'matcapColor' | 'rimColor' | 'outlineColor'

/** Moves a material colour towards `targetValue` (linear RGBA) as the expression weight goes to 1. */
export interface MaterialColorBind {
  readonly material: Material
  readonly type: MaterialColorType
  readonly targetValue: readonly [number, number, number, number]
}

/** Moves a material's texture scale/offset towards these as the expression weight goes to 1. */
export interface TextureTransformBind {
  readonly material: Material
  readonly scale: readonly [number, number]
  readonly offset: readonly [number, number]
}

/** One expression of an avatar: what it moves and how it treats the others. */
export interface ExpressionDef {
  /** Preset name, or the custom name. */
  readonly name: string
  /** True for the presets. */
  readonly isPreset: boolean
  /** Weights snap to 0 or 1 (above 0.5 is 1). */
  readonly isBinary: boolean
  readonly overrideBlink: OverrideMode
  readonly overrideLookAt: OverrideMode
  readonly overrideMouth: OverrideMode
  readonly morphBinds: readonly MorphBind[]
  readonly materialColorBinds: readonly MaterialColorBind[]
  readonly textureTransformBinds: readonly TextureTransformBind[]
}

/** A VRM 1.0 human bone name (`hips`, `head`, `leftUpperArm`, …). */
export type HumanBoneName = HumanoidHumanBoneName

/** The bones VRM 1.0 requires of every humanoid. */
export const REQUIRED_HUMAN_BONES: readonly HumanBoneName[] = [
  'hips', 'spine', 'head',
  'leftUpperLeg', 'leftLowerLeg', 'leftFoot', 'rightUpperLeg', 'rightLowerLeg', 'rightFoot',
  'leftUpperArm', 'leftLowerArm', 'leftHand', 'rightUpperArm', 'rightLowerArm', 'rightHand',
]

/** Maps an input angle (degrees) to an output: bone degrees, or expression weight 0..1. */
export interface RangeMap {
  readonly inputMaxValue: number
  readonly outputScale: number
}

/** How the eyes follow a target (VRM 1.0 `lookAt`). */
export interface LookAtConfig {
  /** `bone`: rotate leftEye/rightEye bones; `expression`: drive lookUp/Down/Left/Right. */
  readonly type: 'bone' | 'expression'
  /** Eye position relative to the head bone, in the head's space (metres). */
  readonly offsetFromHeadBone: readonly [number, number, number]
  readonly rangeMapHorizontalInner: RangeMap
  readonly rangeMapHorizontalOuter: RangeMap
  readonly rangeMapVerticalDown: RangeMap
  readonly rangeMapVerticalUp: RangeMap
}

/** Which meshes show in first person (VR, a selfie camera) and which only to others. */
export interface FirstPersonAnnotation {
  readonly mesh: AbstractMesh
  readonly type: 'auto' | 'both' | 'thirdPersonOnly' | 'firstPersonOnly'
}

/** One joint of a spring chain (VRMC_springBone 1.0 semantics; lengths in metres). */
export interface SpringJoint {
  readonly node: TransformNode
  readonly hitRadius: number
  /** Pull back towards the rest direction, per second. */
  readonly stiffness: number
  readonly gravityPower: number
  /** Unit vector, world space (Babylon's left-handed space after loading). */
  readonly gravityDir: readonly [number, number, number]
  /** 0..1: share of velocity lost per update. */
  readonly dragForce: number
}

/** A collider shape, in the space of its node. */
export type ColliderShape =
  | { readonly kind: 'sphere'; readonly offset: readonly [number, number, number]; readonly radius: number }
  | { readonly kind: 'capsule'; readonly offset: readonly [number, number, number]; readonly tail: readonly [number, number, number]; readonly radius: number }

/** A collider attached to a node. */
export interface SpringCollider {
  readonly node: TransformNode
  readonly shape: ColliderShape
}

/** A chain of joints (hair strand, ribbon) and the colliders it avoids. */
export interface SpringChain {
  readonly name: string
  /** Root first; the last joint is the tail. */
  readonly joints: readonly SpringJoint[]
  readonly colliders: readonly SpringCollider[]
  /** Simulation happens in this node's space (so the chain follows a moving body), or world space when null. */
  readonly center: TransformNode | null
}

/** Licence and credit fields, VRM 1.0 names (0.x files are converted; unknown fields stay undefined). */
export type AvatarMeta = Meta

/** The texture slot of the face region, where a generated face (the GAN) is written. */
export interface FaceSlot {
  readonly material: Material
  /** The texture currently shown there. */
  texture: BaseTexture | null
}

/** Where the model came from. */
export type AvatarFormat = 'vrm1' | 'vrm0'

/** A loaded avatar, ready for the avatar systems. */
export interface AvatarModel {
  readonly format: AvatarFormat
  /** Root of the avatar's node tree; move it to place the avatar. */
  readonly root: TransformNode
  readonly meta: AvatarMeta
  /** Human bones present in the file (the required ones always are). */
  readonly humanoid: ReadonlyMap<HumanBoneName, TransformNode>
  /** Expressions by name: presets and custom ones. */
  readonly expressions: ReadonlyMap<string, ExpressionDef>
  readonly lookAt: LookAtConfig | null
  readonly firstPerson: readonly FirstPersonAnnotation[]
  readonly springs: readonly SpringChain[]
  /** The face texture slot, when the avatar has one (the default anchor does). */
  readonly face: FaceSlot | null
  /** Releases every mesh, material and texture of the avatar. */
  dispose(): void
}
