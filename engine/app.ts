import { now } from './clock.ts'
import { RafDriver, TimerDriver, type LoopDriver } from './driver.ts'
import { EngineError, SystemError } from './errors.ts'
import { orderStage, STAGES, Stage, type SystemEntry, type System, type SystemOptions } from './schedule.ts'
import { Time } from './time.ts'
import { SystemTimings, SystemTiming } from './timings.ts'
import { World } from './world.ts'

/** A unit of features: it adds systems, resources and events to an app in `build`. */
export interface Plugin {
  /** Unique name; adding two plugins with one name is an error. */
  readonly name: string
  /** Adds the plugin's systems and resources. */
  build(app: App): void
  /** Called once every plugin is built, before the first frame (for wiring that needs other plugins). */
  finish?(app: App): void
  /** Releases what the plugin holds (GPU engine, workers, sockets) when the app is cleaned up. */
  cleanup?(app: App): void
}

/** Settings of an app. */
export interface AppOptions {
  /** Fixed-update rate. Default 60 Hz. */
  readonly fixedHz?: number
  /** A longer frame counts as this long. Default 250 ms. */
  readonly maxDeltaMs?: number
  /** Most fixed steps in one frame; beyond it time is dropped. Default 5. */
  readonly maxFixedStepsPerFrame?: number
  /** Runs each timing figure covers. Default 120. */
  readonly timingWindow?: number
}

/** Called when a frame run by `run()` throws: the loop pauses and each listener gets the error. */
export type ErrorListener = (error: Error) => void

interface ScheduledSystem extends SystemEntry {
  readonly timing: SystemTiming
}

/**
 * The app: a world, the plugins that fill it, and the schedule that runs its systems each frame.
 *
 * A frame (`step`) runs the stages in order: startup (first frame only), input, fixedUpdate (as
 * many fixed steps as time allows, bounded), update, lateUpdate, render, postRender. Commands are
 * applied after each stage (and each fixed step), events swap buffers at the end of the frame.
 */
export class App {
  /** The world every system works on. */
  readonly world = new World()
  private readonly time: Time
  private readonly timings: SystemTimings
  private readonly plugins: Plugin[] = []
  private readonly systems: ScheduledSystem[] = []
  private ordered: Map<Stage, ScheduledSystem[]> | null = null
  private finished = false
  private startupDone = false
  private seq = 0
  private driver: LoopDriver | null = null
  private lastNowMs: number | null = null
  private isPaused = false
  private readonly errorListeners: ErrorListener[] = []

  constructor(options: AppOptions = {}) {
    this.time = this.world.insertResource(
      new Time(options.fixedHz ?? 60, options.maxDeltaMs ?? 250, options.maxFixedStepsPerFrame ?? 5),
    )
    this.timings = this.world.insertResource(new SystemTimings(options.timingWindow ?? 120))
  }

  /** Adds a plugin (an object with `build`, or a plain function of the app) and builds it at once. */
  addPlugin(plugin: Plugin | ((app: App) => void)): this {
    const p: Plugin = typeof plugin === 'function' ? { name: plugin.name || 'anonymous plugin', build: plugin } : plugin
    if (this.plugins.some((q) => q.name === p.name)) {
      throw new EngineError(`Plugin "${p.name}" was added twice; add each plugin once.`)
    }
    this.plugins.push(p)
    p.build(this)
    return this
  }

  /** True when a plugin of that name was added. */
  hasPlugin(name: string): boolean {
    return this.plugins.some((p) => p.name === name)
  }

  /** Adds a system to a stage. Ordering is checked when the schedule is built (first frame, or `build()`). */
  addSystem(stage: Stage, system: System, options: SystemOptions = {}): this {
    if (!STAGES.includes(stage)) throw new EngineError(`Unknown stage "${String(stage)}"; stages are ${STAGES.join(', ')}.`)
    if (this.systems.some((s) => s.fn === system && s.stage === stage)) {
      throw new EngineError(`System "${options.name ?? system.name}" was added twice to stage ${stage}.`)
    }
    const name = options.name ?? options.label?.name ?? (system.name || `system#${this.seq}`)
    this.systems.push({
      fn: system,
      name,
      stage,
      options,
      seq: this.seq++,
      lastRun: 0,
      timing: new SystemTiming(name, stage, this.timings.window),
    })
    this.ordered = null
    return this
  }

