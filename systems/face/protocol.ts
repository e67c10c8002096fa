// The messages between the page and the face worker; both sides import these types only.
import type { ExecutionBackend, Precision } from './generator.ts'
import type { GanSidecar } from './sidecar.ts'

/** Which execution provider to try: `auto` is WebGPU when the worker gets an adapter, else WASM. */
export type BackendPreference = 'auto' | ExecutionBackend

/** The onnxruntime-web files, as URLs the worker can fetch (never a CDN). */
export interface WasmPaths {
  readonly mjs: string
  readonly wasm: string
}

/** Page → worker. */
export type ToWorker =
  /** Load (or replace) the generator; answered by `ready` or a load `error`. */
  | {
      readonly type: 'load'
      /** Address of generator.json. */
      readonly sidecarUrl: string
      readonly precision: Precision
      readonly backend: BackendPreference
      readonly wasmPaths: WasmPaths
      /** WASM threads (1 unless the page is cross-origin isolated). */
      readonly threads: number
      /** Width and height of the texture image the worker returns, pixels. */
      readonly texturePx: number
      /** Whether `loseDevice` is obeyed (fault injection, `FaceSettings.faults`); otherwise it is ignored. */
      readonly faults: boolean
    }
  /** Generate one image; answered by `image` or `error` with the same id. */
  | { readonly type: 'generate'; readonly id: number; readonly z: Float32Array; readonly c: Float32Array | null }
  /** Destroys the worker's WebGPU device, as a driver reset would: fault injection, obeyed only after a `load` with `faults`. */
  | { readonly type: 'loseDevice' }

/** Worker → page. */
export type FromWorker =
  | {
      readonly type: 'ready'
      readonly backend: ExecutionBackend
      readonly threads: number
      readonly sidecar: GanSidecar
      readonly loadMs: number
      /** Why WebGPU is not used, for people; null when it is, or when WASM was asked for. */
      readonly fallbackReason: string | null
    }
  /** One texture image: `texturePx`² RGBA8, row 0 at the top; `border` is its edge colour (sRGB 0..1). */
  | { readonly type: 'image'; readonly id: number; readonly pixels: Uint8Array; readonly border: readonly [number, number, number]; readonly inferMs: number }
  /** The WebGPU device was lost; the worker now runs on WASM (`message` is for people). */
  | { readonly type: 'fellBack'; readonly backend: ExecutionBackend; readonly message: string }
  /** `id` is the request that failed, or null for a load failure (then no generator is loaded). */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string }
