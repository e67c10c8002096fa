// The `openai` backend: any OpenAI-compatible chat-completions server (`npm run serve:lm`, Ollama,
// vLLM, LM Studio), streamed with server-sent events. Runs on the page's thread: it only waits on the network.
import type { BackendEvent, DialogueBackend, ReplyRequest } from './backend.ts'
import type { ChatMessage, ChatTurn } from './prompt.ts'
import type { GenerationResult } from './protocol.ts'
import { DEFAULT_OPENAI, type DialogueSettings, type OpenAISettings } from './settings.ts'
import { readServerSentEvents } from './sse.ts'

/** How long the model list may take to answer when the backend loads, in ms. */
const PROBE_TIMEOUT_MS = 10_000
/** The most of a server's own error text shown to the performer, in characters. */
const MAX_SERVER_MESSAGE_CHARS = 200

/** The chat as an OpenAI `messages` array: the persona as the system message, every viewer line as user content. */
export function chatMessages(persona: string, history: readonly ChatTurn[], message: string): ChatMessage[] {
  return [
    { role: 'system', content: persona },
    ...history.flatMap((t): ChatMessage[] => [{ role: 'user', content: t.user }, { role: 'assistant', content: t.assistant }]),
    { role: 'user', content: message },
  ]
}

/** A reply failed for a reason the performer can act on. */
class EndpointError extends Error {}

/** Reads the OpenAI-compatible endpoint in `DialogueSettings.openai`; one reply at a time, cancel aborts its request. */
export function createOpenAIBackend(report: (event: BackendEvent) => void): DialogueBackend {
  let endpoint: OpenAISettings = { ...DEFAULT_OPENAI }
  /** The model name sent: the configured one, or the first the server listed. */
  let model = ''
  let running: { readonly id: number; readonly controller: AbortController } | null = null
  const cancelledEarly = new Set<number>()
  let queue: Promise<void> = Promise.resolve()
  let loads = 0
  let disposed = false

  async function probe(load: number): Promise<void> {
    const started = performance.now()
    try {
      const response = await fetch(`${base(endpoint)}/models`, { headers: headers(endpoint), signal: AbortSignal.timeout(PROBE_TIMEOUT_MS) })
      if (!response.ok) throw new EndpointError(await httpErrorMessage(response, endpoint))
      const listed = parseModelList(await response.text())
      if (load !== loads) return
      model = endpoint.model || listed[0] || ''
      if (!model) throw new EndpointError(`${where(endpoint)} lists no models; name one in the chat settings.`)
      report({ type: 'ready', contextTokens: 0, loadMs: performance.now() - started })
    } catch (err) {
      if (load === loads) report({ type: 'error', id: null, message: failureMessage(err, endpoint) })
    }
  }

  async function answer(request: ReplyRequest): Promise<void> {
    if (disposed) return
    if (cancelledEarly.delete(request.id)) {
      report({ type: 'done', id: request.id, result: endResult('', 'cancelled', 0, 0, 0) })
      return
    }
    const controller = new AbortController()
    running = { id: request.id, controller }
    const started = performance.now()
    let text = ''
    let tokens = 0
    let firstTokenMs = 0
    // Given up when nothing arrives for idleTimeoutMs: a server that hangs must not hold the host forever.
    let idle: ReturnType<typeof setTimeout> | undefined
    const stillAlive = () => {
      clearTimeout(idle)
      idle = setTimeout(() => controller.abort('idle'), endpoint.idleTimeoutMs)
    }
    try {
      stillAlive()
      const response = await fetch(`${base(endpoint)}/chat/completions`, {
        method: 'POST',
        headers: { ...headers(endpoint), 'Content-Type': 'application/json', Accept: 'text/event-stream' },
        body: JSON.stringify(requestBody(model, request)),
        signal: controller.signal,
      })
      const finish = await readChatStream(response, endpoint, (content) => {
        stillAlive()
        if (!content) return
        if (tokens++ === 0) firstTokenMs = performance.now() - started
        text += content
        report({ type: 'token', id: request.id, text: content })
      })
      report({ type: 'done', id: request.id, result: endResult(text, finish === 'length' ? 'length' : 'eos', tokens, firstTokenMs, performance.now() - started) })
    } catch (err) {
      if (controller.signal.reason === 'cancel') {
        report({ type: 'done', id: request.id, result: endResult(text, 'cancelled', tokens, firstTokenMs, performance.now() - started) })
      } else if (controller.signal.reason === 'idle') {
        report({ type: 'error', id: request.id, message: `${where(endpoint)} sent nothing for ${endpoint.idleTimeoutMs / 1000} s; the reply was given up.` })
      } else {
        report({ type: 'error', id: request.id, message: failureMessage(err, endpoint) })
      }
    } finally {
      clearTimeout(idle)
      running = null
    }
  }

  return {
    load(settings: DialogueSettings) {
      endpoint = { ...settings.openai }
      model = endpoint.model
      void probe(++loads)
    },
    generate(request: ReplyRequest) {
      queue = queue.then(() => answer(request))
    },
    cancel(id: number) {
      if (running?.id === id) running.controller.abort('cancel')
      else cancelledEarly.add(id)
    },
    dispose() {
      disposed = true
      loads++
      running?.controller.abort('cancel')
    },
  }
}

/** The chat-completions request for one reply (streamed). */
function requestBody(model: string, request: ReplyRequest): Record<string, unknown> {
  return {
    model,
    messages: chatMessages(request.persona, request.history, request.message),
    stream: true,
    temperature: request.sampling.temperature,
    top_p: request.sampling.topP,
    max_tokens: request.sampling.maxNewTokens,
    // vLLM's (and serve:lm's) extension; sent only when asked for, as OpenAI itself refuses unknown fields.
    ...(request.sampling.minNewTokens > 0 ? { min_tokens: request.sampling.minNewTokens } : {}),
  }
}

