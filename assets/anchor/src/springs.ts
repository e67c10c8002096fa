// Spring-bone physics of the hair chains and the colliders they stay out of (VRMC_springBone 1.0).
import type { HairChain } from './hair.ts'
import { sub, type Vec3 } from './math.ts'
import type { ColliderGroupSpec, ColliderSpec, SpringSettings, SpringSpec } from './scene.ts'
import { Body } from './proportions.ts'

/** Physics per kind of lock: long twin tails swing slowly, the side locks and ahoge stay springy. */
const SETTINGS: Record<HairChain['kind'], SpringSettings> = {
  tail: { stiffness: 0.7, gravityPower: 0.15, dragForce: 0.45, hitRadius: 0.03 },
  side: { stiffness: 1.2, gravityPower: 0.1, dragForce: 0.5, hitRadius: 0.01 },
  back: { stiffness: 1.0, gravityPower: 0.1, dragForce: 0.45, hitRadius: 0.02 },
  ahoge: { stiffness: 2.0, gravityPower: 0, dragForce: 0.3, hitRadius: 0.005 },
}

/** Collider groups each kind of lock checks. */
const GROUPS: Record<HairChain['kind'], string[]> = {
  tail: ['Head', 'Torso', 'Arms'],
  side: ['Head', 'Torso'],
  back: ['Head', 'Torso'],
  ahoge: [],
}

/** Colliders in the space of their node (bones have identity rotation, so offsets are model-space differences). */
export function buildColliders(bone: (name: string) => Vec3): { colliders: ColliderSpec[]; groups: ColliderGroupSpec[] } {
  // Smaller than the skull (half-width 0.093 m) so locks resting on the head are not pushed off at rest.
  const colliders: ColliderSpec[] = [
    { name: 'HeadSphere', node: 'Head', kind: 'sphere', offset: sub(Body.headCentre, bone('Head')), radius: 0.088 },
    { name: 'UpperChestCapsule', node: 'UpperChest', kind: 'capsule', offset: [0, -0.07, -0.01], tail: [0, 0.05, -0.01], radius: 0.085 },
    { name: 'HipsSphere', node: 'Hips', kind: 'sphere', offset: [0, -0.02, 0], radius: 0.14 },
  ]
  for (const side of ['L', 'R']) {
    const tail = sub(bone(`LowerArm_${side}`), bone(`UpperArm_${side}`))
    colliders.push({ name: `UpperArmCapsule_${side}`, node: `UpperArm_${side}`, kind: 'capsule', offset: [0, 0, 0], tail, radius: 0.04 })
  }
  const groups: ColliderGroupSpec[] = [
    { name: 'Head', colliders: ['HeadSphere'] },
    { name: 'Torso', colliders: ['UpperChestCapsule', 'HipsSphere'] },
    { name: 'Arms', colliders: ['UpperArmCapsule_L', 'UpperArmCapsule_R'] },
  ]
  return { colliders, groups }
}

/** One spring per hair chain. */
export function buildSprings(chains: readonly HairChain[]): SpringSpec[] {
  return chains.map((c) => ({ name: c.name, joints: c.joints.map((j) => j.name), settings: SETTINGS[c.kind], colliderGroups: GROUPS[c.kind] }))
}
