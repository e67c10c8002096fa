// The messages between the page and the mocap worker; both sides import these types only.
import type { TrackerFace } from './tracker.ts'

/** Page → worker. */
export type ToWorker =
  /** Start (or replace) a tracker; answered by `ready` or `error`. */
  | { readonly type: 'load'; readonly tracker: string; readonly assetBase: string; readonly modelUrl: string }
  /** Track one camera frame (transferred); answered by `result` or `error` with the same id. */
  | { readonly type: 'frame'; readonly id: number; readonly image: ImageBitmap; readonly timeMs: number }

/** Worker → page. */
export type FromWorker =
  | { readonly type: 'ready'; readonly description: string; readonly loadMs: number }
  /** `detectMs`: time the tracker took in the worker; `face` is null when no face was found. */
  | { readonly type: 'result'; readonly id: number; readonly detectMs: number; readonly face: TrackerFace | null }
  /** `id` is the frame that failed, or null for a load failure. */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string }
