import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import { parseSpringBone1, type SpringsPlan } from '../plan/index.ts'
import type { VrmCollector } from './collector.ts'
import { PlannedExtension } from './plannedExtension.ts'
import { resolveSprings } from './resolve.ts'

const NAME = 'VRMC_springBone'

/**
 * Reads VRM 1.0 spring bones: springs (joint chains with stiffness, gravity, drag and hit radius),
 * sphere and capsule colliders, collider groups and centres. Gravity is converted to the avatar's
 * Babylon space; collider offsets stay in their node's space (see coordinates.ts).
 *
 * [Specification](https://github.com/vrm-c/vrm-specification/blob/master/specification/VRMC_springBone-1.0/README.md)
 */
export class VRMC_springBone extends PlannedExtension<SpringsPlan> {
  constructor(loader: GLTFLoader) {
    // After VRMC_vrm; no per-object hooks, so the order only needs to be stable.
    super(NAME, 101, loader)
  }

  protected parse(gltf: IGLTF): SpringsPlan {
    return parseSpringBone1(gltf)
  }

  protected resolve(plan: SpringsPlan, gltf: IGLTF, collector: VrmCollector): void {
    collector.springs = resolveSprings(plan, gltf, collector)
  }
}
