// The procedural textures: face (skin, blush, nose), iris, mouth interior, blush hatching and the
// stripes of the collar and skirt. Each is a pure function of its pixel coordinates.
import { faceUvToXY } from './head.ts'
import { hexToRgb8, lerp, smoothstep } from './math.ts'
import { encodePng } from './png.ts'
import { Palette } from './palette.ts'
import { Face } from './proportions.ts'

/** An sRGB colour with alpha, channels 0..1. */
type Rgba01 = [number, number, number, number]

const colour = (hex: string, a = 1): Rgba01 => {
  const [r, g, b] = hexToRgb8(hex)
  return [r / 255, g / 255, b / 255, a]
}

/** `a` with `b` laid over it at opacity `t` (colour only; alpha kept from `a`). */
const over = (a: Rgba01, b: Rgba01, t: number): Rgba01 => [lerp(a[0], b[0], t), lerp(a[1], b[1], t), lerp(a[2], b[2], t), a[3]]

/** Renders `shade(u, v)` at pixel centres into a PNG. */
function paint(width: number, height: number, shade: (u: number, v: number) => Rgba01): Uint8Array {
  const rgba = new Uint8Array(width * height * 4)
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const c = shade((x + 0.5) / width, (y + 0.5) / height)
      for (let k = 0; k < 4; k++) rgba[(y * width + x) * 4 + k] = Math.round(Math.min(1, Math.max(0, c[k])) * 255)
    }
  }
  return encodePng(width, height, rgba)
}

/** A soft elliptical spot: 1 at the centre falling to 0 at the radii. */
const spot = (x: number, y: number, cx: number, cy: number, rx: number, ry: number): number => {
  const d = ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2
  return Math.max(0, 1 - d) ** 2
}

/** Size of the face texture (square). 128 px is plenty for a face ~0.18 m across; the GAN's 64 or 128 px output replaces it. */
export const FACE_TEXTURE_PX = 128

/**
 * The stand-in face: skin, soft cheek blush and a small nose shadow. Its border is plain skin,
 * the same colour as the `Skin` material, so the face region meets the rest of the head without a seam.
 */
export function faceTexture(): Uint8Array {
  const skin = colour(Palette.skin)
  const blush = colour(Palette.blush)
  const noseShade = colour(Palette.noseShade)
  return paint(FACE_TEXTURE_PX, FACE_TEXTURE_PX, (u, v) => {
    const [x, y] = faceUvToXY(u, v)
    let c = skin
    const cheeks = spot(x, y, Face.blushX, Face.blushY, 0.02, 0.011) + spot(x, y, -Face.blushX, Face.blushY, 0.02, 0.011)
    c = over(c, blush, 0.35 * cheeks)
    c = over(c, noseShade, 0.55 * spot(x, y, 0.0032, Face.noseY + 0.0005, 0.0022, 0.0028))
    return c
  })
}

/**
 * The iris: dark at the top, bright below, a pupil, two highlights; transparent outside the disc
 * (alpha-masked), so scaling its texture transform shrinks the iris (the "surprised" look).
 */
export function irisTexture(): Uint8Array {
  const top = colour(Palette.irisTop)
  const bottom = colour(Palette.irisBottom)
  const rim = colour(Palette.irisRim)
  const glow = colour(Palette.irisGlow)
  const white = colour('#FFFFFF')
  return paint(128, 128, (u, v) => {
    const x = (u - 0.5) * 2
    const y = (v - 0.5) * 2
    const r = Math.hypot(x, y)
    const alpha = 1 - smoothstep(0.96, 1.0, r)
    let c = over(top, bottom, smoothstep(-0.8, 0.75, y))
    c = over(c, glow, 0.45 * smoothstep(0.45, 0.7, r) * (1 - smoothstep(0.75, 0.9, r)) * smoothstep(0.1, 0.6, y))
    c = over(c, rim, 0.75 * smoothstep(0.8, 0.95, r))
    c = over(c, rim, 0.9 * (1 - smoothstep(0.88, 1.0, ((x / 0.34) ** 2 + ((y - 0.06) / 0.44) ** 2))))
    c = over(c, rim, 0.45 * (1 - smoothstep(-0.95, -0.35, y)))
    c = over(c, white, 1 - smoothstep(0.85, 1.0, ((x + 0.36) / 0.24) ** 2 + ((y + 0.38) / 0.28) ** 2))
    c = over(c, white, 1 - smoothstep(0.8, 1.0, ((x - 0.38) / 0.1) ** 2 + ((y - 0.4) / 0.1) ** 2))
    return [c[0], c[1], c[2], alpha]
  })
}

/** Inside of the mouth: dark red, a tongue at the bottom (v runs from the upper edge to the lower). */
export function mouthTexture(): Uint8Array {
  const dark = colour(Palette.mouthDark)
  const tongue = colour(Palette.tongue)
  return paint(32, 32, (u, v) => over(dark, tongue, 0.9 * spot(u, v, 0.5, 1.0, 0.38, 0.45)))
}

/** Blush hatching: pink, fading out to the edge, with the three diagonal strokes anime blush is drawn with. */
export function blushTexture(): Uint8Array {
  const pink = colour(Palette.blushStrong)
  return paint(64, 32, (u, v) => {
    const x = (u - 0.5) * 2
    const y = (v - 0.5) * 2
    const fall = Math.max(0, 1 - (x * x + y * y)) ** 1.2
    const stroke = (x * 1.1 + y * 0.55 + 10) * 2.2
    const line = smoothstep(0.5, 0.35, Math.abs((stroke % 1) - 0.5)) * (Math.abs(x) < 0.62 && Math.abs(y) < 0.6 ? 1 : 0)
    return [pink[0], pink[1], pink[2], fall * (0.6 + 0.4 * line)]
  })
}

/**
 * Hair: the base colour with the "angel ring" shine band near v = 0.17, zigzagged across u. Locks
 * map v along their length (root 0), the skull shell by elevation, so the band meets across both.
 */
export function hairTexture(): Uint8Array {
  const base = colour(Palette.hair)
  const shine = colour(Palette.hairShine)
  return paint(64, 64, (u, v) => {
    const centre = 0.17 + 0.018 * Math.abs(((u * 12) % 1) - 0.5) * 2
    const band = 1 - smoothstep(0.018, 0.034, Math.abs(v - centre))
    return over(base, shine, 0.75 * band)
  })
}

/** Vertical stripes texture: `base` with white bands over the given v ranges (u is ignored). */
function stripes(base: string, bands: readonly (readonly [number, number])[]): Uint8Array {
  const b = colour(base)
  const w = colour(Palette.stripe)
  return paint(4, 64, (_u, v) => {
    const inBand = bands.reduce((m, [v0, v1]) => Math.max(m, smoothstep(v0 - 0.01, v0 + 0.005, v) * (1 - smoothstep(v1 - 0.005, v1 + 0.01, v))), 0)
    return over(b, w, inBand)
  })
}

/** The sailor collar: navy with two white lines near its edge (v runs neckline → edge). */
export const collarTexture = (): Uint8Array => stripes(Palette.navy, [[0.7, 0.76], [0.81, 0.84]])

/** The skirt: navy with a white line just above the hem (v runs waist → hem). */
export const skirtTexture = (): Uint8Array => stripes(Palette.navy, [[0.86, 0.9]])
