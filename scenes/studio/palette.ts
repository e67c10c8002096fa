import { Color3 } from '@babylonjs/core/Maths/math.color'
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import type { Scene } from '@babylonjs/core/scene'

/** The set's colours, sRGB hex: soft pastels that keep the host the brightest thing on screen. */
export const SetColours = {
  backdrop: '#C9B8E8',
  floor: '#B7A6D6',
  stage: '#DDCCEB',
  halo: '#FFF1DC',
} as const

/** A matte material (no highlight); `glow` (0..1) lifts its shadowed side so colours stay pastel, not grey. */
export function matte(scene: Scene, name: string, hex: string, glow = 0.08): StandardMaterial {
  const material = new StandardMaterial(name, scene)
  const colour = Color3.FromHexString(hex)
  material.diffuseColor = colour
  material.specularColor = Color3.Black()
  material.emissiveColor = colour.scale(glow)
  return material
}
