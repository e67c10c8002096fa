// The messages between the page and the dialogue worker; both sides import these types only.
import type { ChatTurn } from './prompt.ts'
import type { ModelDtype, ModelSource, SamplingSettings } from './settings.ts'

/** Page → worker. */
export type ToWorker =
  /** Load (or replace) the model; answered by `progress`… then `ready` or `error`. */
  | { readonly type: 'load'; readonly source: ModelSource; readonly dtype: ModelDtype; readonly wasmPaths: WasmPaths }
  /**
   * Answer a viewer's message; the worker builds the prompt (it has the tokenizer) and answers with
   * `token`… then `done` or `error`, all with the same id.
   */
  | {
      readonly type: 'generate'
      readonly id: number
      readonly persona: string
      readonly history: readonly ChatTurn[]
      readonly message: string
      readonly sampling: SamplingSettings
    }
  /** Stop generation `id` at its next token; its `done` says `cancelled`. */
  | { readonly type: 'cancel'; readonly id: number }

/** Worker → page. */
export type FromWorker =
  | { readonly type: 'progress'; readonly progress: LoadProgress }
  /** The model is loaded; `contextTokens` is its window (`n_positions`). */
  | { readonly type: 'ready'; readonly contextTokens: number; readonly loadMs: number }
  /** A piece of reply text (one or more tokens, whole characters). */
  | { readonly type: 'token'; readonly id: number; readonly text: string }
  | { readonly type: 'done'; readonly id: number; readonly result: GenerationResult }
  /** `id` is the generation that failed, or null for a load failure. */
  | { readonly type: 'error'; readonly id: number | null; readonly message: string }

/** The onnxruntime-web files, as URLs the worker can fetch (never a CDN). */
export interface WasmPaths {
  readonly mjs: string
  readonly wasm: string
}

/** How far the model files have loaded. */
export interface LoadProgress {
  /** Bytes loaded so far, over all files. */
  readonly loadedBytes: number
  /** Bytes to load, over all files seen so far (0 until known). */
  readonly totalBytes: number
  /** The file loading now. */
  readonly file: string
}

/** How a generation ended. */
export const StopReason = { eos: 'eos', length: 'length', cancelled: 'cancelled' } as const
/** One of `StopReason`. */
export type StopReason = (typeof StopReason)[keyof typeof StopReason]

/** What a finished generation reports. */
export interface GenerationResult {
  readonly text: string
  readonly reason: StopReason
  /** Tokens generated. */
  readonly tokens: number
  /** From the request to the first token, in ms. */
  readonly firstTokenMs: number
  /** From the request to the end, in ms. */
  readonly totalMs: number
  /** Tokens of the prompt. */
  readonly promptTokens: number
  /** Oldest exchanges left out to fit the context window. */
  readonly droppedTurns: number
  /** Whether the viewer's message was cut to fit. */
  readonly truncatedMessage: boolean
}
