// The channel between one `loadAvatar` call and the VRM loader extensions of that load: the
// extensions write what they resolved here, `loadAvatar` builds the AvatarModel from it.
// It is passed per load through the glTF loader's `extensionOptions`, so concurrent loads never mix.
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import type { AvatarModel, SpringChain } from '../../model.ts'

/** The non-spring parts of an avatar, resolved to Babylon objects: the model's own fields, not a copy of them. */
export type ResolvedCore = Pick<AvatarModel, 'format' | 'meta' | 'humanoid' | 'expressions' | 'lookAt' | 'firstPerson' | 'face'>

/** What the VRM extensions of one load produced. */
export class VrmCollector {
  /** The loader's glTF (with its `_babylon*` links), kept so a failed load can be cleaned up. */
  gltf: IGLTF | null = null
  core: ResolvedCore | null = null
  springs: readonly SpringChain[] | null = null
  /** Nodes the extensions made that the glTF loader does not know of (VRM 0.x virtual tails). */
  readonly extraNodes: TransformNode[] = []

  /** Called by each extension as the load starts. */
  attach(loader: GLTFLoader): void {
    this.gltf = loader.gltf
  }
}

/** The collector given to extension `name` for this load, or null when the load has none (a plain SceneLoader call). */
export function collectorOf(loader: GLTFLoader, name: string): VrmCollector | null {
  const options: unknown = loader.parent.extensionOptions[name]
  if (!options || typeof options !== 'object') return null
  const collector: unknown = (options as { collector?: unknown }).collector
  return collector instanceof VrmCollector ? collector : null
}

/** Extension options that hand `collector` to every VRM extension. */
export function collectorOptions(collector: VrmCollector, names: readonly string[], disabled: readonly string[] = []): Record<string, { collector: VrmCollector; enabled: boolean }> {
  return Object.fromEntries(names.map((name) => [name, { collector, enabled: !disabled.includes(name) }]))
}
