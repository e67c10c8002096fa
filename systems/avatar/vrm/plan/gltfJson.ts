// Small questions about a glTF file's JSON that parsing and checking ask again and again.
import type { IGLTF } from 'babylonjs-gltf2interface'
import type { Vec3 } from './plan.ts'

/** True when `value` is an integer index into an array of `length` items. */
export function isIndex(value: unknown, length: number): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value < length
}

/** A finite number, or `fallback` when the file gives none or something else. */
export function num(value: unknown, fallback: number): number {
  return typeof value === 'number' && Number.isFinite(value) ? value : fallback
}

/** A three-number array, or `fallback`. */
export function vec3(value: unknown, fallback: Vec3): Vec3 {
  if (!Array.isArray(value) || value.length < 3) return fallback
  return [num(value[0], fallback[0]), num(value[1], fallback[1]), num(value[2], fallback[2])]
}

/** A unit vector in the direction of `v`, or `fallback` for a zero vector. */
export function normalized(v: Vec3, fallback: Vec3): Vec3 {
  const length = Math.hypot(v[0], v[1], v[2])
  return length > 1e-9 ? [v[0] / length, v[1] / length, v[2] / length] : fallback
}

/** Clamps to 0..1. */
export function unit(value: number): number {
  return value < 0 ? 0 : value > 1 ? 1 : value
}

/** How many nodes, meshes and materials the file has. */
export function counts(gltf: IGLTF): { nodes: number; meshes: number; materials: number } {
  return { nodes: gltf.nodes?.length ?? 0, meshes: gltf.meshes?.length ?? 0, materials: gltf.materials?.length ?? 0 }
}

/** The parent of each node (`-1` for scene roots). */
export function parentsOf(gltf: IGLTF): Int32Array {
  const parents = new Int32Array(gltf.nodes?.length ?? 0).fill(-1)
  gltf.nodes?.forEach((node, i) => {
    for (const child of node.children ?? []) if (isIndex(child, parents.length)) parents[child] = i
  })
  return parents
}

/** True when node `node` is `ancestor` or lies under it. */
export function isUnder(parents: Int32Array, node: number, ancestor: number): boolean {
  // The walk is bounded by the node count, so a cyclic (broken) hierarchy cannot loop forever.
  for (let at = node, steps = 0; at >= 0 && steps <= parents.length; at = parents[at], steps++) {
    if (at === ancestor) return true
  }
  return false
}

/** The nodes that show mesh `mesh` (VRM 0.x binds name meshes where 1.0 names nodes). */
export function nodesWithMesh(gltf: IGLTF, mesh: number): number[] {
  const found: number[] = []
  gltf.nodes?.forEach((node, i) => {
    if (node.mesh === mesh) found.push(i)
  })
  return found
}

/** The number of morph targets of a mesh (every primitive of a mesh has the same count). */
export function morphTargetCount(gltf: IGLTF, mesh: number): number {
  return gltf.meshes?.[mesh]?.primitives?.[0]?.targets?.length ?? 0
}

/** A name for messages: the node's own name, or its index. */
export function nodeLabel(gltf: IGLTF, node: number): string {
  const name = gltf.nodes?.[node]?.name
  return name ? `node "${name}"` : `node ${node}`
}

/** A name for messages: the mesh's own name, or its index. */
export function meshLabel(gltf: IGLTF, mesh: number): string {
  const name = gltf.meshes?.[mesh]?.name
  return name ? `mesh "${name}"` : `mesh ${mesh}`
}
