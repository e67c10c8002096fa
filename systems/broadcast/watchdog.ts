// 24/7 mode's watchdog: workers (language model, TTS, GAN, tracker) register a health check and a restart;
// an unhealthy one is restarted with backoff while the stream goes on.
import { Time, type World } from '../../engine/index.ts'

/** A worker the watchdog looks after. Other systems register theirs with `WorkerWatchdog.register`. */
export interface WatchedWorker {
  /** Unique name shown in the studio (`dialogue`, `voice`, `face`, `mocap`). */
  readonly name: string
  /** What is wrong with it now, for the performer, or null when it is healthy. Runs once a frame: keep it cheap. */
  check(world: World, nowMs: number): string | null
  /** Replaces the worker with a fresh one; must not stop the frame loop. */
  restart(world: World): void
}

/** Restart timing; every field states its default. */
export interface WatchdogSettings {
  /** Wait before the first restart of an unhealthy worker, in ms (default 1,000). */
  firstBackoffMs: number
  /** Longest wait between restarts; the wait doubles up to this, in ms (default 60,000). */
  maxBackoffMs: number
  /** Healthy this long after a restart resets the backoff, in ms (default 60,000). */
  healthyResetMs: number
}

/** The default timing. */
export const DEFAULT_WATCHDOG: Readonly<WatchdogSettings> = Object.freeze({ firstBackoffMs: 1_000, maxBackoffMs: 60_000, healthyResetMs: 60_000 })

/** One worker's watch state. */
export interface WatchState {
  readonly worker: WatchedWorker
  /** Restarts so far. */
  restarts: number
  /** The last problem seen, or null. */
  problem: string | null
  /** When the problem was first seen (ms), or null while healthy. */
  unhealthySinceMs: number | null
  /** Current wait before a restart, in ms. */
  backoffMs: number
  /** When it last restarted (ms), or null. */
  lastRestartMs: number | null
}

/** A resource: the registry of watched workers and their restart counts. */
export class WorkerWatchdog {
  readonly settings: WatchdogSettings
  readonly watched: WatchState[] = []

  constructor(settings: Partial<WatchdogSettings> = {}) {
    this.settings = { ...DEFAULT_WATCHDOG, ...settings }
  }

  /** Adds a worker to watch; a second worker with the same name is an error. */
  register(worker: WatchedWorker): void {
    if (this.watched.some((w) => w.worker.name === worker.name)) throw new Error(`A worker named "${worker.name}" is already watched; give each worker its own name.`)
    this.watched.push({ worker, restarts: 0, problem: null, unhealthySinceMs: null, backoffMs: this.settings.firstBackoffMs, lastRestartMs: null })
  }

  /** The watch state of a worker by name, or undefined. */
  get(name: string): WatchState | undefined {
    return this.watched.find((w) => w.worker.name === name)
  }
}

/** update stage: checks each watched worker and restarts the unhealthy ones whose backoff has passed. */
export function watchWorkers(world: World): void {
  const dog = world.resource(WorkerWatchdog)
  const nowMs = world.resource(Time).elapsedMs
  for (const state of dog.watched) {
    const problem = state.worker.check(world, nowMs)
    if (problem === null) {
      state.problem = null
      state.unhealthySinceMs = null
      if (state.lastRestartMs !== null && nowMs - state.lastRestartMs > dog.settings.healthyResetMs) state.backoffMs = dog.settings.firstBackoffMs
      continue
    }
    state.problem = problem
    state.unhealthySinceMs ??= nowMs
    const since = Math.max(state.unhealthySinceMs, state.lastRestartMs ?? -Infinity)
    if (nowMs - since < state.backoffMs) continue
    state.worker.restart(world)
    state.restarts++
    state.lastRestartMs = nowMs
    state.unhealthySinceMs = null
    state.backoffMs = Math.min(state.backoffMs * 2, dog.settings.maxBackoffMs)
  }
}
