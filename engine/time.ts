/** Frame time, as a resource. All durations in milliseconds unless the name says seconds. */
export class Time {
  /** Duration of the last frame, after clamping to `maxDeltaMs`. */
  deltaMs = 0
  /** `deltaMs` in seconds, for physics-style formulas. */
  deltaS = 0
  /** Sum of all clamped frame durations since the app started. */
  elapsedMs = 0
  /** Frames stepped so far; 0 during the first frame. */
  frame = 0
  /** Fixed-update step (1000 / fixedHz). */
  fixedDeltaMs: number
  /** Fixed steps run this frame. */
  fixedSteps = 0
  /** How far between the last fixed step and the next one this frame is, 0..1: for interpolating fixed-step state. */
  fixedAlpha = 0
  /** Time dropped in total because a frame exceeded `maxDeltaMs` or needed more than `maxFixedStepsPerFrame` steps. */
  droppedMs = 0
  /** Fixed-update time not yet simulated. */
  accumulatorMs = 0

  constructor(
    fixedHz = 60,
    /** A longer frame (a stall, a background tab) counts as this long, so simulation never jumps. Default 250 ms. */
    readonly maxDeltaMs = 250,
    /** At most this many fixed steps per frame; beyond it time is dropped so a slow machine never spirals. Default 5. */
    readonly maxFixedStepsPerFrame = 5,
  ) {
    this.fixedDeltaMs = 1000 / fixedHz
  }

  /** Fixed-update rate in Hz. */
  get fixedHz(): number {
    return 1000 / this.fixedDeltaMs
  }

  set fixedHz(hz: number) {
    if (!(hz > 0 && Number.isFinite(hz))) throw new RangeError(`fixedHz must be a positive number, got ${hz}.`)
    this.fixedDeltaMs = 1000 / hz
  }

  /** Starts a frame of `rawDeltaMs`; returns how many fixed steps to run. */
  advance(rawDeltaMs: number): number {
    const raw = Number.isFinite(rawDeltaMs) && rawDeltaMs > 0 ? rawDeltaMs : 0
    const delta = Math.min(raw, this.maxDeltaMs)
    this.droppedMs += raw - delta
    this.deltaMs = delta
    this.deltaS = delta / 1000
    this.elapsedMs += delta
    this.accumulatorMs += delta
    let steps = Math.floor(this.accumulatorMs / this.fixedDeltaMs)
    if (steps > this.maxFixedStepsPerFrame) {
      const dropped = (steps - this.maxFixedStepsPerFrame) * this.fixedDeltaMs
      this.droppedMs += dropped
      this.accumulatorMs -= dropped
      steps = this.maxFixedStepsPerFrame
    }
    this.accumulatorMs -= steps * this.fixedDeltaMs
    // Guard against float drift leaving a hair below zero.
    if (this.accumulatorMs < 0) this.accumulatorMs = 0
    this.fixedSteps = steps
    this.fixedAlpha = this.accumulatorMs / this.fixedDeltaMs
    return steps
  }
}
