// The sync measurement's arithmetic on synthetic signals with known onsets.
import { describe, expect, it } from 'vitest'
import { audioOnsets, mouthMask, mouthOnsets, mouthOpenness, offsetStats, pairOffsets, type MouthSample } from '../../../bench/avsync/analyse.ts'

/** Silence with bursts of a 200 Hz tone starting at `onsetsMs`, each 400 ms long. */
function bursts(onsetsMs: number[], lengthMs: number, rate = 48_000): Float32Array {
  const out = new Float32Array(Math.round((lengthMs / 1000) * rate))
  for (const t of onsetsMs) {
    const from = Math.round((t / 1000) * rate)
    for (let i = 0; i < 0.4 * rate && from + i < out.length; i++) out[from + i] = 0.3 * Math.sin((2 * Math.PI * 200 * i) / rate)
  }
  return out
}

describe('audioOnsets', () => {
  it('finds each burst after silence to within a few ms', () => {
    const found = audioOnsets(bursts([500, 1500, 2600], 3500), 48_000)
    expect(found).toHaveLength(3)
    found.forEach((t, k) => expect(Math.abs(t - [500, 1500, 2600][k])).toBeLessThan(4))
  })

  it('ignores sound that follows too short a pause', () => {
    expect(audioOnsets(bursts([500, 950], 2000), 48_000, 0, { minQuietMs: 250 })).toHaveLength(1)
  })

  it('adds the start time of sample 0', () => {
    expect(audioOnsets(bursts([500], 1000), 48_000, 100)[0]).toBeCloseTo(600, 0)
  })
})

describe('mouthOnsets', () => {
  it('interpolates the half-open crossing between frames', () => {
    const frames: MouthSample[] = []
    for (let t = 0; t < 2000; t += 33) frames.push({ tMs: t, open: t < 1000 ? 0 : Math.min(1, (t - 1000) / 100 + 0.02) })
    const [onset] = mouthOnsets(frames)
    expect(onset).toBeGreaterThan(1040)
    expect(onset).toBeLessThan(1060)
  })

  it('counts a new opening only after the mouth has been shut for a while', () => {
    const open = (t: number) => (t >= 500 && t < 800) || (t >= 850 && t < 1000) || (t >= 1500 && t < 1700) ? 1 : 0
    const frames: MouthSample[] = []
    for (let t = 0; t < 2000; t += 10) frames.push({ tMs: t, open: open(t) })
    expect(mouthOnsets(frames).map(Math.round)).toEqual([495, 1495])
  })
})

describe('pairing and statistics', () => {
  it('pairs each sound onset with the nearest mouth onset and reports mean and p95 of the absolute offset', () => {
    const offsets = pairOffsets([1000, 2000, 3000, 4000], [1010, 1990, 3030, 9000])
    expect(offsets).toEqual([10, -10, 30])
    const stats = offsetStats(offsets)
    expect(stats.meanMs).toBeCloseTo(10, 9)
    expect(stats.p95AbsMs).toBe(30)
  })

  it('refuses to report when no onset pairs up', () => {
    expect(() => offsetStats([])).toThrow(/mouth did not move/)
  })
})

describe('mouth pixels', () => {
  it('finds the pixels that change between shut and open, and measures how open a frame is', () => {
    const shut = new Uint8Array([100, 100, 100, 100])
    const open = new Uint8Array([100, 20, 30, 100])
    const mask = mouthMask(shut, open)
    expect(mask).toEqual([1, 2])
    expect(mouthOpenness(shut, shut, open, mask)).toBe(0)
    expect(mouthOpenness(open, shut, open, mask)).toBe(1)
    expect(mouthOpenness(new Uint8Array([100, 60, 65, 100]), shut, open, mask)).toBeCloseTo(0.5, 2)
  })
})
