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

/** Dialogue settings, a resource; change it before the plugin builds, or call `Dialogue.reload()` after. */
export class DialogueSettings {
  /** Name of the backend in `DIALOGUE_BACKENDS` (default `transformers`, a Web Worker). */
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

  constructor(init: Partial<DialogueSettings> = {}) {
    Object.assign(this, init)
  }
}
