// What the avatar systems precompute per avatar at spawn: private to systems/avatar.
import { defineObject } from '../../engine/index.ts'
import type { ExpressionPlan } from './expressionPlan.ts'
import type { LookAtApplier } from './lookAt.ts'
import type { BoneDriver } from './pose.ts'
import type { SpringRig } from './springBone/index.ts'

/** The bones the pose systems drive, each with its rest pose. */
export interface PoseRig {
  readonly hips: BoneDriver
  readonly neck: BoneDriver | null
  readonly head: BoneDriver
  /** The bone breathing tilts: chest, else upperChest, else spine. */
  readonly chest: BoneDriver
}

/** One avatar's precomputed state: expression plan, bones at rest, look-at strategy, spring chains. */
export class AvatarRig {
  constructor(
    readonly expressions: ExpressionPlan,
    readonly pose: PoseRig,
    readonly lookAt: LookAtApplier | null,
    readonly springs: SpringRig,
  ) {}
}

/** The rig of an avatar entity (added by `spawnAvatar`). */
export const Rig = defineObject<AvatarRig>('AvatarRig')
