// The `Face` resource: the generator's state as the panel and tests see it.
import type { ExecutionBackend } from './generator.ts'
import type { FromWorker } from './protocol.ts'
import type { GanSidecar } from './sidecar.ts'
import { AdaptiveRate } from './updateRate.ts'

/** Where the generator stands. */
export const FaceStatus = { loading: 'loading', ready: 'ready', error: 'error' } as const
/** One of `FaceStatus`. */
export type FaceStatus = (typeof FaceStatus)[keyof typeof FaceStatus]

/** The page's side of the face worker: what the plugin sends it. */
export interface FaceWorkerLink {
  load(sidecarUrl: string): void
  generate(id: number, z: Float32Array, c: Float32Array | null): void
  /** Fault injection: destroys the worker's WebGPU device, if `FaceSettings.faults` was set when it loaded. */
  loseDevice(): void
  dispose(): void
}

/** The generated face: status, backend, rates, and the request in flight. */
export class Face {
  status: FaceStatus = FaceStatus.loading
  /** The execution provider running the generator, once loaded. */
  backend: ExecutionBackend | null = null
  /** WASM threads the worker runs with. */
  threads = 1
  /** The loaded generator's description. */
  sidecar: GanSidecar | null = null
  /** Why WebGPU is not used (null when it is, or when WASM was asked for). */
  fallbackReason: string | null = null
  /** A message for the performer: a load or run failure, or a fall-back to WASM; null when all is well. */
  message: string | null = null
  /** A note about the avatar: it has no face slot, or the generator cannot show expressions; null otherwise. */
  note: string | null = null
  /** How long the generator took to load, ms. */
  loadMs = 0
  /** Inference time of the last image (in the worker, upscaling excluded), ms. */
  inferMs = 0
  /** Images shown since the generator loaded. */
  images = 0
  /** Whether the avatar wears the generated face now. */
  worn = false
  /** Request rate control; `rate.measuredHz(now)` is the face's update rate. */
  rate: AdaptiveRate
  /** The request in flight (at most one), or null. */
  inFlight: number | null = null
  /** Identity version (`FaceIdentity.version`) and c of the request in flight. */
  requestedIdentity = -1
  requestedC = new Float32Array(0)
  /** Identity version and c of the image shown now (tests wait on these; -1 before the first). */
  shownIdentity = -1
  shownC = new Float32Array(0)
  /** The newest image not yet uploaded to the texture. */
  pending: Extract<FromWorker, { type: 'image' }> | null = null

  constructor(readonly worker: FaceWorkerLink, rate: AdaptiveRate) {
    this.rate = rate
  }
}
