// Where a generated face (the GAN) is drawn: the material the file marks as its face slot.
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture'
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import type { FaceSlot } from '../../model.ts'
import { materialAt } from './gltfObjects.ts'

/** The glTF material `extras` flag that marks the face slot (the default anchor sets it). */
export const FACE_SLOT_EXTRA = 'genanchorFaceSlot'

/** The face slot of a loaded file: the first used material whose extras carry `genanchorFaceSlot: true`. */
export function findFaceSlot(gltf: IGLTF): FaceSlot | null {
  const index = gltf.materials?.findIndex((m) => (m.extras as Record<string, unknown> | undefined)?.[FACE_SLOT_EXTRA] === true) ?? -1
  const material = index >= 0 ? materialAt(gltf, index) : null
  if (!material) return null
  return { material, texture: baseTextureOf(material) }
}

/** The base colour texture of the materials the loader makes (toon StandardMaterial, or PBR's albedo). */
export function baseTextureOf(material: object): BaseTexture | null {
  if (material instanceof StandardMaterial) return material.diffuseTexture
  // PBR is read by its field so that this module does not pull the PBR material code in.
  const albedo: unknown = (material as { albedoTexture?: unknown }).albedoTexture
  return albedo && typeof albedo === 'object' ? (albedo as BaseTexture) : null
}
