// What the performer can tune about the generated face. Every field states its default.
import type { Precision } from './generator.ts'
import type { BackendPreference } from './protocol.ts'
import { DEFAULT_RATE_LIMITS, type RateLimits } from './updateRate.ts'

/** The shipped generator as the studio serves it (Vite serves the repository root in development). */
export const SHIPPED_GENERATOR = '/models/gan/shipped/generator.json'

/** Face settings, a resource; change it before the plugin builds, or call `reloadFace(world)` after. */
export class FaceSettings {
  /** Whether the generated face is worn; false shows the avatar's own painted face (default true). */
  enabled = true
  /** Address of the generator's generator.json (default `SHIPPED_GENERATOR`). */
  sidecarUrl = SHIPPED_GENERATOR
  /** Model file precision (default `fp32`: WASM has no fast fp16, and SwiftShader's WebGPU no shader-f16). */
  precision: Precision = 'fp32'
  /** Execution provider (default `auto`: WebGPU when the worker gets an adapter, else WASM). */
  backend: BackendPreference = 'auto'
  /**
   * WASM threads, or `auto` (default): half the cores, 1 to 4, when the page is cross-origin
   * isolated (threads need SharedArrayBuffer), else 1. Half, because the page's own thread and the
   * other workers (dialogue, voice) need the rest.
   */
  threads: number | 'auto' = 'auto'
  /** Width and height of the face texture, pixels (default 256: 4× the generator's 64, see upscale.ts). */
  texturePx = 256
  /** Request rate limits (default 5..30 Hz within a 33.3 ms frame budget). */
  rate: RateLimits = { ...DEFAULT_RATE_LIMITS }
  /**
   * Recolour the avatar's untextured skin to the generated face's border, so the face meets the neck
   * and the back of the head without a seam (default true).
   */
  matchSkin = true
  /** Names of the materials recoloured by `matchSkin` (default `['Skin']`, the default anchor's body skin). */
  skinMaterials: readonly string[] = ['Skin']
  /**
   * Whether the worker obeys fault injection (`FaceWorkerLink.loseDevice`); default false, when it
   * ignores it. Read when the worker is started; the studio sets it only under its test flag.
   */
  faults = false

  constructor(init: Partial<FaceSettings> = {}) {
    Object.assign(this, init)
  }
}

/** The WASM thread count for `setting` on a page with `cores` logical cores. */
export function wasmThreads(setting: number | 'auto', crossOriginIsolated: boolean, cores: number): number {
  if (!crossOriginIsolated) return 1
  if (setting !== 'auto') return Math.max(1, Math.floor(setting))
  return Math.min(4, Math.max(1, Math.floor(cores / 2)))
}
