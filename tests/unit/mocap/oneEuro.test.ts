import { describe, expect, it } from 'vitest'
import { OneEuroFilter } from '../../../systems/mocap/oneEuro.ts'

const FRAME_MS = 1000 / 30

function std(xs: number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length)
}

/** Deterministic noise in −1..1. */
function noise(seed: number): () => number {
  let s = seed
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0
    return s / 2 ** 31 - 1
  }
}

describe('OneEuroFilter', () => {
  it('passes the first sample through and holds a constant signal exactly', () => {
    const f = new OneEuroFilter()
    expect(f.filter(5, 0)).toBe(5)
    for (let k = 1; k < 30; k++) expect(f.filter(5, k * FRAME_MS)).toBe(5)
  })

  it('cuts the jitter of a still signal at least 2.5-fold at the default settings (1 Hz at 30 fps)', () => {
    const f = new OneEuroFilter()
    const rand = noise(7)
    const raw: number[] = [], out: number[] = []
    for (let k = 0; k < 300; k++) {
      const x = 10 + 0.5 * rand()
      raw.push(x)
      out.push(f.filter(x, k * FRAME_MS))
    }
    expect(std(out.slice(60))).toBeLessThan(std(raw.slice(60)) / 2.5)
  })

  it('follows a fast turn with less lag when beta is higher', () => {
    const lagAfterRamp = (beta: number) => {
      const f = new OneEuroFilter({ minCutoffHz: 1, beta, derivativeCutoffHz: 1 })
      let y = 0
      // 90°/s for half a second.
      for (let k = 0; k <= 15; k++) y = f.filter(3 * k, k * FRAME_MS)
      return 45 - y
    }
    expect(lagAfterRamp(0.05)).toBeLessThan(lagAfterRamp(0) / 2)
  })

  it('starts afresh after reset, and ignores a sample with a repeated time', () => {
    const f = new OneEuroFilter()
    f.filter(0, 0)
    expect(f.filter(100, 0)).toBe(0)
    f.reset()
    expect(f.filter(100, 50)).toBe(100)
  })
})
