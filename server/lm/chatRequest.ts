// Reads an OpenAI chat-completions request into what the model's `reply` takes, refusing what it cannot honour.
import { DEFAULT_SAMPLING, type ChatTurn, type SamplingSettings } from '../../systems/dialogue/node.ts'

/** A request the server refuses, with OpenAI's `param` and `code` for the error body. */
export class BadRequestError extends Error {
  constructor(
    message: string,
    readonly param: string | null = null,
    readonly code: string | null = null,
    readonly status = 400,
  ) {
    super(message)
    this.name = 'BadRequestError'
  }
}

/** What one chat-completions request asks of the model. */
export interface ChatRequest {
  /** The `model` field, or '' when absent. */
  readonly model: string
  readonly stream: boolean
  /** Whether a streamed reply ends with a usage chunk (`stream_options.include_usage`). */
  readonly includeUsage: boolean
  /** The system messages, joined: the persona. */
  readonly persona: string
  /** Earlier exchanges, oldest first. */
  readonly history: ChatTurn[]
  /** The last user message: what to answer. */
  readonly message: string
  readonly sampling: SamplingSettings
}

type Role = 'system' | 'user' | 'assistant'

/**
 * Validates a parsed request body. Only the roles the chat template knows are taken; the last
 * message must be the user's. `max_tokens` may be at most `maxNewTokens` (half the context window),
 * so a prompt always has room. `top_k`, `repetition_penalty` and `min_tokens` are read as vLLM does.
 */
export function parseChatRequest(body: unknown, maxNewTokens: number): ChatRequest {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new BadRequestError('The request body must be a JSON object.')
  const b = body as Record<string, unknown>
  if (b.model !== undefined && typeof b.model !== 'string') throw new BadRequestError('"model" must be a string.', 'model')
  if (b.n !== undefined && b.n !== 1) throw new BadRequestError('Only n = 1 is supported.', 'n', 'unsupported_value')
  if (!Array.isArray(b.messages) || b.messages.length === 0) throw new BadRequestError('"messages" must be a non-empty array.', 'messages')
  const messages = b.messages.map((m, i) => readMessage(m, i))
  const last = messages[messages.length - 1]
  if (last.role !== 'user') throw new BadRequestError('The last message must have the role "user": the model answers a viewer.', `messages[${messages.length - 1}].role`)
  const persona = messages.filter((m) => m.role === 'system').map((m) => m.content).join('\n')
  const history: ChatTurn[] = []
  let user: string[] = []
  for (const m of messages.slice(0, -1)) {
    if (m.role === 'user') user.push(m.content)
    else if (m.role === 'assistant') {
      history.push({ user: user.join('\n'), assistant: m.content })
      user = []
    }
  }
  // Users who spoke after the host's last answer are read together with the last message.
  const message = [...user, last.content].join('\n')
  const maxTokens = b.max_completion_tokens ?? b.max_tokens ?? DEFAULT_SAMPLING.maxNewTokens
  const sampling: SamplingSettings = {
    temperature: numberIn(b.temperature, 'temperature', 0, 2, DEFAULT_SAMPLING.temperature),
    topP: numberIn(b.top_p, 'top_p', 0, 1, DEFAULT_SAMPLING.topP),
    topK: Math.round(numberIn(b.top_k, 'top_k', 0, 100_000, DEFAULT_SAMPLING.topK)),
    repetitionPenalty: numberIn(b.repetition_penalty, 'repetition_penalty', 0.01, 10, DEFAULT_SAMPLING.repetitionPenalty),
    maxNewTokens: Math.round(numberIn(maxTokens, b.max_completion_tokens !== undefined ? 'max_completion_tokens' : 'max_tokens', 1, maxNewTokens, maxNewTokens)),
    minNewTokens: 0,
  }
  sampling.minNewTokens = Math.round(numberIn(b.min_tokens, 'min_tokens', 0, sampling.maxNewTokens, 0))
  const stream = b.stream === true
  const options = b.stream_options as { include_usage?: unknown } | undefined
  return { model: (b.model as string | undefined) ?? '', stream, includeUsage: stream && options?.include_usage === true, persona, history, message, sampling }
}

function readMessage(m: unknown, i: number): { role: Role; content: string } {
  const where = `messages[${i}]`
  if (!m || typeof m !== 'object') throw new BadRequestError(`${where} must be an object with "role" and "content".`, where)
  const { role, content } = m as { role?: unknown; content?: unknown }
  // "developer" is the newer OpenAI name for a system message.
  const known = role === 'developer' ? 'system' : role
  if (known !== 'system' && known !== 'user' && known !== 'assistant') {
    throw new BadRequestError(`${where}.role must be "system", "user" or "assistant" (got ${JSON.stringify(role)}).`, `${where}.role`)
  }
  return { role: known, content: readContent(content, `${where}.content`) }
}

/** A string, or an array of `{type: "text", text}` parts (joined); other parts (images…) are refused. */
function readContent(content: unknown, where: string): string {
  if (typeof content === 'string') return content
  if (content === null || content === undefined) return ''
  if (!Array.isArray(content)) throw new BadRequestError(`${where} must be a string or an array of text parts.`, where)
  return content
    .map((part, i) => {
      const p = part as { type?: unknown; text?: unknown } | null
      if (p?.type !== 'text' || typeof p.text !== 'string') throw new BadRequestError(`${where}[${i}] is not a text part; this model reads text only.`, `${where}[${i}]`)
      return p.text
    })
    .join('')
}

function numberIn(value: unknown, param: string, min: number, max: number, fallback: number): number {
  if (value === undefined || value === null) return fallback
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    throw new BadRequestError(`"${param}" must be a number from ${min} to ${max}.`, param, 'invalid_value')
  }
  return value
}
