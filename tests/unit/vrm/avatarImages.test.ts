// The screenshot comparison used by the avatar e2e tests.
import { describe, expect, it } from 'vitest'
import { diffImages, encodePng } from '../../e2e/avatarImages.ts'
import { decodePng, type Pixels } from '../../e2e/png.ts'

function flat(width: number, height: number, rgb: [number, number, number]): Pixels {
  const rgba = new Uint8Array(width * height * 4)
  for (let o = 0; o < rgba.length; o += 4) rgba.set([...rgb, 255], o)
  return { width, height, rgba }
}

describe('image diff', () => {
  it('round-trips pixels through its PNG encoder and the e2e PNG decoder', () => {
    const image = flat(5, 3, [10, 200, 30])
    image.rgba.set([255, 0, 0, 255], 4 * 7)
    const back = decodePng(encodePng(image))
    expect(back.width).toBe(5)
    expect(back.height).toBe(3)
    expect([...back.rgba]).toEqual([...image.rgba])
  })

  it('reports the mean absolute difference and the share of pixels past the threshold', () => {
    const a = flat(10, 10, [100, 100, 100])
    const b = flat(10, 10, [100, 100, 100])
    for (let p = 0; p < 5; p++) b.rgba.set([160, 100, 100], p * 4) // 5 pixels differ by 60 in red
    b.rgba.set([110, 100, 100], 50 * 4) // one by 10: noise, under the threshold
    const d = diffImages(a, b)
    expect(d.differingShare).toBeCloseTo(0.05)
    expect(d.meanAbs).toBeCloseTo((5 * 60 + 10) / 300)
    // The diff image marks the changed pixels red.
    expect([...d.image.rgba.subarray(0, 4)]).toEqual([255, 0, 0, 255])
    expect(diffImages(a, a).meanAbs).toBe(0)
  })

  it('refuses images of different sizes', () => {
    expect(() => diffImages(flat(2, 2, [0, 0, 0]), flat(3, 2, [0, 0, 0]))).toThrow(/differ in size/)
  })
})
