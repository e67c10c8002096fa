// Puts the resolved parts of a load together as the AvatarModel every avatar system reads.
import type { AssetContainer } from '@babylonjs/core/assetContainer'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { AvatarModel, SpringChain } from '../model.ts'
import type { ResolvedCore } from './extensions/index.ts'

/** What a successful load made: the avatar root, the container holding every object, and the VRM extensions' output. */
export interface LoadedParts {
  readonly root: TransformNode
  readonly container: AssetContainer
  readonly core: ResolvedCore
  readonly springs: readonly SpringChain[]
}

/** The AvatarModel of a load; `dispose` removes and releases every mesh, material, texture and node, once. */
export function assembleModel(parts: LoadedParts): AvatarModel {
  const { root, container, core, springs } = parts
  let disposed = false
  return {
    format: core.format,
    root,
    meta: core.meta,
    humanoid: core.humanoid,
    expressions: core.expressions,
    lookAt: core.lookAt,
    firstPerson: core.firstPerson,
    springs,
    face: core.face,
    dispose() {
      if (disposed) return
      disposed = true
      // The container holds the loader's objects and the avatar's own nodes (root, glTF space, spring tails).
      container.removeAllFromScene()
      container.dispose()
    },
  }
}
