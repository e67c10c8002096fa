// What the performer can tune: persona, model, sampling. Every field states its default.

/** Where the model files come from. */
export type ModelSource =
  /** A folder in the transformers.js layout, served by the studio (or on disk in Node). */
  | { readonly kind: 'local'; readonly path: string }
  /** A Hugging Face hub id such as `onnx-community/Qwen2.5-0.5B-Instruct`; needs the network. */
  | { readonly kind: 'hub'; readonly id: string }

/** Weight precision of the ONNX file: `fp32` is `onnx/model.onnx`, `q8` is `onnx/model_quantized.onnx`. */
export const ModelDtype = { fp32: 'fp32', q8: 'q8' } as const
/** One of `ModelDtype`. */
export type ModelDtype = (typeof ModelDtype)[keyof typeof ModelDtype]

/** Sampling settings passed to `generate`. */
export interface SamplingSettings {
  /** Softmax temperature; lower is more predictable (default 0.7, as the shipped generation_config.json). */
  temperature: number
  /** Sample only among the k likeliest tokens; 0 turns it off (default 20, as generation_config.json). */
  topK: number
  /** Nucleus sampling: the smallest set of tokens whose probability reaches p (default 0.95). */
  topP: number
  /** Longest reply, in tokens (default 48, as generation_config.json). */
  maxNewTokens: number
  /** Penalty for repeating a token already in the text; 1 is none (default 1.1). */
  repetitionPenalty: number
  /** The end token is held back until this many tokens (default 0: the model decides; tests use it for long replies). */
  minNewTokens: number
}

/** The shipped model's defaults (generation_config.json), plus a mild repetition penalty. */
export const DEFAULT_SAMPLING: Readonly<SamplingSettings> = Object.freeze({
  temperature: 0.7,
  topK: 20,
  topP: 0.95,
  maxNewTokens: 48,
  repetitionPenalty: 1.1,
  minNewTokens: 0,
})

/** The persona the shipped model was trained with (models/lm/templates.py), with one game and one product. */
export const DEFAULT_PERSONA = '你是小星,一位友好的虚拟主播。今天的游戏:我的世界;今天的商品:保温杯,49元。'

/** The shipped model as the studio serves it (Vite serves the repository root in development). */
export const SHIPPED_MODEL: ModelSource = { kind: 'local', path: '/models/lm/shipped' }

/** Where the `openai` backend sends chat: any OpenAI-compatible chat-completions server. */
export interface OpenAISettings {
  /** The API's base address, up to and including `/v1` (default `http://127.0.0.1:8787/v1`, `npm run serve:lm`). */
  baseUrl: string
  /** Sent as `Authorization: Bearer <key>` when not empty (default empty: local servers need none). */
  apiKey: string
  /** The `model` field of each request; empty takes the first model the server lists (default empty). */
  model: string
  /** A reply that sends nothing for this long is given up, in ms (default 30000). */
  idleTimeoutMs: number
}

/** The default OpenAI-compatible endpoint: the shipped model served by `npm run serve:lm`. */
export const DEFAULT_OPENAI: Readonly<OpenAISettings> = Object.freeze({
  baseUrl: 'http://127.0.0.1:8787/v1',
  apiKey: '',
  model: '',
  idleTimeoutMs: 30_000,
})

/** What every backend's reply passes through before it is shown or spoken. */
export interface ReplyFilterSettings {
  /** Words masked with `*` wherever they appear (case-insensitive; Latin words only as whole words) (default `DEFAULT_BLOCKLIST`). */
  blocklist: string[]
  /** Longest reply shown, in characters; the reply is stopped there (default 300). */
  maxReplyChars: number
}

/** A short default blocklist of insults in Chinese and English; performers extend it in settings. */
export const DEFAULT_BLOCKLIST: readonly string[] = Object.freeze(['傻逼', '操你', '他妈的', '去死', '脑残', 'fuck', 'fucking', 'shit', 'bitch', 'asshole', 'retard'])

/** Dialogue settings, a resource; change it before the plugin builds, or call `reloadDialogue(world)` after changing `backend`, `model`, `dtype` or `openai`. */
export class DialogueSettings {
  /** Name of the backend in `DIALOGUE_BACKENDS`: `transformers` (a Web Worker, the `model` below) or `openai` (the `openai` endpoint) (default `transformers`). */
  backend = 'transformers'
  /** The model (default the shipped one, `/models/lm/shipped`). */
  model: ModelSource = SHIPPED_MODEL
  /** Weight precision (default `fp32`: on this tiny model q8 is no faster; see bench/lm). */
  dtype: ModelDtype = ModelDtype.fp32
  /** The system prompt; always kept when the history is trimmed (default `DEFAULT_PERSONA`). */
  persona = DEFAULT_PERSONA
  /** Sampling (default `DEFAULT_SAMPLING`). */
  sampling: SamplingSettings = { ...DEFAULT_SAMPLING }
  /** Longest viewer message kept, in characters; longer ones are cut (default 500). */
  maxMessageChars = 500
  /** Earlier exchanges remembered at most, before the token budget trims further (default 8). */
  maxHistoryTurns = 8
  /** The `openai` backend's endpoint (default `DEFAULT_OPENAI`: `npm run serve:lm` on this machine). */
  openai: OpenAISettings = { ...DEFAULT_OPENAI }
  /** The filter every reply passes through (default: `DEFAULT_BLOCKLIST`, 300 characters). */
  filter: ReplyFilterSettings = { blocklist: [...DEFAULT_BLOCKLIST], maxReplyChars: 300 }

  constructor(init: Partial<DialogueSettings> = {}) {
    Object.assign(this, init)
  }
}
