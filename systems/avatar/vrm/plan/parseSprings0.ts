// VRM 0.x `secondaryAnimation` → springs plan with VRMC_springBone 1.0 semantics.
//
// 0.x lists root bones per group; UniVRM simulates every node under each root, each one swinging
// towards its first child, and a leaf towards a virtual tail 7 cm further on. As chains: from a
// root, follow first children to a leaf; every other child starts a chain of its own. Settings are
// per group in 0.x and are copied to each joint.
import type { IGLTF } from 'babylonjs-gltf2interface'
import type { SecondaryAnimation, SecondaryAnimationSpring } from '@pixiv/types-vrm-0.0'
import { directionFromUnity, localFromUnity } from './coordinates.ts'
import { isIndex, normalized, num } from './gltfJson.ts'
import type { ColliderPlan, JointPlan, SpringPlan, SpringsPlan, Vec3 } from './plan.ts'
import { VRM0_VIRTUAL_TAIL_M } from './vrm0Names.ts'

const DOWN: Vec3 = [0, -1, 0]

/** Reads 0.x spring bone groups and collider groups (unchecked); offsets and gravity are converted from Unity's space. */
export function parseSprings0(secondary: SecondaryAnimation | undefined, gltf: IGLTF): SpringsPlan {
  const nodeCount = gltf.nodes?.length ?? 0
  const colliders: ColliderPlan[] = []
  const groups: number[][] = (secondary?.colliderGroups ?? []).map((group) => {
    const node = typeof group.node === 'number' ? group.node : -1
    return (group.colliders ?? []).map((c) => {
      const offset: Vec3 = localFromUnity([num(c.offset?.x, 0), num(c.offset?.y, 0), num(c.offset?.z, 0)])
      return colliders.push({ node, shape: { kind: 'sphere', offset, radius: num(c.radius, 0) } }) - 1
    })
  })
  const springs: SpringPlan[] = []
  // A node listed under two roots (or two groups) would be simulated twice and fight itself; the first claim wins.
  const claimed = new Set<number>()
  ;(secondary?.boneGroups ?? []).forEach((group, g) => {
    const joint = jointSettings(group)
    const inGroups = (group.colliderGroups ?? []).filter((i) => isIndex(i, groups.length)).flatMap((i) => groups[i])
    const center = typeof group.center === 'number' && group.center >= 0 ? group.center : null
    for (const root of group.bones ?? []) {
      if (!isIndex(root, nodeCount)) {
        springs.push({ name: `bone group ${g}`, joints: [joint(root)], virtualTailM: VRM0_VIRTUAL_TAIL_M, colliders: [], center })
        continue
      }
      for (const path of chainsFrom(gltf, root, claimed)) {
        springs.push({
          name: `${group.comment || `bone group ${g}`}: ${gltf.nodes![path[0]].name ?? `node ${path[0]}`}`,
          joints: path.map(joint),
          virtualTailM: VRM0_VIRTUAL_TAIL_M,
          colliders: [...new Set(inGroups)],
          center,
        })
      }
    }
  })
  // Node indices are checked by the caller with the bones and expressions, so one message names every problem.
  return { colliders, springs }
}

function jointSettings(group: SecondaryAnimationSpring): (node: number) => JointPlan {
  const g = group.gravityDir
  const gravityDir = directionFromUnity(normalized([num(g?.x, 0), num(g?.y, -1), num(g?.z, 0)], DOWN))
  // Defaults are UniVRM's component defaults.
  const settings = {
    hitRadius: num(group.hitRadius, 0.02),
    stiffness: num(group.stiffiness, 1),
    gravityPower: num(group.gravityPower, 0),
    gravityDir,
    dragForce: num(group.dragForce, 0.4),
  }
  return (node) => ({ node, ...settings })
}

/** The node paths under `root`: first children continue a path, other children start new ones. */
export function chainsFrom(gltf: IGLTF, root: number, claimed: Set<number>): number[][] {
  const nodes = gltf.nodes ?? []
  const chains: number[][] = []
  const starts = [root]
  while (starts.length > 0) {
    const start = starts.shift()!
    if (claimed.has(start)) continue
    const path: number[] = []
    for (let at: number | undefined = start; at !== undefined && !claimed.has(at); ) {
      claimed.add(at)
      path.push(at)
      const children: number[] = (nodes[at].children ?? []).filter((c) => isIndex(c, nodes.length))
      starts.push(...children.slice(1))
      at = children[0]
    }
    chains.push(path)
  }
  return chains
}
