// How often the face asks for a new image: as often as the frame budget allows, within limits.

/** Limits of `AdaptiveRate`; every field documents its default. */
export interface RateLimits {
  /** Highest request rate, Hz (default 30: the target, and c rarely changes faster to the eye). */
  readonly maxHz: number
  /** Lowest rate it backs off to, Hz (default 5: blinks still read at 5 Hz; slower looks frozen). */
  readonly minHz: number
  /** Frame time to stay under, ms (default 33.3: 30 fps). */
  readonly frameBudgetMs: number
}

/** The defaults of `RateLimits`. */
export const DEFAULT_RATE_LIMITS: Readonly<RateLimits> = Object.freeze({ maxHz: 30, minHz: 5, frameBudgetMs: 1000 / 30 })

/** Frames are judged over windows this long, ms: long enough to smooth a single slow frame. */
const WINDOW_MS = 500
/** Frame times are smoothed with this weight per frame (an exponential moving average). */
const FRAME_SMOOTHING = 0.1
/** Multiplier applied to the rate after a window over budget. */
const BACK_OFF = 0.75
/** Hz added after a window comfortably under budget. */
const STEP_UP_HZ = 2
/** Under budget means below this share of it, so the rate does not flap at the edge. */
const HEADROOM = 0.85

/**
 * Additive-increase, multiplicative-decrease control of the request rate: a window whose smoothed
 * frame time is over budget cuts the rate by a quarter, one comfortably under raises it by 2 Hz.
 * The inference itself runs in a worker, but on a small machine it competes with the page's own
 * thread for cores (and on SwiftShader the GPU is a CPU too), so the frame time is what to watch.
 * Time is passed in (ms), so tests drive it with a manual clock.
 */
export class AdaptiveRate {
  /** The request rate allowed now, Hz. */
  targetHz: number
  /** Smoothed frame time, ms. */
  frameMs = 0
  private windowStartMs = -1
  private lastRequestMs = -Infinity
  private readonly results: number[] = []

  constructor(readonly limits: RateLimits = DEFAULT_RATE_LIMITS) {
    if (!(limits.minHz > 0 && limits.maxHz >= limits.minHz && limits.frameBudgetMs > 0)) {
      throw new RangeError(`AdaptiveRate: need 0 < minHz <= maxHz and frameBudgetMs > 0 (got ${limits.minHz}, ${limits.maxHz}, ${limits.frameBudgetMs})`)
    }
    this.targetHz = limits.maxHz
  }

  /** Records one frame that took `deltaMs`, ending at `nowMs`; adjusts the rate once per window. */
  observeFrame(nowMs: number, deltaMs: number): void {
    this.frameMs = this.frameMs === 0 ? deltaMs : this.frameMs + FRAME_SMOOTHING * (deltaMs - this.frameMs)
    if (this.windowStartMs < 0) this.windowStartMs = nowMs
    if (nowMs - this.windowStartMs < WINDOW_MS) return
    this.windowStartMs = nowMs
    const { minHz, maxHz, frameBudgetMs } = this.limits
    if (this.frameMs > frameBudgetMs) this.targetHz = Math.max(minHz, this.targetHz * BACK_OFF)
    else if (this.frameMs < frameBudgetMs * HEADROOM) this.targetHz = Math.min(maxHz, this.targetHz + STEP_UP_HZ)
  }

  /** Whether a request may start at `nowMs` (the caller also keeps at most one in flight). */
  due(nowMs: number): boolean {
    // A little slack (5 %), or a 30 Hz target on a 60 Hz display would skip to 20 Hz on frame jitter.
    return nowMs - this.lastRequestMs >= 950 / this.targetHz
  }

  /** Records that a request started at `nowMs`. */
  requested(nowMs: number): void {
    this.lastRequestMs = nowMs
  }

  /** Records that an image arrived at `nowMs`. */
  delivered(nowMs: number): void {
    this.results.push(nowMs)
    while (this.results.length > 0 && this.results[0] <= nowMs - 1000) this.results.shift()
  }

  /** Images delivered over the last second up to `nowMs`, i.e. the face's update rate in Hz. */
  measuredHz(nowMs: number): number {
    let n = 0
    for (let i = this.results.length - 1; i >= 0 && this.results[i] > nowMs - 1000; i--) n++
    return n
  }
}
