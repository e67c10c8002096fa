// Measuring bone directions in the avatar unit tests.
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'

/** Recomputes world matrices from the top ancestor down to `node`. */
export function refresh(node: TransformNode): Matrix {
  const parent = node.parent as TransformNode | null
  if (parent) refresh(parent)
  return node.computeWorldMatrix(true)
}

/** Remembers a node's world matrix now, to see later where a world direction fixed to the node went. */
export function tracker(node: TransformNode): (worldDirectionAtRest: Vector3) => Vector3 {
  const toRest = refresh(node).clone().invert()
  return (dir) => {
    const local = Vector3.TransformNormal(dir, toRest)
    return Vector3.TransformNormal(local, refresh(node)).normalize()
  }
}

/** Degrees from `from` towards `towards` of `v` projected on their plane (both unit and orthogonal). */
export function angleDeg(v: Vector3, from: Vector3, towards: Vector3): number {
  return (Math.atan2(Vector3.Dot(v, towards), Vector3.Dot(v, from)) * 180) / Math.PI
}

/** cos θ · a + sin θ · b, θ in degrees. */
export function turn(a: Vector3, b: Vector3, deg: number): Vector3 {
  const r = (deg * Math.PI) / 180
  return a.scale(Math.cos(r)).add(b.scale(Math.sin(r)))
}
