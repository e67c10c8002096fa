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

/** The placeholder host's colours, sRGB hex. */
export const AnchorColours = {
  skin: '#FBE0D0',
  blush: '#FF9FB2',
  hair: '#7A66B8',
  hairShine: '#A896E0',
  eye: '#3B2F63',
  eyeShine: '#FFFFFF',
  mouth: '#C8566E',
  top: '#FFFFFF',
  dress: '#3FA9A8',
  ribbon: '#FF7A93',
  legs: '#3A3350',
  shoes: '#6A4E86',
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

/** Gives a material a soft highlight; `amount` 0..1, `sharpness` is Babylon's specular power. */
export function withSheen(material: StandardMaterial, amount: number, sharpness = 32): StandardMaterial {
  material.specularColor = new Color3(amount, amount, amount)
  material.specularPower = sharpness
  return material
}
