import { describe, expect, it } from 'vitest'
import { slerp } from '../../../systems/face/identity.ts'
import { FaceIdentity, parseSeed, zFromSeed } from '../../../systems/face/index.ts'

const norm = (v: ArrayLike<number>) => Math.sqrt(Array.from(v).reduce((s, x) => s + x * x, 0))

describe('identity latents', () => {
  it('draws the same z for the same seed and a different one for another', () => {
    expect(Array.from(zFromSeed(42, 100))).toEqual(Array.from(zFromSeed(42, 100)))
    expect(Array.from(zFromSeed(42, 100))).not.toEqual(Array.from(zFromSeed(43, 100)))
  })

  it('draws standard normal numbers', () => {
    const z = zFromSeed(7, 20000)
    const mean = z.reduce((s, x) => s + x, 0) / z.length
    const variance = z.reduce((s, x) => s + (x - mean) ** 2, 0) / z.length
    expect(Math.abs(mean)).toBeLessThan(0.03)
    expect(variance).toBeGreaterThan(0.95)
    expect(variance).toBeLessThan(1.05)
  })

  it('fills odd lengths completely', () => {
    const z = zFromSeed(3, 7)
    expect(z.every((x) => Number.isFinite(x) && x !== 0)).toBe(true)
  })

  it('reads seeds people type and refuses the rest', () => {
    expect(parseSeed(' 123 ')).toBe(123)
    expect(parseSeed('4294967295')).toBe(4294967295)
    expect(parseSeed('4294967296')).toBeNull()
    expect(parseSeed('-1')).toBeNull()
    expect(parseSeed('1e3')).toBeNull()
    expect(parseSeed('')).toBeNull()
  })
})

describe('slerp', () => {
  const a = zFromSeed(1, 100)
  const b = zFromSeed(2, 100)

  it('starts at a and ends at b', () => {
    expect(Array.from(slerp(a, b, 0))).toEqual(Array.from(a))
    const end = slerp(a, b, 1)
    for (let i = 0; i < 100; i++) expect(end[i]).toBeCloseTo(b[i], 5)
  })

  it('keeps the length of the latent midway, where a straight line shrinks it', () => {
    const mid = slerp(a, b, 0.5)
    const lerp = a.map((x, i) => (x + b[i]) / 2)
    const expected = (norm(a) + norm(b)) / 2
    expect(Math.abs(norm(mid) - expected) / expected).toBeLessThan(0.05)
    expect(norm(lerp)).toBeLessThan(0.8 * expected)
  })

  it('moves at constant angular speed between unit vectors', () => {
    const unit = (v: Float32Array) => v.map((x) => x / norm(v))
    const [u, v] = [unit(a), unit(b)]
    const angle = (u: ArrayLike<number>, v: ArrayLike<number>) =>
      Math.acos(Array.from(u).reduce((s, x, i) => s + x * v[i], 0) / (norm(u) * norm(v)))
    const total = angle(u, v)
    expect(angle(u, slerp(u, v, 0.25))).toBeCloseTo(total / 4, 3)
  })

  it('falls back to a straight line for parallel vectors', () => {
    const c = a.map((x) => 2 * x)
    const mid = slerp(a, c, 0.5)
    for (let i = 0; i < 100; i++) expect(mid[i]).toBeCloseTo(1.5 * a[i], 5)
  })

  it('refuses vectors of different lengths', () => {
    expect(() => slerp(a, zFromSeed(1, 10), 0.5)).toThrow(/different lengths/)
  })
})

describe('FaceIdentity', () => {
  it('is seed A at t = 0 and seed B at t = 1', () => {
    const identity = new FaceIdentity()
    identity.seedA = 10
    identity.seedB = 20
    expect(Array.from(identity.z(100))).toEqual(Array.from(zFromSeed(10, 100)))
    identity.t = 1
    const z = identity.z(100)
    const b = zFromSeed(20, 100)
    for (let i = 0; i < 100; i++) expect(z[i]).toBeCloseTo(b[i], 5)
  })

  it('uses a loaded favourite in place of seed A', () => {
    const identity = new FaceIdentity()
    identity.seedA = null
    identity.customA = new Float32Array(100).fill(0.5)
    expect(identity.z(100).every((x) => x === 0.5)).toBe(true)
  })
})
