import { Time, type App } from '../../engine/index.ts'
import { GpuContext, Renderer, type Backend, type ContextState } from '../../systems/render/index.ts'

/**
 * What the studio exposes on `window.__genanchor` for end-to-end tests and console debugging.
 * It appears once the first frame is scheduled; read-only by convention.
 */
export interface StudioTestHook {
  /** The running app (world, resources, systems). */
  readonly app: App
  /** The backend the renderer started with. */
  readonly backend: Backend
  /** Frames stepped so far (`Time.frame`). */
  frame(): number
  /** The GPU context state now: `'running'` or `'lost'`. */
  readonly contextState: ContextState
}

declare global {
  interface Window {
    /** Set by the studio page; see `StudioTestHook`. */
    __genanchor?: StudioTestHook
  }
}

/** Publishes `window.__genanchor` for the app. */
export function installTestHook(app: App): void {
  const world = app.world
  window.__genanchor = {
    app,
    backend: world.resource(Renderer).backend,
    frame: () => world.resource(Time).frame,
    get contextState() {
      return world.resource(GpuContext).state
    },
  }
}
