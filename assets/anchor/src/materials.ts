// Materials and the textures they use. Lit parts (skin, clothes, hair) get a glTF PBR fallback
// plus MToon settings; the drawn face features are unlit, flat colour.
import { hexToLinear, type Rgba } from './math.ts'
import { Palette } from './palette.ts'
import type { AlphaMode, MaterialDef, TextureDef } from './scene.ts'
import { blushTexture, collarTexture, faceTexture, hairTexture, irisTexture, mouthTexture, skirtTexture } from './textures.ts'

/** Name of the face region's material: the texture slot the generated face is written to. */
export const FACE_MATERIAL = 'FaceSkin'
/** Name of the face texture. */
export const FACE_TEXTURE = 'FaceTexture'

const rgb = (hex: string): readonly [number, number, number] => {
  const [r, g, b] = hexToLinear(hex)
  return [r, g, b]
}

const WHITE: Rgba = [1, 1, 1, 1]

interface Options {
  texture?: string
  alphaMode?: AlphaMode
  alphaCutoff?: number
  doubleSided?: boolean
  unlit?: boolean
  outlineM?: number
  faceSlot?: boolean
}

function material(name: string, color: Rgba, shade: readonly [number, number, number], o: Options = {}): MaterialDef {
  return {
    name,
    color,
    texture: o.texture,
    alphaMode: o.alphaMode ?? 'OPAQUE',
    alphaCutoff: o.alphaCutoff,
    doubleSided: o.doubleSided ?? false,
    unlit: o.unlit ?? false,
    shade,
    outlineM: o.outlineM ?? 0,
    faceSlot: o.faceSlot ?? false,
  }
}

/** Outline width of clothes and hair in MToon viewers (m). */
const OUTLINE_M = 0.0012

/** Every material of the anchor, in file order. */
export function buildMaterials(): MaterialDef[] {
  const flat = (name: string, hex: string, o: Options = {}): MaterialDef => material(name, hexToLinear(hex), rgb(hex), { unlit: true, doubleSided: true, ...o })
  return [
    material('Skin', hexToLinear(Palette.skin), rgb(Palette.skinShade)),
    material(FACE_MATERIAL, WHITE, rgb(Palette.skinShade), { texture: FACE_TEXTURE, faceSlot: true }),
    material('Hair', WHITE, [0.78, 0.62, 0.72], { texture: 'HairTexture', doubleSided: true, outlineM: OUTLINE_M }),
    material('HairTie', hexToLinear(Palette.ribbon), rgb(Palette.ribbonShade), { outlineM: OUTLINE_M }),
    material('Blouse', hexToLinear(Palette.blouse), rgb(Palette.blouseShade), { outlineM: OUTLINE_M }),
    material('Cuffs', hexToLinear(Palette.navy), rgb(Palette.navyShade), { outlineM: OUTLINE_M }),
    material('Collar', WHITE, [0.62, 0.64, 0.78], { texture: 'CollarTexture', doubleSided: true, outlineM: OUTLINE_M }),
    material('Skirt', WHITE, [0.62, 0.64, 0.78], { texture: 'SkirtTexture', doubleSided: true, outlineM: OUTLINE_M }),
    material('Ribbon', hexToLinear(Palette.ribbon), rgb(Palette.ribbonShade), { outlineM: OUTLINE_M }),
    material('Socks', hexToLinear(Palette.socks), rgb(Palette.socksShade), { outlineM: OUTLINE_M }),
    material('Shoes', hexToLinear(Palette.shoes), rgb(Palette.shoesShade), { outlineM: OUTLINE_M }),
    material('Soles', hexToLinear(Palette.soles), rgb(Palette.soles)),
    flat('EyeWhite', Palette.eyeWhite),
    material('Iris', WHITE, [1, 1, 1], { texture: 'IrisTexture', alphaMode: 'MASK', alphaCutoff: 0.5, unlit: true, doubleSided: true }),
    flat('Lash', Palette.lash),
    flat('Brow', Palette.brow),
    material('Mouth', WHITE, [1, 1, 1], { texture: 'MouthTexture', unlit: true, doubleSided: true }),
    // Invisible until an expression raises its alpha (the `happy` material colour bind).
    material('Blush', [1, 1, 1, 0], [1, 1, 1], { texture: 'BlushTexture', alphaMode: 'BLEND', unlit: true, doubleSided: true }),
  ]
}

/** Every texture the materials use. */
export function buildTextures(): TextureDef[] {
  return [
    { name: FACE_TEXTURE, png: faceTexture(), wrap: 'clamp' },
    { name: 'IrisTexture', png: irisTexture(), wrap: 'clamp' },
    { name: 'MouthTexture', png: mouthTexture(), wrap: 'clamp' },
    { name: 'BlushTexture', png: blushTexture(), wrap: 'clamp' },
    { name: 'HairTexture', png: hairTexture(), wrap: 'repeat' },
    { name: 'CollarTexture', png: collarTexture(), wrap: 'clamp' },
    { name: 'SkirtTexture', png: skirtTexture(), wrap: 'clamp' },
  ]
}
