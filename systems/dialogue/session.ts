// The language model itself, with @huggingface/transformers: shared by the worker, Node tests and bench/lm.
import {
  AutoModelForCausalLM,
  AutoTokenizer,
  InterruptableStoppingCriteria,
  StoppingCriteriaList,
  TextStreamer,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  type ProgressInfo,
} from '@huggingface/transformers'
import { buildPrompt, type ChatMessage, type ChatTurn } from './prompt.ts'
import type { GenerationResult, LoadProgress, StopReason } from './protocol.ts'
import type { ModelDtype, ModelSource, SamplingSettings } from './settings.ts'

/** A model failed to load or to run; the message is for the performer, `cause` keeps the detail. */
export class DialogueModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'DialogueModelError'
  }
}

/** What one generation reports while it runs. */
export interface GenerateCallbacks {
  /** A piece of reply text; special tokens are left out. */
  onText?(text: string): void
}

/** A loaded model and its tokenizer. */
export class LanguageModel {
  private readonly stopper = new InterruptableStoppingCriteria()

  constructor(
    private readonly tokenizer: PreTrainedTokenizer,
    private readonly model: PreTrainedModel,
    /** The context window, in tokens (`n_positions` of the config). */
    readonly contextTokens: number,
  ) {
    yieldBeforeEachStep(model)
  }

  /** Tokens of a chat rendered with the chat template and the generation prompt. */
  countTokens(messages: readonly ChatMessage[]): number {
    const encoded = this.tokenizer.apply_chat_template(messages as ChatMessage[], { add_generation_prompt: true, tokenize: true, return_tensor: false })
    return (encoded as unknown as { input_ids: number[] }).input_ids.length
  }

  /** Stops the running generation at its next token (no-op when none runs). */
  cancel(): void {
    this.stopper.interrupt()
  }

  /**
   * Answers a viewer's message: the persona, the newest history that fits the context window less
   * `maxNewTokens`, then the message (see `buildPrompt`); resolves when the reply ends.
   */
  async reply(persona: string, history: readonly ChatTurn[], message: string, sampling: SamplingSettings, callbacks: GenerateCallbacks = {}): Promise<GenerationResult> {
    const start = performance.now()
    const budget = this.contextTokens - sampling.maxNewTokens
    const prompt = buildPrompt(persona, history, message, budget, (m) => this.countTokens(m))
    const result = await this.generate(prompt.messages, sampling, callbacks, start)
    return { ...result, promptTokens: prompt.tokens, droppedTurns: prompt.droppedTurns, truncatedMessage: prompt.truncatedMessage }
  }

  /** Generates one reply to a ready prompt; resolves when it ends (end token, length limit or `cancel()`). */
  async generate(
    messages: readonly ChatMessage[],
    sampling: SamplingSettings,
    callbacks: GenerateCallbacks = {},
    start = performance.now(),
  ): Promise<Omit<GenerationResult, 'promptTokens' | 'droppedTurns' | 'truncatedMessage'>> {
    this.stopper.reset()
    let firstTokenMs = -1
    let tokens = 0
    let text = ''
    const streamer = new TextStreamer(this.tokenizer, {
      skip_prompt: true,
      skip_special_tokens: true,
      token_callback_function: () => {
        if (tokens++ === 0) firstTokenMs = performance.now() - start
      },
      callback_function: (piece: string) => {
        if (!piece || this.stopper.interrupted) return
        text += piece
        callbacks.onText?.(piece)
      },
    })
    const inputs = this.tokenizer.apply_chat_template(messages as ChatMessage[], { add_generation_prompt: true, return_dict: true }) as Record<string, unknown>
    const criteria = new StoppingCriteriaList()
    criteria.push(this.stopper)
    try {
      await this.model.generate({
        ...inputs,
        do_sample: sampling.temperature > 0,
        temperature: sampling.temperature,
        top_k: sampling.topK,
        top_p: sampling.topP,
        max_new_tokens: sampling.maxNewTokens,
        repetition_penalty: sampling.repetitionPenalty,
        min_new_tokens: sampling.minNewTokens > 0 ? sampling.minNewTokens : null,
        streamer,
        stopping_criteria: criteria,
      } as Parameters<PreTrainedModel['generate']>[0])
    } catch (err) {
      throw new DialogueModelError('The language model failed while answering; try another message or reload the model.', { cause: err })
    }
    const reason: StopReason = this.stopper.interrupted ? 'cancelled' : tokens >= sampling.maxNewTokens ? 'length' : 'eos'
    return { text: text.trim(), reason, tokens, firstTokenMs: Math.max(0, firstTokenMs), totalMs: performance.now() - start }
  }