  /**
   * Orders every stage and finishes the plugins. Called by the first `step`; call it yourself to
   * surface ordering errors early. Throws a `ScheduleError` naming the systems at fault.
   */
  build(): this {
    if (!this.finished) {
      this.finished = true
      for (const p of this.plugins) p.finish?.(this)
    }
    if (this.ordered) return this
    const ordered = new Map<Stage, ScheduledSystem[]>()
    for (const stage of STAGES) {
      const inStage = this.systems.filter((s) => s.stage === stage)
      ordered.set(stage, orderStage(stage, inStage, this.systems) as ScheduledSystem[])
    }
    this.ordered = ordered
    this.timings.rows = STAGES.flatMap((s) => ordered.get(s)!.map((e) => e.timing))
    return this
  }

  /** The systems of a stage in the order they run (builds the schedule). */
  order(stage: Stage): string[] {
    return this.build().ordered!.get(stage)!.map((s) => s.name)
  }

  /** Runs one frame that lasted `dtMs` (manual clock: tests, offline rendering). */
  step(dtMs: number): void {
    const started = now()
    const ordered = this.build().ordered!
    if (!this.startupDone) {
      this.startupDone = true
      this.runStage(ordered.get(Stage.Startup)!)
    }
    const fixedSteps = this.time.advance(dtMs)
    this.world.deliverInboxes()
    this.runStage(ordered.get(Stage.Input)!)
    const fixed = ordered.get(Stage.FixedUpdate)!
    for (let k = 0; k < fixedSteps; k++) this.runStage(fixed)
    this.runStage(ordered.get(Stage.Update)!)
    this.runStage(ordered.get(Stage.LateUpdate)!)
    this.runStage(ordered.get(Stage.Render)!)
    this.runStage(ordered.get(Stage.PostRender)!)
    this.world.endFrame()
    this.time.frame++
    this.timings.frame.record(now() - started)
  }

  /** Starts the loop: `requestAnimationFrame` in a browser, a 60 Hz timer elsewhere, or the driver given. */
  run(driver?: LoopDriver): this {
    if (this.driver) throw new EngineError('The app is already running; call stop() first.')
    this.build()
    const d = driver ?? (typeof (globalThis as { requestAnimationFrame?: unknown }).requestAnimationFrame === 'function' ? new RafDriver() : new TimerDriver())
    this.driver = d
    this.lastNowMs = null
    d.start((t) => this.frameFromDriver(t))
    return this
  }

  /** Stops the loop started by `run()`. */
  stop(): void {
    this.driver?.stop()
    this.driver = null
  }

  /** Pauses the loop: frames stop, time stands still. `step()` still works for frame-by-frame debugging. */
  pause(): void {
    this.isPaused = true
  }

  /** Resumes the loop; the pause does not count as elapsed time. */
  resume(): void {
    this.isPaused = false
    this.lastNowMs = null
  }

  /** True while paused. */
  get paused(): boolean {
    return this.isPaused
  }

  /** True while a loop driver runs (paused or not). */
  get running(): boolean {
    return this.driver !== null
  }

  /** Listens for errors thrown by frames of the loop; returns a function that removes the listener. */
  onError(listener: ErrorListener): () => void {
    this.errorListeners.push(listener)
    return () => {
      const at = this.errorListeners.indexOf(listener)
      if (at >= 0) this.errorListeners.splice(at, 1)
    }
  }

  /** Stops the loop and releases every plugin's resources, last added first. */
  cleanup(): void {
    this.stop()
    for (const p of [...this.plugins].reverse()) p.cleanup?.(this)
  }

  private frameFromDriver(nowMs: number): void {
    if (this.isPaused) return
    // The first frame after start or resume has no previous timestamp: it advances by zero.
    const dt = this.lastNowMs === null ? 0 : nowMs - this.lastNowMs
    this.lastNowMs = nowMs
    try {
      this.step(dt)
    } catch (err) {
      this.pause()
      const error = err instanceof Error ? err : new Error(String(err))
      if (this.errorListeners.length === 0) throw error
      for (const l of this.errorListeners) l(error)
    }
  }

  private runStage(systems: readonly ScheduledSystem[]): void {
    const world = this.world
    for (let k = 0; k < systems.length; k++) {
      const s = systems[k]
      if (s.options.runIf && !s.options.runIf(world)) continue
      world.tick++
      world.systemLastRun = s.lastRun
      const t0 = now()
      try {
        s.fn(world)
      } catch (err) {
        throw new SystemError(s.name, s.stage, err)
      } finally {
        s.lastRun = world.tick
        world.systemLastRun = 0
      }
      s.timing.record(now() - t0)
    }
    if (world.commands.pending > 0) {
      // Applied changes get a tick of their own, so every system sees them as new.
      world.tick++
      world.commands.apply()
    }
  }
}
