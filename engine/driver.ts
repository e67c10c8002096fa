import { now } from './clock.ts'

/** Calls a frame function repeatedly with a timestamp in ms; the app's `run()` uses one. */
export interface LoopDriver {
  start(frame: (nowMs: number) => void): void
  stop(): void
}

type RafHost = {
  requestAnimationFrame(cb: (t: number) => void): number
  cancelAnimationFrame(id: number): void
}

// engine/ is compiled without DOM or Node types, so the timer functions are declared here.
type TimerHost = {
  setTimeout(cb: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

/** Drives frames from the browser's `requestAnimationFrame` (paced by the display; paused in hidden tabs). */
export class RafDriver implements LoopDriver {
  private handle = 0
  private running = false

  constructor(private readonly host: RafHost = globalThis as unknown as RafHost) {
    if (typeof host.requestAnimationFrame !== 'function') {
      throw new TypeError('requestAnimationFrame is not available here; use TimerDriver or app.step(dtMs).')
    }
  }

  start(frame: (nowMs: number) => void): void {
    this.running = true
    const tick = (t: number) => {
      if (!this.running) return
      // Ask for the next frame first, so a frame that throws is reported by the app without ending the loop silently.
      this.handle = this.host.requestAnimationFrame(tick)
      frame(t)
    }
    this.handle = this.host.requestAnimationFrame(tick)
  }

  stop(): void {
    this.running = false
    this.host.cancelAnimationFrame(this.handle)
  }
}

/** Drives frames from a timer at a target rate: for Node (servers, headless runs) and hidden browser tabs. */
export class TimerDriver implements LoopDriver {
  private timer: unknown
  private running = false
  private readonly host = globalThis as unknown as TimerHost

  constructor(
    /** Target frame rate. Default 60. */
    readonly hz = 60,
    private readonly clock: () => number = now,
  ) {}

  start(frame: (nowMs: number) => void): void {
    this.running = true
    const period = 1000 / this.hz
    let due = this.clock()
    const tick = () => {
      if (!this.running) return
      frame(this.clock())
      due += period
      const wait = Math.max(0, due - this.clock())
      // After a long stall, restart the cadence rather than firing a burst of catch-up frames.
      if (wait === 0) due = this.clock()
      this.timer = this.host.setTimeout(tick, wait)
    }
    this.timer = this.host.setTimeout(tick, 0)
  }

  stop(): void {
    this.running = false
    if (this.timer !== undefined) this.host.clearTimeout(this.timer)
  }
}