  /** Frees the ONNX session. */
  async dispose(): Promise<void> {
    await this.model.dispose()
  }
}

/**
 * Lets the thread's other tasks run before each decoding step. onnxruntime-web settles its runs with
 * promises only, so without this a worker would not see a `cancel` message until the reply ended.
 */
function yieldBeforeEachStep(model: PreTrainedModel): void {
  const target = model as unknown as { forward(inputs: unknown): Promise<unknown> }
  const forward = target.forward.bind(model)
  const nextTask = createNextTask()
  target.forward = async (inputs) => {
    await nextTask()
    return forward(inputs)
  }
}

/** A promise settled by a fresh task: setImmediate in Node, else a MessageChannel message (never clamped to 4 ms like setTimeout). */
function createNextTask(): () => Promise<void> {
  if (typeof setImmediate === 'function') return () => new Promise<void>((resolve) => setImmediate(resolve))
  const channel = new MessageChannel()
  const waiting: (() => void)[] = []
  channel.port1.onmessage = () => waiting.shift()?.()
  return () =>
    new Promise<void>((resolve) => {
      waiting.push(resolve)
      channel.port2.postMessage(null)
    })
}

/** Turns transformers.js progress events into bytes over all files. */
export function progressTracker(onProgress: (p: LoadProgress) => void): (info: ProgressInfo) => void {
  const files = new Map<string, { loaded: number; total: number }>()
  return (info) => {
    if (info.status !== 'progress') return
    files.set(info.file, { loaded: info.loaded, total: info.total })
    let loadedBytes = 0
    let totalBytes = 0
    for (const f of files.values()) {
      loadedBytes += f.loaded
      totalBytes += f.total
    }
    onProgress({ loadedBytes, totalBytes, file: info.file })
  }
}

/**
 * Loads a model in the transformers.js layout. The caller sets `env` first (local folder, remote
 * models allowed or not, wasm paths). A `local` source is `env.localModelPath` + its folder name.
 */
export async function loadLanguageModel(
  source: ModelSource,
  dtype: ModelDtype,
  onProgress: (p: LoadProgress) => void = () => {},
): Promise<LanguageModel> {
  const id = source.kind === 'local' ? source.path : source.id
  const progress_callback = progressTracker(onProgress)
  try {
    const tokenizer = await AutoTokenizer.from_pretrained(id, { progress_callback })
    if (!tokenizer.chat_template) throw new Error('tokenizer_config.json has no chat_template')
    const model = await AutoModelForCausalLM.from_pretrained(id, { dtype, progress_callback })
    const config = model.config as unknown as Record<string, unknown>
    const contextTokens = Number(config.n_positions ?? config.max_position_embeddings ?? 1024)
    try {
      checkTokenizerFits(tokenizer, config)
    } catch (err) {
      await model.dispose()
      throw err
    }
    return new LanguageModel(tokenizer, model, contextTokens)
  } catch (err) {
    if (err instanceof DialogueModelError) throw err
    const detail = err instanceof Error ? err.message : String(err)
    if (source.kind === 'hub') {
      throw new DialogueModelError(
        `The hub model ${source.id} could not be downloaded or loaded: ${detail}. A hub model needs the network the first time ` +
          '(the browser keeps it afterwards); offline, choose the shipped model in the chat settings. The studio keeps running without replies.',
        { cause: err },
      )
    }
    const file = dtype === 'q8' ? 'onnx/model_quantized.onnx' : 'onnx/model.onnx'
    throw new DialogueModelError(
      `The host's language model could not be loaded from the folder ${source.path}: ${detail}. ` +
        `It needs config.json, tokenizer.json, tokenizer_config.json (with a chat template) and ${file}; ` +
        'export the model again (models/lm) or pick another in the dialogue settings. The studio keeps running without replies.',
      { cause: err },
    )
  }
}

/**
 * Refuses a tokenizer that does not belong to the model: ids past the model's vocabulary would fail
 * (or read garbage) on the first message, long after loading seemed to work.
 */
function checkTokenizerFits(tokenizer: PreTrainedTokenizer, config: Record<string, unknown>): void {
  const vocabSize = Number(config.vocab_size)
  if (!Number.isFinite(vocabSize)) return
  let largest = -1
  for (const id of tokenizer.get_vocab().values()) largest = Math.max(largest, id)
  if (largest >= vocabSize) {
    throw new DialogueModelError(
      `The tokenizer does not match the model: it has ids up to ${largest}, but the model knows only ${vocabSize} tokens. ` +
        'tokenizer.json and onnx/ come from different exports; export the model again (models/lm/export.py) so both are written together. ' +
        'The studio keeps running without replies.',
    )
  }
}
