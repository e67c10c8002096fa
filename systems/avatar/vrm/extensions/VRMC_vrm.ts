import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import { parseVrm1, type AvatarPlan } from '../plan/index.ts'
import type { VrmCollector } from './collector.ts'
import { PlannedExtension } from './plannedExtension.ts'
import { resolveCore } from './resolve.ts'

const NAME = 'VRMC_vrm'

/**
 * Reads VRM 1.0's avatar data: meta, humanoid, expressions, look-at and first person. The JSON is
 * parsed and checked as loading starts (a bad file fails before meshes are built); once the scene
 * is built, its glTF indices are resolved to Babylon nodes, morph targets and materials and handed
 * to the load's `VrmCollector`. Without a collector (a plain SceneLoader call) it does nothing.
 *
 * [Specification](https://github.com/vrm-c/vrm-specification/blob/master/specification/VRMC_vrm-1.0/README.md)
 */
export class VRMC_vrm extends PlannedExtension<AvatarPlan> {
  constructor(loader: GLTFLoader) {
    // It has no per-object hooks, so its order only needs to be stable.
    super(NAME, 100, loader)
  }

  protected parse(gltf: IGLTF): AvatarPlan {
    return parseVrm1(gltf)
  }

  protected resolve(plan: AvatarPlan, gltf: IGLTF, collector: VrmCollector): void {
    collector.core = resolveCore(plan, gltf)
  }
}
