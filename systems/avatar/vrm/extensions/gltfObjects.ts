// glTF index → the Babylon object the glTF loader made for it (the "resolve" half of loading).
// Babylon 9's loader links them on its JSON objects: `nodes[i]._babylonTransformNode`,
// `nodes[i]._primitiveBabylonMeshes` (one mesh per primitive), `materials[i]._data[drawMode].babylonMaterial`.
import { Material } from '@babylonjs/core/Materials/material'
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { MorphTarget } from '@babylonjs/core/Morph/morphTarget'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import { AvatarLoadError, AvatarLoadErrorCode } from '../errors.ts'

/** The Babylon node of glTF node `index`; a missing one means the loader skipped it, which the plan checks rule out. */
export function nodeAt(gltf: IGLTF, index: number): TransformNode {
  const node = gltf.nodes?.[index]?._babylonTransformNode
  if (!node) throw new AvatarLoadError(AvatarLoadErrorCode.broken, `Node ${index} of this file was not built, so the avatar cannot be assembled.`)
  return node
}

/** The Babylon meshes of glTF node `index` (one per primitive; none for a node without a mesh). */
export function meshesAt(gltf: IGLTF, index: number): AbstractMesh[] {
  return gltf.nodes?.[index]?._primitiveBabylonMeshes ?? []
}

/** Morph target `target` of every primitive of glTF node `index`, each once (instances share their source's targets). */
export function morphTargetsAt(gltf: IGLTF, index: number, target: number): MorphTarget[] {
  const found = new Set<MorphTarget>()
  for (const mesh of meshesAt(gltf, index)) {
    const t = mesh.morphTargetManager?.getTarget(target)
    if (t) found.add(t)
  }
  return [...found]
}

/** The Babylon material of glTF material `index`, or null when no mesh uses it (the loader builds only used materials). */
export function materialAt(gltf: IGLTF, index: number): Material | null {
  return gltf.materials?.[index]?._data?.[Material.TriangleFillMode]?.babylonMaterial ?? null
}
