// The generator's planar float image → an RGBA8 texture image, upscaled with a Catmull-Rom filter.
//
// Why upscale on the CPU rather than let the GPU magnify 64 px: bilinear magnification of a 64 px
// face shows its pixel grid as a diamond pattern once the face fills more than ~128 px of screen (a
// performer's close-up), and mipmaps only help when the face is small. A separable Catmull-Rom
// (bicubic, a = −0.5) pass to 4× is sharp without Lanczos' ringing around the eyes and mouth, costs
// ~0.5 MFLOP per image (well under a millisecond in the worker), and the texture then gets mipmaps
// for the minified case (the studio's wide shot), so both ends look clean.

/** Catmull-Rom weights for a sample at fractional offset `f` (0..1) from tap 1 of taps 0..3. */
function catmullRom(f: number, out: Float32Array, at: number): void {
  const f2 = f * f, f3 = f2 * f
  out[at] = -0.5 * f3 + f2 - 0.5 * f
  out[at + 1] = 1.5 * f3 - 2.5 * f2 + 1
  out[at + 2] = -1.5 * f3 + 2 * f2 + 0.5 * f
  out[at + 3] = 0.5 * f3 - 0.5 * f2
}

/** Reusable upscaler from `source`² planar RGB to `target`² RGBA8; holds its tap tables and scratch. */
export class Upscaler {
  private readonly taps: Int32Array
  private readonly weights: Float32Array
  private readonly rows: Float32Array

  constructor(readonly source: number, readonly target: number) {
    if (!(Number.isInteger(source) && Number.isInteger(target) && source > 0 && target >= source)) {
      throw new RangeError(`Upscaler: need whole sizes with target >= source (got ${source} → ${target})`)
    }
    this.taps = new Int32Array(target * 4)
    this.weights = new Float32Array(target * 4)
    const scale = source / target
    for (let x = 0; x < target; x++) {
      // Pixel centres line up: output centre x + 0.5 maps to source position (x + 0.5) · scale.
      const s = (x + 0.5) * scale - 0.5
      const i = Math.floor(s)
      catmullRom(s - i, this.weights, x * 4)
      for (let k = 0; k < 4; k++) this.taps[x * 4 + k] = Math.min(source - 1, Math.max(0, i - 1 + k))
    }
    this.rows = new Float32Array(3 * source * target)
  }

  /**
   * Writes `out` (target² × 4 bytes, row 0 at the top, alpha 255) from `planar` (3 × source²,
   * NCHW of one image) whose values span `range` (e.g. [−1, 1] from a tanh).
   */
  run(planar: Float32Array, range: readonly [number, number], out: Uint8Array): void {
    const { source: n, target: m, taps, weights, rows } = this
    if (planar.length < 3 * n * n) throw new RangeError(`Upscaler: expected ${3 * n * n} values, got ${planar.length}`)
    if (out.length !== m * m * 4) throw new RangeError(`Upscaler: output must hold ${m * m * 4} bytes, got ${out.length}`)
    const scale = 255 / (range[1] - range[0]), offset = -range[0] * scale
    // Horizontal pass: rows[c][y][x] for every source row y, output column x (already in 0..255 units).
    for (let c = 0; c < 3; c++) {
      for (let y = 0; y < n; y++) {
        const src = (c * n + y) * n, dst = (c * n + y) * m
        for (let x = 0; x < m; x++) {
          const t = x * 4
          const v = weights[t] * planar[src + taps[t]] + weights[t + 1] * planar[src + taps[t + 1]] +
            weights[t + 2] * planar[src + taps[t + 2]] + weights[t + 3] * planar[src + taps[t + 3]]
          rows[dst + x] = v * scale + offset
        }
      }
    }
    // Vertical pass into RGBA; Uint8Array stores truncate, so round and clamp by hand.
    for (let y = 0; y < m; y++) {
      const t = y * 4
      const r0 = taps[t] * m, r1 = taps[t + 1] * m, r2 = taps[t + 2] * m, r3 = taps[t + 3] * m
      const w0 = weights[t], w1 = weights[t + 1], w2 = weights[t + 2], w3 = weights[t + 3]
      for (let c = 0; c < 3; c++) {
        const plane = c * n * m
        let o = y * m * 4 + c
        for (let x = 0; x < m; x++, o += 4) {
          const v = w0 * rows[plane + r0 + x] + w1 * rows[plane + r1 + x] + w2 * rows[plane + r2 + x] + w3 * rows[plane + r3 + x]
          out[o] = v <= 0 ? 0 : v >= 255 ? 255 : (v + 0.5) | 0
        }
      }
      for (let x = 0, o = y * m * 4 + 3; x < m; x++, o += 4) out[o] = 255
    }
  }
}

/**
 * Mean colour of the image's outer ring (`ring` pixels wide), 0..1 per channel in the image's own
 * (sRGB) encoding: what the face meets the rest of the head with.
 */
export function borderColor(planar: Float32Array, size: number, range: readonly [number, number], ring = Math.max(1, size >> 5)): [number, number, number] {
  const sums = [0, 0, 0]
  let count = 0
  for (let y = 0; y < size; y++) {
    const edgeRow = y < ring || y >= size - ring
    for (let x = 0; x < size; x++) {
      if (!edgeRow && x >= ring && x < size - ring) continue
      for (let c = 0; c < 3; c++) sums[c] += planar[(c * size + y) * size + x]
      count++
    }
  }
  const span = range[1] - range[0]
  const channel = (c: number): number => Math.min(1, Math.max(0, (sums[c] / count - range[0]) / span))
  return [channel(0), channel(1), channel(2)]
}
