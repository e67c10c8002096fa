// Disposes what a failed load built. Babylon's loader hands its asset container over only on
// success, so after a failure the objects are found through the links the loader left on its glTF JSON.
import type { IDisposable } from '@babylonjs/core/scene'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import type { VrmCollector } from './extensions/index.ts'

/** Disposes every Babylon object the failed load made (nodes, meshes, morph targets, skeletons, materials, textures, animations). */
export function disposeFailedLoad(collector: VrmCollector): void {
  const gltf = collector.gltf
  const objects = new Set<IDisposable>(collector.extraNodes)
  if (gltf) for (const o of createdBy(gltf)) objects.add(o)
  for (const o of objects) {
    try {
      o.dispose()
    } catch (err) {
      // A half-built object may fail to dispose; the rest must still go, and the original error is what matters.
      console.warn('Could not dispose part of a failed avatar load', err)
    }
  }
}

function* createdBy(gltf: IGLTF): Generator<IDisposable> {
  for (const animation of gltf.animations ?? []) if (animation._babylonAnimationGroup) yield animation._babylonAnimationGroup
  for (const skin of gltf.skins ?? []) if (skin._data) yield skin._data.babylonSkeleton
  for (const node of gltf.nodes ?? []) {
    for (const mesh of node._primitiveBabylonMeshes ?? []) {
      if (mesh.morphTargetManager) yield mesh.morphTargetManager
      yield mesh
    }
    if (node._babylonTransformNode) yield node._babylonTransformNode
  }
  for (const material of gltf.materials ?? []) for (const data of Object.values(material._data ?? {})) yield data.babylonMaterial
  for (const texture of gltf.textures ?? []) for (const t of texture._babylonTextures ?? []) yield t
}
