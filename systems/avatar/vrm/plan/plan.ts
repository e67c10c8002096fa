// An avatar as read from the file's JSON, before Babylon objects exist: every node, mesh and
// material is still a glTF index. Parsing (VRM 1.0 or 0.x → plan) is pure and runs in Node tests;
// resolving (plan → AvatarModel parts) happens once Babylon has built the nodes.
import type { Meta } from '@pixiv/types-vrmc-vrm-1.0'
import type {
  AvatarFormat,
  ColliderShape,
  HumanBoneName,
  LookAtConfig,
  MaterialColorType,
  OverrideMode,
} from '../../model.ts'

/** A vector as three numbers. */
export type Vec3 = readonly [number, number, number]

/** Drives morph target `index` of every primitive of glTF node `node`. */
export interface MorphBindPlan {
  readonly node: number
  readonly index: number
  /** 0..1 at expression weight 1. */
  readonly weight: number
}

/** A material colour bind on glTF material `material`; `targetValue` is linear RGBA. */
export interface ColorBindPlan {
  readonly material: number
  readonly type: MaterialColorType
  readonly targetValue: readonly [number, number, number, number]
}

/** A texture transform bind on glTF material `material`. */
export interface TextureTransformBindPlan {
  readonly material: number
  readonly scale: readonly [number, number]
  readonly offset: readonly [number, number]
}

/** One expression, with glTF indices. */
export interface ExpressionPlan {
  readonly name: string
  readonly isPreset: boolean
  readonly isBinary: boolean
  readonly overrideBlink: OverrideMode
  readonly overrideLookAt: OverrideMode
  readonly overrideMouth: OverrideMode
  readonly morphBinds: readonly MorphBindPlan[]
  readonly materialColorBinds: readonly ColorBindPlan[]
  readonly textureTransformBinds: readonly TextureTransformBindPlan[]
}

/** One spring joint on glTF node `node`; `gravityDir` is already in Babylon's space (see README). */
export interface JointPlan {
  readonly node: number
  readonly hitRadius: number
  readonly stiffness: number
  readonly gravityPower: number
  readonly gravityDir: Vec3
  readonly dragForce: number
}

/** A collider on glTF node `node`; offsets are in the node's own space as Babylon loads it. */
export interface ColliderPlan {
  readonly node: number
  readonly shape: ColliderShape
}

/** A spring chain, root first. */
export interface SpringPlan {
  readonly name: string
  readonly joints: readonly JointPlan[]
  /**
   * When set, a tail node is generated this far (metres) past the last joint, continuing the
   * direction from its parent (VRM 0.x simulates leaf bones against such a virtual tail, 7 cm).
   */
  readonly virtualTailM: number | null
  /** Indices into `AvatarPlan.colliders`. */
  readonly colliders: readonly number[]
  readonly center: number | null
}

/** Which glTF nodes show in first person. */
export interface FirstPersonPlan {
  readonly node: number
  readonly type: 'auto' | 'both' | 'thirdPersonOnly' | 'firstPersonOnly'
}

/** Everything of an avatar that the loader reads from the VRM extensions, with glTF indices. */
export interface AvatarPlan {
  readonly format: AvatarFormat
  readonly meta: Meta
  readonly humanoid: ReadonlyMap<HumanBoneName, number>
  readonly expressions: readonly ExpressionPlan[]
  readonly lookAt: LookAtConfig | null
  readonly firstPerson: readonly FirstPersonPlan[]
  readonly colliders: readonly ColliderPlan[]
  readonly springs: readonly SpringPlan[]
}

/** The springs part of a plan (VRM 1.0 keeps it in its own extension, VRMC_springBone). */
export type SpringsPlan = Pick<AvatarPlan, 'colliders' | 'springs'>
