// The One-Euro filter (Casiez, Roussel and Vogel, CHI 2012): a low-pass filter whose cutoff rises
// with speed, so a still head stops shaking while a fast turn is followed without lag.

/** Settings of a One-Euro filter; each documents its default. */
export interface OneEuroSettings {
  /** Cutoff at rest, Hz: lower removes more jitter and adds more lag when still (default 1). */
  minCutoffHz: number
  /** How fast the cutoff rises with speed, per unit/s of the value: higher follows fast moves sooner (default 0.02). */
  beta: number
  /** Cutoff of the speed estimate itself, Hz (default 1). */
  derivativeCutoffHz: number
}

/** The defaults used when a field is not given. */
export const DEFAULT_ONE_EURO: Readonly<OneEuroSettings> = { minCutoffHz: 1, beta: 0.02, derivativeCutoffHz: 1 }

/** Smoothing factor of a first-order low-pass at `cutoffHz` for a step of `dtS` seconds. */
export function smoothingFactor(cutoffHz: number, dtS: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz)
  return 1 / (1 + tau / dtS)
}

/** One filtered scalar signal; `filter` takes samples with their time in ms. Allocates nothing per sample. */
export class OneEuroFilter {
  private value = 0
  private speed = 0
  private lastMs = Number.NaN

  /** Creates a filter; `settings` is read at every sample, so tuning it takes effect at once. */
  constructor(readonly settings: OneEuroSettings = { ...DEFAULT_ONE_EURO }) {}

  /** Filters `x` taken at `timeMs`; the first sample (and any after `reset`) passes through unchanged. */
  filter(x: number, timeMs: number): number {
    if (Number.isNaN(this.lastMs) || timeMs <= this.lastMs) {
      // A repeated timestamp carries no new information about speed: keep the state, return it.
      if (!Number.isNaN(this.lastMs)) return this.value
      this.value = x
      this.speed = 0
      this.lastMs = timeMs
      return x
    }
    const dtS = (timeMs - this.lastMs) / 1000
    this.lastMs = timeMs
    const { minCutoffHz, beta, derivativeCutoffHz } = this.settings
    const rawSpeed = (x - this.value) / dtS
    this.speed += smoothingFactor(derivativeCutoffHz, dtS) * (rawSpeed - this.speed)
    const cutoff = minCutoffHz + beta * Math.abs(this.speed)
    this.value += smoothingFactor(cutoff, dtS) * (x - this.value)
    return this.value
  }

  /** Forgets the history: the next sample passes through (after tracking was lost). */
  reset(): void {
    this.lastMs = Number.NaN
  }
}
