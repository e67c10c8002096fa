// Where the avatar's glTF space sits in Babylon, and how the VRM vectors follow.
//
// glTF is right-handed (+Y up); Babylon's default scene is left-handed. Babylon's glTF loader
// normally parents a file under a `__root__` with rotation 180° about Y and scale (1, 1, -1),
// which maps a glTF point (x, y, z) to (-x, y, z). We give the loader our own root instead
// (`customRootNode`) and choose the mapping per format, so that every avatar ends up the same way:
// facing Babylon -Z (towards the studio camera), +Y up, its left hand towards +X.
//
// - VRM 1.0 faces glTF +Z: scale (1, 1, -1) alone maps (x, y, z) → (x, y, -z).
// - VRM 0.x faces glTF -Z (UniVRM 0.x mirrored Unity's Z on export): scale (1, 1, -1) then 180° about Y
//   maps (x, y, z) → (-x, y, z), which is Babylon's own `__root__` mapping.
//
// Node-local vectors (collider offsets, capsule tails, the look-at eye offset) need no conversion:
// Babylon keeps each node's glTF transform as it is, so a node's local space is the file's.
// VRM 0.x writes those vectors in Unity's local space, whose Z is the glTF Z negated.
// World directions (spring gravity) are in the file's scene space and go through the root mapping.
import type { AvatarFormat } from '../../model.ts'
import type { Vec3 } from './plan.ts'

/** The transform of the node that holds the glTF scene under the avatar root, per format. */
export interface GltfSpace {
  /** Rotation about Y, degrees. */
  readonly yawDeg: number
  readonly scale: Vec3
}

/** The glTF space of each format (see the file comment). */
export const GLTF_SPACE: Readonly<Record<AvatarFormat, GltfSpace>> = {
  vrm1: { yawDeg: 0, scale: [1, 1, -1] },
  vrm0: { yawDeg: 180, scale: [1, 1, -1] },
}

/** A direction in the file's glTF scene space, in the avatar root's (Babylon) space. */
export function directionFromGltf(format: AvatarFormat, v: Vec3): Vec3 {
  return format === 'vrm1' ? [v[0], v[1], -v[2]] : [-v[0], v[1], v[2]]
}

/** A node-local vector as VRM 0.x writes it (Unity's space), in the node's glTF space. */
export function localFromUnity(v: Vec3): Vec3 {
  return [v[0], v[1], -v[2]]
}

/** A VRM 0.x world direction (Unity's space), in the avatar root's (Babylon) space. */
export function directionFromUnity(v: Vec3): Vec3 {
  return directionFromGltf('vrm0', localFromUnity(v))
}
