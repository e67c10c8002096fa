// Identities are latent vectors z: drawn from a seed, or between two of them on the sphere.

/** Largest seed (seeds are unsigned 32-bit integers). */
export const MAX_SEED = 0xffff_ffff

/**
 * The latent vector of a seed: `nz` standard normal numbers from mulberry32 through Box–Muller.
 * The same seed gives the same face in every browser and in Node.
 */
export function zFromSeed(seed: number, nz: number, out: Float32Array = new Float32Array(nz)): Float32Array {
  let state = seed >>> 0
  const next = (): number => {
    // mulberry32: a small, fast generator with a full 2^32 period; plenty for 100 numbers.
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  for (let i = 0; i < nz; i += 2) {
    // 1 − u keeps the logarithm away from 0.
    const r = Math.sqrt(-2 * Math.log(1 - next()))
    const angle = 2 * Math.PI * next()
    out[i] = r * Math.cos(angle)
    if (i + 1 < nz) out[i + 1] = r * Math.sin(angle)
  }
  return out
}

/** A fresh random seed (0..MAX_SEED). */
export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1))
}

/** A seed typed by a person: a whole number 0..MAX_SEED, or null. */
export function parseSeed(text: string): number | null {
  const trimmed = text.trim()
  if (!/^\d{1,10}$/.test(trimmed)) return null
  const seed = Number(trimmed)
  return seed <= MAX_SEED ? seed : null
}

/**
 * Spherical interpolation from `a` (t = 0) to `b` (t = 1), as White (2016, "Sampling Generative
 * Networks") recommends for Gaussian latents: a straight line between two samples passes through
 * vectors shorter than any the generator saw in training, and their faces wash out midway.
 * Nearly parallel vectors fall back to a straight line.
 */
export function slerp(a: ArrayLike<number>, b: ArrayLike<number>, t: number, out: Float32Array = new Float32Array(a.length)): Float32Array {
  if (a.length !== b.length) throw new RangeError(`slerp: vectors of different lengths (${a.length} and ${b.length})`)
  let dot = 0, na = 0, nb = 0
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i]
    na += a[i] * a[i]
    nb += b[i] * b[i]
  }
  const cos = na > 0 && nb > 0 ? Math.min(1, Math.max(-1, dot / Math.sqrt(na * nb))) : 1
  const omega = Math.acos(cos)
  const sin = Math.sin(omega)
  let wa = 1 - t, wb = t
  if (sin > 1e-6) {
    wa = Math.sin((1 - t) * omega) / sin
    wb = Math.sin(t * omega) / sin
  }
  for (let i = 0; i < a.length; i++) out[i] = wa * a[i] + wb * b[i]
  return out
}

/**
 * The face's identity, a resource: two seeds and where between them it sits. With `t` = 0 the face
 * is seed `a`'s; the panel's slider moves `t`. A favourite's stored z replaces seed `a` until a
 * seed is picked again. Writers call `changed()` so the next request picks the new z up.
 */
export class FaceIdentity {
  /** Seed of identity A (default 1), or null while `customA` (a loaded favourite) stands in for it. */
  seedA: number | null = 1
  /** Seed of identity B (default 2). */
  seedB = 2
  /** Position between A (0) and B (1) (default 0). */
  t = 0
  /** A latent loaded from a favourite, used as A while `seedA` is null. */
  customA: Float32Array | null = null
  /** Bumped by `changed()`; requests compare it to rebuild z only when needed. */
  version = 0

  /** Marks the identity as edited. */
  changed(): void {
    this.version++
  }

  /** The current latent vector (length `nz`). */
  z(nz: number, out: Float32Array = new Float32Array(nz)): Float32Array {
    const a = this.seedA === null && this.customA?.length === nz ? this.customA : zFromSeed(this.seedA ?? 1, nz)
    if (this.t <= 0) {
      out.set(a)
      return out
    }
    return slerp(a, zFromSeed(this.seedB, nz), Math.min(1, this.t), out)
  }
}
