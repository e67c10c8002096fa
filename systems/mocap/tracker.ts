// The face-tracker interface (runs inside the mocap worker) and the registry of implementations.

/** One face as a tracker reports it, in the layout of `FaceLandmarks` (pixels, MediaPipe mesh order). */
export interface TrackerFace {
  readonly points: Float32Array
  readonly count: number
  readonly width: number
  readonly height: number
  /** Packed in `BLENDSHAPE_NAMES` order, or null when the model has none. */
  readonly blendshapes: Float32Array | null
}

/** A face tracker: one image in, the most prominent face out (or null when there is none). */
export interface FaceTracker {
  /** What runs, for the studio's status line (e.g. "human 3.3.6, tfjs wasm (SIMD)"). */
  readonly description: string
  /** Tracks one image taken at `timeMs` (monotonic per tracker). Closes the image. */
  detect(image: ImageBitmap, timeMs: number): Promise<TrackerFace | null>
  dispose(): void
}

/** Where a tracker finds its files. */
export interface TrackerOptions {
  /** Absolute URL of the served `mocap-assets/` folder. */
  readonly assetBase: string
  /** Absolute URL of a `face_landmarker.task`, or '' (only tasks-vision uses it). */
  readonly modelUrl: string
}

/** Makes a ready tracker (models loaded), or rejects with a message a performer can act on. */
export type TrackerFactory = (options: TrackerOptions) => Promise<FaceTracker>

/** The trackers by name, registered by the worker. */
export const TRACKERS = new Map<string, TrackerFactory>()

/** Thrown when a tracker cannot start; `message` is meant for the performer. */
export class TrackerError extends Error {
  override name = 'TrackerError'
}
