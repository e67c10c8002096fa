import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTFLoaderExtension } from '@babylonjs/loaders/glTF/2.0/glTFLoaderExtension'
import { collectorOf, type VrmCollector } from './collector.ts'
import { parseVrm1 } from './parseVrm1.ts'
import type { AvatarPlan } from './plan.ts'
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
export class VRMC_vrm implements IGLTFLoaderExtension {
  /** The name of this extension. */
  readonly name = NAME
  /** Whether this extension runs; on when the file uses it. */
  enabled: boolean
  /** Order among extensions; it has no per-object hooks, so it only needs to be stable. */
  order = 100
  private loader: GLTFLoader | null
  private readonly collector: VrmCollector | null
  private plan: AvatarPlan | null = null

  constructor(loader: GLTFLoader) {
    this.loader = loader
    this.enabled = loader.isExtensionUsed(NAME)
    this.collector = collectorOf(loader, NAME)
  }

  dispose(): void {
    this.loader = null
    this.plan = null
  }

  /** Parses and checks the VRM JSON before anything is built. */
  onLoading(): void {
    if (!this.collector || !this.loader) return
    this.collector.attach(this.loader)
    this.plan = parseVrm1(this.loader.gltf)
  }

  /** Resolves the plan against the built scene. */
  onReady(): void {
    if (!this.collector || !this.loader || !this.plan) return
    this.collector.core = resolveCore(this.plan, this.loader.gltf)
  }
}
