// VRMC_springBone 1.0 JSON → springs plan. Spec: https://github.com/vrm-c/vrm-specification/tree/master/specification/VRMC_springBone-1.0
import type { IGLTF } from 'babylonjs-gltf2interface'
import type { SpringBoneCollider, SpringBoneJoint, VRMCSpringBone } from '@pixiv/types-vrmc-springbone-1.0'
import type { ColliderShape } from '../../model.ts'
import { directionFromGltf } from './coordinates.ts'
import { isIndex, normalized, num, vec3 } from './gltfJson.ts'
import type { ColliderPlan, JointPlan, SpringPlan, SpringsPlan, Vec3 } from './plan.ts'
import { refuse, springProblems } from './validate.ts'

const ZERO: Vec3 = [0, 0, 0]
const DOWN: Vec3 = [0, -1, 0]

/** Reads `extensions.VRMC_springBone`; an avatar without it has no springs. */
export function parseSpringBone1(gltf: IGLTF): SpringsPlan {
  const ext = gltf.extensions?.VRMC_springBone as VRMCSpringBone | undefined
  if (!ext || typeof ext !== 'object') return { colliders: [], springs: [] }
  const colliders = (ext.colliders ?? []).map(parseCollider)
  const groups = (ext.colliderGroups ?? []).map((g) => (g.colliders ?? []).filter((c) => isIndex(c, colliders.length)))
  const springs: SpringPlan[] = []
  ;(ext.springs ?? []).forEach((spring, i) => {
    const joints = (spring.joints ?? []).map(parseJoint)
    // One joint has no tail to swing towards: the spec makes it a no-op, so it is skipped.
    if (joints.length < 2) return
    const inGroups = (spring.colliderGroups ?? []).filter((g) => isIndex(g, groups.length)).flatMap((g) => groups[g])
    springs.push({
      name: spring.name || `spring ${i}`,
      joints,
      virtualTailM: null,
      colliders: [...new Set(inGroups)],
      center: typeof spring.center === 'number' ? spring.center : null,
    })
  })
  const plan = { colliders, springs }
  refuse(springProblems(plan, gltf))
  return plan
}

function parseCollider(collider: SpringBoneCollider): ColliderPlan {
  const node = typeof collider.node === 'number' ? collider.node : -1
  const capsule = collider.shape?.capsule
  // Offsets are node-local, and Babylon keeps the file's node spaces, so they need no conversion.
  const shape: ColliderShape = capsule
    ? { kind: 'capsule', offset: vec3(capsule.offset, ZERO), tail: vec3(capsule.tail, ZERO), radius: num(capsule.radius, 0) }
    : { kind: 'sphere', offset: vec3(collider.shape?.sphere?.offset, ZERO), radius: num(collider.shape?.sphere?.radius, 0) }
  return { node, shape }
}

function parseJoint(joint: SpringBoneJoint): JointPlan {
  return {
    node: typeof joint.node === 'number' ? joint.node : -1,
    // Defaults are the schema's.
    hitRadius: num(joint.hitRadius, 0),
    stiffness: num(joint.stiffness, 1),
    gravityPower: num(joint.gravityPower, 0),
    // Gravity is a world direction in the file's space; the avatar root maps glTF (x, y, z) to (x, y, -z).
    gravityDir: directionFromGltf('vrm1', normalized(vec3(joint.gravityDir, DOWN), DOWN)),
    dragForce: num(joint.dragForce, 0.5),
  }
}
