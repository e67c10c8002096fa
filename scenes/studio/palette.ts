import { Color3 } from '@babylonjs/core/Maths/math.color'
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import type { Scene } from '@babylonjs/core/scene'

/** The studio's colours, sRGB hex: a soft pastel set that reads well on a stream thumbnail. */
export const Palette = {
  backdropTop: '#F4E3F1',
  backdrop: '#E7DDF5',
  floor: '#F3EEF8',
  halo: '#FFF6E8',
  skin: '#FBE0D0',
  blush: '#FF9FB2',
  hair: '#7A66B8',
  hairShine: '#A896E0',
  eye: '#3B2F63',
  eyeShine: '#FFFFFF',
  mouth: '#C8566E',
  top: '#FFFFFF',
  dress: '#5FC6C1',
  ribbon: '#FF7A93',
  legs: '#3A3350',
  shoes: '#6A4E86',
} as const

/** A matte material with a faint sheen; `glow` (0..1) lifts shadows so colours stay pastel under the key light. */
export function matte(scene: Scene, name: string, hex: string, glow = 0.18): StandardMaterial {
  const material = new StandardMaterial(name, scene)
  const colour = Color3.FromHexString(hex)
  material.diffuseColor = colour
  material.specularColor = new Color3(0.08, 0.08, 0.08)
  material.specularPower = 24
  material.emissiveColor = colour.scale(glow)
  return material
}
