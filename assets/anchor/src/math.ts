// Small vector helpers for the generator: plain tuples, no classes, so shapes read as formulas.

/** A point or direction in metres, glTF axes (+Y up, +Z the way the model faces). */
export type Vec3 = readonly [number, number, number]

/** A texture coordinate, glTF convention ((0, 0) is the image's top-left). */
export type Vec2 = readonly [number, number]

export const add = (a: Vec3, b: Vec3): Vec3 => [a[0] + b[0], a[1] + b[1], a[2] + b[2]]
export const sub = (a: Vec3, b: Vec3): Vec3 => [a[0] - b[0], a[1] - b[1], a[2] - b[2]]
export const scale = (a: Vec3, s: number): Vec3 => [a[0] * s, a[1] * s, a[2] * s]
export const dot = (a: Vec3, b: Vec3): number => a[0] * b[0] + a[1] * b[1] + a[2] * b[2]
export const cross = (a: Vec3, b: Vec3): Vec3 => [
  a[1] * b[2] - a[2] * b[1],
  a[2] * b[0] - a[0] * b[2],
  a[0] * b[1] - a[1] * b[0],
]
export const length = (a: Vec3): number => Math.sqrt(dot(a, a))

/** `a` scaled to length 1 (or +Y when `a` is zero, so callers never see NaN). */
export function normalize(a: Vec3): Vec3 {
  const l = length(a)
  return l > 1e-12 ? scale(a, 1 / l) : [0, 1, 0]
}

/** `a + (b - a) * t`. */
export const lerp3 = (a: Vec3, b: Vec3, t: number): Vec3 => add(a, scale(sub(b, a), t))
export const lerp = (a: number, b: number, t: number): number => a + (b - a) * t
export const clamp = (x: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, x))

/** Hermite step from 0 at `e0` to 1 at `e1`. */
export function smoothstep(e0: number, e1: number, x: number): number {
  const t = clamp((x - e0) / (e1 - e0), 0, 1)
  return t * t * (3 - 2 * t)
}

/** Degrees to radians. */
export const rad = (deg: number): number => (deg * Math.PI) / 180

/** Rotates `v` about the unit `axis` by `angle` radians (Rodrigues). */
export function rotateAxis(v: Vec3, axis: Vec3, angle: number): Vec3 {
  const c = Math.cos(angle)
  const s = Math.sin(angle)
  return add(add(scale(v, c), scale(cross(axis, v), s)), scale(axis, dot(axis, v) * (1 - c)))
}

/** A point on a Catmull-Rom spline through `points` at `t` in 0..1 (uniform parameter per segment). */
export function catmullRom(points: readonly Vec3[], t: number): Vec3 {
  const n = points.length - 1
  const x = clamp(t, 0, 1) * n
  const i = Math.min(n - 1, Math.floor(x))
  const u = x - i
  const p0 = points[Math.max(0, i - 1)]
  const p1 = points[i]
  const p2 = points[i + 1]
  const p3 = points[Math.min(n, i + 2)]
  const u2 = u * u
  const u3 = u2 * u
  const out: number[] = [0, 0, 0]
  for (let k = 0; k < 3; k++) {
    out[k] =
      0.5 *
      (2 * p1[k] + (-p0[k] + p2[k]) * u + (2 * p0[k] - 5 * p1[k] + 4 * p2[k] - p3[k]) * u2 + (-p0[k] + 3 * p1[k] - 3 * p2[k] + p3[k]) * u3)
  }
  return [out[0], out[1], out[2]]
}

/** A linear RGBA colour (glTF factors are linear). */
export type Rgba = readonly [number, number, number, number]

/** sRGB 0..255 channel to linear 0..1. */
export function srgbToLinear(c: number): number {
  const x = c / 255
  return x <= 0.04045 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4)
}

/** Linear 0..1 to sRGB 0..1. */
export function linearToSrgb(x: number): number {
  return x <= 0.0031308 ? x * 12.92 : 1.055 * Math.pow(x, 1 / 2.4) - 0.055
}

/** `#rrggbb` to 8-bit sRGB channels. */
export function hexToRgb8(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16)
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255]
}

/** `#rrggbb` (sRGB, as designers pick colours) to a linear glTF factor. */
export function hexToLinear(hex: string, alpha = 1): Rgba {
  const [r, g, b] = hexToRgb8(hex)
  return [round6(srgbToLinear(r)), round6(srgbToLinear(g)), round6(srgbToLinear(b)), alpha]
}

/** Rounds to 6 decimals so JSON stays short and identical across runs. */
export const round6 = (x: number): number => Math.round(x * 1e6) / 1e6
