// Where a VRM material bind lands on a Babylon material: which colour property, which textures.
import { Color3 } from '@babylonjs/core/Maths/math.color'
import { Texture } from '@babylonjs/core/Materials/Textures/texture'
import type { Material } from '@babylonjs/core/Materials/material'
import type { MaterialColorType } from './model.ts'

/**
 * Babylon property names that play each VRM colour role, first match wins: Standard and PBR
 * materials, PBRMetallicRoughness, and the MToon port's names. A type with no match on a material
 * (a matcap on a PBR material, say) is skipped and reported, as VRM viewers do for missing features.
 */
const COLOR_PROPERTIES: Readonly<Record<MaterialColorType, readonly string[]>> = {
  color: ['albedoColor', 'diffuseColor', 'baseColor'],
  emissionColor: ['emissiveColor'],
  shadeColor: ['shadeColor'],
  matcapColor: ['matcapFactor', 'matCapColor', 'matcapColor'],
  rimColor: ['rimColor', 'parametricRimColor'],
  outlineColor: ['outlineColor'],
}

/** The Babylon colour a bind drives, or null when the material has none for that role. */
export function colorProperty(material: Material, type: MaterialColorType): { name: string; color: Color3 } | null {
  const fields = material as unknown as Record<string, unknown>
  for (const name of COLOR_PROPERTIES[type]) {
    const value = fields[name]
    if (value instanceof Color3) return { name, color: value }
  }
  return null
}

/** The textures of a material whose scale and offset a texture-transform bind moves. */
export function transformableTextures(material: Material): Texture[] {
  return material.getActiveTextures().filter((t): t is Texture => t instanceof Texture)
}
