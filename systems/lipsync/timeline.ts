// Viseme keys on the audio clock and their smooth interpolation. Sampling allocates nothing: keys
// live in typed arrays, and the hot path is a binary search and a few multiplications.
import { VISEME_COUNT, type VisemeVector } from './visemes.ts'

/** Smoothstep: 0 → 0, 0.5 → 0.5, 1 → 1, flat at both ends. */
function smooth(x: number): number {
  return x <= 0 ? 0 : x >= 1 ? 1 : x * x * (3 - 2 * x)
}

/**
 * Mouth-shape keys in time order, sampled with coarticulation: around each key the mouth crosses
 * from the previous shape to the key's shape over a window centred on the key (half-width
 * `halfWidthS`, narrowed where keys are closer), so the mouth is half-way at the phoneme's onset,
 * starts moving before it, and short phonemes blend into their neighbours instead of snapping.
 */
export class VisemeTimeline {
  private times = new Float64Array(64)
  private weights = new Float32Array(64 * VISEME_COUNT)
  private n = 0

  /** `halfWidthS`: the longest half-width of a transition, seconds (the lip-sync `coarticulationMs`). */
  constructor(public halfWidthS: number) {}

  /** Keys held. */
  get count(): number {
    return this.n
  }

  /** Time of the last key, or -Infinity when empty. */
  get lastTimeS(): number {
    return this.n === 0 ? -Infinity : this.times[this.n - 1]
  }

  /** Adds a key at `timeS`; a key at or before the last one replaces it (keys stay in order). */
  push(timeS: number, shape: VisemeVector): void {
    while (this.n > 0 && timeS <= this.times[this.n - 1]) this.n--
    if (this.n === this.times.length) this.grow()
    this.times[this.n] = timeS
    this.weights.set(shape, this.n * VISEME_COUNT)
    this.n++
  }

  /** Removes keys after `timeS` (barge-in). */
  truncateAfter(timeS: number): void {
    while (this.n > 0 && this.times[this.n - 1] > timeS) this.n--
  }

  /** Drops keys that no longer shape anything at or after `timeS` (keeps the two before it). */
  pruneBefore(timeS: number): void {
    const k = this.indexAt(timeS) - 1
    if (k <= 0) return
    this.times.copyWithin(0, k, this.n)
    this.weights.copyWithin(0, k * VISEME_COUNT, this.n * VISEME_COUNT)
    this.n -= k
  }

  /** Writes the mouth at `timeS` into `out` (length ≥ 5, `VISEMES` order); before the first key the mouth is closed. */
  sample(timeS: number, out: Float32Array): void {
    out.fill(0, 0, VISEME_COUNT)
    const n = this.n
    if (n === 0) return
    const k = this.indexAt(timeS)
    if (k < 0) {
      // Opening from closed into the first key.
      const h = this.halfWidth(0)
      const x = (timeS - this.times[0] + h) / (2 * h)
      if (x > 0) this.blendInto(out, -1, 0, smooth(x))
      return
    }
    const hk = this.halfWidth(k)
    if (timeS - this.times[k] < hk) {
      this.blendInto(out, k - 1, k, smooth((timeS - this.times[k] + hk) / (2 * hk)))
      return
    }
    if (k + 1 < n) {
      const hn = this.halfWidth(k + 1)
      if (this.times[k + 1] - timeS < hn) {
        this.blendInto(out, k, k + 1, smooth((timeS - this.times[k + 1] + hn) / (2 * hn)))
        return
      }
    }
    this.blendInto(out, k, k, 1)
  }

  /** The last key at or before `timeS`, or -1. */
  private indexAt(timeS: number): number {
    let lo = 0, hi = this.n - 1, found = -1
    while (lo <= hi) {
      const mid = (lo + hi) >> 1
      if (this.times[mid] <= timeS) {
        found = mid
        lo = mid + 1
      } else {
        hi = mid - 1
      }
    }
    return found
  }

  /** Half-width of the transition into key `k`: at most `halfWidthS`, and at most half the gap to either neighbour. */
  private halfWidth(k: number): number {
    let h = this.halfWidthS
    if (k > 0) h = Math.min(h, (this.times[k] - this.times[k - 1]) / 2)
    if (k + 1 < this.n) h = Math.min(h, (this.times[k + 1] - this.times[k]) / 2)
    return Math.max(h, 1e-4)
  }

  /** out = (1 − a)·key[from] + a·key[to]; key −1 is the closed mouth. */
  private blendInto(out: Float32Array, from: number, to: number, a: number): void {
    const w = this.weights
    for (let v = 0; v < VISEME_COUNT; v++) {
      const x = from < 0 ? 0 : w[from * VISEME_COUNT + v]
      out[v] = x + (w[to * VISEME_COUNT + v] - x) * a
    }
  }

  private grow(): void {
    const times = new Float64Array(this.times.length * 2)
    times.set(this.times)
    const weights = new Float32Array(this.weights.length * 2)
    weights.set(this.weights)
    this.times = times
    this.weights = weights
  }
}
