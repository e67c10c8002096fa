import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTFLoaderExtension } from '@babylonjs/loaders/glTF/2.0/glTFLoaderExtension'
import { collectorOf, type VrmCollector } from './collector.ts'
import { parseSpringBone1 } from './parseSpringBone1.ts'
import type { SpringsPlan } from './plan.ts'
import { resolveSprings } from './resolve.ts'

const NAME = 'VRMC_springBone'

/**
 * Reads VRM 1.0 spring bones: springs (joint chains with stiffness, gravity, drag and hit radius),
 * sphere and capsule colliders, collider groups and centres. Gravity is converted to the avatar's
 * Babylon space; collider offsets stay in their node's space (see coordinates.ts).
 *
 * [Specification](https://github.com/vrm-c/vrm-specification/blob/master/specification/VRMC_springBone-1.0/README.md)
 */
export class VRMC_springBone implements IGLTFLoaderExtension {
  /** The name of this extension. */
  readonly name = NAME
  /** Whether this extension runs; on when the file uses it. */
  enabled: boolean
  /** Order among extensions; it has no per-object hooks, so it only needs to be stable. */
  order = 101
  private loader: GLTFLoader | null
  private readonly collector: VrmCollector | null
  private plan: SpringsPlan | null = null

  constructor(loader: GLTFLoader) {
    this.loader = loader
    this.enabled = loader.isExtensionUsed(NAME)
    this.collector = collectorOf(loader, NAME)
  }

  dispose(): void {
    this.loader = null
    this.plan = null
  }

  /** Parses and checks the springs before anything is built. */
  onLoading(): void {
    if (!this.collector || !this.loader) return
    this.collector.attach(this.loader)
    this.plan = parseSpringBone1(this.loader.gltf)
  }

  /** Resolves the springs against the built scene. */
  onReady(): void {
    if (!this.collector || !this.loader || !this.plan) return
    this.collector.springs = resolveSprings(this.plan, this.loader.gltf, this.collector)
  }
}