/**
 * Reads a streamed chat completion, calling `onContent` for every chunk (with '' for chunks without
 * text); resolves with the finish reason, or throws an `EndpointError` saying what was wrong.
 */
async function readChatStream(response: Response, endpoint: OpenAISettings, onContent: (content: string) => void): Promise<string | null> {
  if (!response.ok) throw new EndpointError(await httpErrorMessage(response, endpoint))
  const type = response.headers.get('content-type') ?? ''
  if (!type.includes('text/event-stream') || !response.body) {
    throw new EndpointError(
      `${where(endpoint)} did not stream its reply (it answered ${type || 'without a content type'}, not text/event-stream); is this an OpenAI-compatible chat-completions server?`,
    )
  }
  let finish: string | null = null
  for await (const event of readServerSentEvents(response.body)) {
    if (event.data === '[DONE]') return finish ?? 'stop'
    const chunk = parseChunk(event.data, endpoint)
    onContent(chunk.content)
    finish = chunk.finish ?? finish
  }
  // Some servers end without [DONE] after the chunk that says why the reply ended; without either, it was cut.
  if (finish === null) throw new EndpointError(`${where(endpoint)} ended the stream in the middle of the reply; the host stopped there.`)
  return finish
}

function base(endpoint: OpenAISettings): string {
  return endpoint.baseUrl.trim().replace(/\/+$/, '')
}

function where(endpoint: OpenAISettings): string {
  return `The chat server at ${base(endpoint)}`
}

function headers(endpoint: OpenAISettings): Record<string, string> {
  return endpoint.apiKey ? { Authorization: `Bearer ${endpoint.apiKey}` } : {}
}

function endResult(text: string, reason: GenerationResult['reason'], tokens: number, firstTokenMs: number, totalMs: number): GenerationResult {
  return { text: text.trim(), reason, tokens, firstTokenMs, totalMs, promptTokens: 0, droppedTurns: 0, truncatedMessage: false }
}

/** A server's own words, shortened and stripped of control characters (they are shown to the performer). */
function serverWords(text: string): string {
  const plain = text.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim()
  return plain.length > MAX_SERVER_MESSAGE_CHARS ? `${plain.slice(0, MAX_SERVER_MESSAGE_CHARS)}…` : plain
}

/** The `error` of an OpenAI-shaped body (`{error: {message}}`, or Ollama's `{error: "…"}`), or null. */
function errorOfBody(body: unknown): string | null {
  if (!body || typeof body !== 'object' || !('error' in body)) return null
  const error = (body as { error: unknown }).error
  if (typeof error === 'string') return error
  if (error && typeof error === 'object' && typeof (error as { message?: unknown }).message === 'string') return (error as { message: string }).message
  return 'an error without a message'
}

async function httpErrorMessage(response: Response, endpoint: OpenAISettings): Promise<string> {
  let said = ''
  try {
    said = errorOfBody(JSON.parse(await response.text())) ?? ''
  } catch {
    // Not JSON (an HTML error page, say): the status alone is shown.
  }
  const hint =
    response.status === 401 || response.status === 403
      ? ' Check the API key in the chat settings.'
      : response.status === 404
        ? ' Check the address (it usually ends in /v1) and the model name.'
        : response.status === 429
          ? ' It is busy; the next message will try again.'
          : ''
  return `${where(endpoint)} answered ${response.status}${said ? `: ${serverWords(said)}` : ''}.${hint}`
}

function parseModelList(text: string): string[] {
  let body: unknown
  try {
    body = JSON.parse(text)
  } catch {
    throw new EndpointError('its model list is not JSON')
  }
  const data = (body as { data?: unknown } | null)?.data
  if (!Array.isArray(data)) throw new EndpointError('its model list has no "data" array')
  return data.map((m) => (m as { id?: unknown })?.id).filter((id): id is string => typeof id === 'string')
}

/** One chat.completion.chunk: the new text and, on the last chunk, why it ended. */
function parseChunk(data: string, endpoint: OpenAISettings): { content: string; finish: string | null } {
  let chunk: unknown
  try {
    chunk = JSON.parse(data)
  } catch {
    throw new EndpointError(`${where(endpoint)} sent something that is not a chat-completion chunk ("${serverWords(data).slice(0, 60)}"); is it an OpenAI-compatible server?`)
  }
  const error = errorOfBody(chunk)
  if (error !== null) throw new EndpointError(`${where(endpoint)} stopped the reply: ${serverWords(error)}`)
  const choice = (chunk as { choices?: { delta?: { content?: unknown }; finish_reason?: unknown }[] }).choices?.[0]
  if (!choice) throw new EndpointError(`${where(endpoint)} sent a chunk without choices; is it an OpenAI-compatible server?`)
  const content = choice.delta?.content
  return { content: typeof content === 'string' ? content : '', finish: typeof choice.finish_reason === 'string' ? choice.finish_reason : null }
}

function failureMessage(err: unknown, endpoint: OpenAISettings): string {
  if (err instanceof EndpointError) return err.message.startsWith('The chat server') ? err.message : `${where(endpoint)} cannot be used: ${err.message}.`
  if (err instanceof DOMException && err.name === 'TimeoutError') return `${where(endpoint)} did not answer within ${PROBE_TIMEOUT_MS / 1000} s; is it running?`
  // fetch rejects with a TypeError when nothing listens, the address is wrong or CORS refuses.
  return `Could not reach the chat server at ${base(endpoint)} (${err instanceof Error ? err.message : String(err)}). Start it (npm run serve:lm serves the shipped model) or check the address in the chat settings; the host stays silent meanwhile.`
}
