// The stream view's test hooks: `window.__genanchorStream`, read-only snapshots for the e2e tests.
// Loaded only when `testHooksWanted` (scenes/testHooksFlag.ts) says so.
import type { App } from '../../engine/index.ts'
import { StreamView } from './streamView.ts'

/** The stream view now, as plain values. */
export interface StreamSnapshot {
  /** The anchor is loaded, framed and following the studio. */
  readonly ready: boolean
  /** Commands from the studio applied so far. */
  readonly applied: number
}

/** The stream view's hooks. */
export interface StreamTestHooks {
  snapshot(): StreamSnapshot
}

declare global {
  interface Window {
    /** The stream view's test hooks (only under the test flag); see `StreamTestHooks`. */
    __genanchorStream?: StreamTestHooks
  }
}

/** Publishes `window.__genanchorStream`; `ready` says whether the anchor is on the page yet. */
export function installStreamTestHooks(app: App, ready: () => boolean): void {
  const view = app.world.resource(StreamView)
  window.__genanchorStream = Object.freeze({
    snapshot: () => ({ ready: ready(), applied: view.applied }),
  })
}
