// Registers the VRM extensions with Babylon's glTF loader, by name, as Babylon registers its own.
import { registerGLTFExtension, unregisterGLTFExtension } from '@babylonjs/loaders/glTF/2.0/glTFLoaderExtensionRegistry'
import { VRM } from './VRM.ts'
import { VRMC_materials_mtoon } from './VRMC_materials_mtoon.ts'
import { VRMC_springBone } from './VRMC_springBone.ts'
import { VRMC_vrm } from './VRMC_vrm.ts'

/** The spec ids this loader reads, each a glTF extension name. */
export const VRM_EXTENSION_NAMES = ['VRMC_vrm', 'VRMC_springBone', 'VRMC_materials_mtoon', 'VRM'] as const

let registered = false

/** Registers the four VRM extensions (safe to call again; only the first call does anything). */
export function registerVrmExtensions(): void {
  if (registered) return
  registered = true
  const factories = {
    VRMC_vrm: (loader) => new VRMC_vrm(loader),
    VRMC_springBone: (loader) => new VRMC_springBone(loader),
    VRMC_materials_mtoon: (loader) => new VRMC_materials_mtoon(loader),
    VRM: (loader) => new VRM(loader),
  } satisfies Record<(typeof VRM_EXTENSION_NAMES)[number], Parameters<typeof registerGLTFExtension>[2]>
  for (const name of VRM_EXTENSION_NAMES) {
    unregisterGLTFExtension(name)
    // true: used only for files that list the extension in extensionsUsed (loadAvatar makes sure they do).
    registerGLTFExtension(name, true, factories[name])
  }
}
