/** Rolling timing of one system. */
export class SystemTiming {
  /** Mean run time over the window, ms. */
  meanMs = 0
  /** Longest run time in the window, ms. */
  maxMs = 0
  /** Last run time, ms. */
  lastMs = 0
  /** Runs so far. */
  calls = 0
  private readonly samples: Float64Array
  private next = 0
  private filled = 0
  private sum = 0

  constructor(
    readonly name: string,
    readonly stage: string,
    window: number,
  ) {
    this.samples = new Float64Array(window)
  }

  /** Records one run. */
  record(ms: number): void {
    const window = this.samples.length
    const evicted = this.filled === window ? this.samples[this.next] : 0
    this.samples[this.next] = ms
    this.next = (this.next + 1) % window
    if (this.filled < window) this.filled++
    this.sum += ms - evicted
    this.meanMs = this.sum / this.filled
    this.lastMs = ms
    this.calls++
    if (ms >= this.maxMs) this.maxMs = ms
    else if (evicted === this.maxMs) this.maxMs = maxOf(this.samples, this.filled)
  }
}

function maxOf(a: Float64Array, n: number): number {
  let m = 0
  for (let k = 0; k < n; k++) if (a[k] > m) m = a[k]
  return m
}

/** Per-system run times (rolling mean and max over the last `window` runs), as a resource. */
export class SystemTimings {
  /** One row per system, in schedule order. */
  rows: SystemTiming[] = []
  /** Whole-frame time (all stages, command application and event swap), ms. */
  readonly frame: SystemTiming

  constructor(
    /** Runs each figure covers. Default 120 (two seconds at 60 fps). */
    readonly window = 120,
  ) {
    this.frame = new SystemTiming('frame', 'all', window)
  }
}
