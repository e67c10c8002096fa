// The shape shared by the VRM loader extensions: parse and check the extension's JSON into a plan
// as loading starts (a bad file fails before meshes are built), then resolve the plan against the
// built scene and hand the result to the load's `VrmCollector`.
import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTFLoaderExtension } from '@babylonjs/loaders/glTF/2.0/glTFLoaderExtension'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import { collectorOf, type VrmCollector } from './collector.ts'

/**
 * A glTF loader extension that turns its JSON into a plan `P`. Without a collector (a plain
 * SceneLoader call, not `loadAvatar`) it does nothing.
 */
export abstract class PlannedExtension<P> implements IGLTFLoaderExtension {
  /** Whether this extension runs; on when the file uses it. */
  enabled: boolean
  protected loader: GLTFLoader | null
  private readonly collector: VrmCollector | null
  private plan: P | null = null

  /**
   * @param name the glTF extension name this class reads.
   * @param order order among the loader's extensions (lower runs first).
   */
  constructor(
    readonly name: string,
    readonly order: number,
    loader: GLTFLoader,
  ) {
    this.loader = loader
    this.enabled = loader.isExtensionUsed(name)
    this.collector = collectorOf(loader, name)
  }

  /** Parses and checks the extension's JSON; throws an `AvatarLoadError` for a bad file. */
  protected abstract parse(gltf: IGLTF): P

  /** Resolves the plan against the built scene into the collector. */
  protected abstract resolve(plan: P, gltf: IGLTF, collector: VrmCollector): void

  dispose(): void {
    this.loader = null
    this.plan = null
  }

  /** Parses and checks before anything is built. */
  onLoading(): void {
    if (!this.collector || !this.loader) return
    this.collector.attach(this.loader)
    this.plan = this.parse(this.loader.gltf)
  }

  /** Resolves the plan once the scene is built. */
  onReady(): void {
    if (!this.collector || !this.loader || !this.plan) return
    this.resolve(this.plan, this.loader.gltf, this.collector)
  }
}
