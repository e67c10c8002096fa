// Babylon's glTF loader, set up once: the file loader, the glTF 2.0 loader, Babylon's own glTF
// extensions (loaded on demand) and the VRM extensions.
import '@babylonjs/core/Meshes/instancedMesh'
import '@babylonjs/loaders/glTF/glTFFileLoader'
import '@babylonjs/loaders/glTF/2.0/glTFLoader'
import { registerBuiltInGLTFExtensions } from '@babylonjs/loaders/glTF/2.0/Extensions/dynamic'
import type { IGLTF } from 'babylonjs-gltf2interface'
import { registerVrmExtensions } from './extensions/index.ts'

let ready = false

/** Registers the loaders and extensions (idempotent). */
export function ensureGltfLoader(): void {
  if (ready) return
  ready = true
  registerBuiltInGLTFExtensions()
  registerVrmExtensions()
}

/**
 * Adds the extensions a file uses but forgot to list in `extensionsUsed` (some 0.x exporters do),
 * since Babylon only runs extensions that are listed.
 */
export function listUsedExtensions(json: IGLTF, names: readonly string[]): void {
  const used = new Set(json.extensionsUsed ?? [])
  for (const name of names) {
    const present = json.extensions?.[name] !== undefined || json.materials?.some((m) => m.extensions?.[name] !== undefined)
    if (present) used.add(name)
  }
  json.extensionsUsed = [...used]
}
