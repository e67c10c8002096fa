import { describe, expect, it } from 'vitest'
import { Upscaler, borderColor } from '../../../systems/face/upscale.ts'

/** A planar RGB image of `size`² whose channel c at (x, y) is f(c, x, y). */
function planar(size: number, f: (c: number, x: number, y: number) => number): Float32Array {
  const out = new Float32Array(3 * size * size)
  for (let c = 0; c < 3; c++) for (let y = 0; y < size; y++) for (let x = 0; x < size; x++) out[(c * size + y) * size + x] = f(c, x, y)
  return out
}

describe('upscaling the generated image', () => {
  it('maps the output range to bytes, with opaque alpha', () => {
    const up = new Upscaler(4, 4)
    const out = new Uint8Array(4 * 4 * 4)
    up.run(planar(4, (c) => [-1, 0, 1][c]), [-1, 1], out)
    expect(Array.from(out.slice(0, 4))).toEqual([0, 128, 255, 255])
  })

  it('keeps a flat colour flat at 4×', () => {
    const up = new Upscaler(8, 32)
    const out = new Uint8Array(32 * 32 * 4)
    up.run(planar(8, () => 0.5), [-1, 1], out)
    for (let i = 0; i < out.length; i += 4) expect(out[i]).toBe(191)
  })

  it('reproduces a linear ramp (Catmull-Rom is exact on straight lines)', () => {
    const up = new Upscaler(16, 64)
    const out = new Uint8Array(64 * 64 * 4)
    // Ramp across x from −1 to 1 in source pixel centres.
    up.run(planar(16, (_c, x) => -1 + (2 * x) / 15), [-1, 1], out)
    const row = 32
    for (let x = 8; x < 56; x++) {
      const sourceX = (x + 0.5) / 4 - 0.5
      const expected = ((sourceX / 15) * 2) * 127.5
      expect(Math.abs(out[(row * 64 + x) * 4] - expected)).toBeLessThanOrEqual(1)
    }
  })

  it('puts row 0 of the image at the top of the texture', () => {
    const up = new Upscaler(4, 8)
    const out = new Uint8Array(8 * 8 * 4)
    up.run(planar(4, (_c, _x, y) => (y === 0 ? 1 : -1)), [-1, 1], out)
    expect(out[0]).toBeGreaterThan(200)
    expect(out[(7 * 8) * 4]).toBeLessThan(10)
  })

  it('refuses buffers of the wrong size', () => {
    const up = new Upscaler(4, 8)
    expect(() => up.run(new Float32Array(10), [-1, 1], new Uint8Array(256))).toThrow(/expected 48 values/)
    expect(() => up.run(new Float32Array(48), [-1, 1], new Uint8Array(10))).toThrow(/256 bytes/)
  })
})

describe('the border colour', () => {
  it('averages the outer ring only', () => {
    // Border pixels white (1), the inside black (−1).
    const image = planar(64, (_c, x, y) => (x < 2 || y < 2 || x >= 62 || y >= 62 ? 1 : -1))
    expect(borderColor(image, 64, [-1, 1])).toEqual([1, 1, 1])
  })
})
