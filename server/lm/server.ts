// The OpenAI-compatible HTTP API over one loaded model: chat completions (streamed or whole) and the
// model list, one generation at a time, errors in OpenAI's JSON shape.
import { randomUUID } from 'node:crypto'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { GenerationResult, LanguageModel } from '../../systems/dialogue/node.ts'
import { BadRequestError, parseChatRequest, type ChatRequest } from './chatRequest.ts'
import { GenerationQueue, type QueuedJob } from './queue.ts'

/** What the server needs of a model: `LanguageModel` from systems/dialogue/session.ts. */
export type ServedModel = Pick<LanguageModel, 'reply' | 'cancel' | 'contextTokens'>

/** How the server behaves; every field has a default. */
export interface LmServerOptions {
  /** The id `GET /v1/models` lists and requests may name (default `genanchor-lm`). */
  modelId?: string
  /** Largest request body, in bytes (default 64 KiB); larger ones get 413. */
  maxBodyBytes?: number
  /** Requests that may wait behind the running generation (default 4); more get 429. */
  maxWaiting?: number
  /** When set, requests must send `Authorization: Bearer <apiKey>` (default none: loopback only). */
  apiKey?: string
  /** Browser origins allowed besides loopback pages (`http://127.0.0.1:*`, `http://localhost:*`) (default none). */
  corsOrigins?: readonly string[]
  /** One line per request (default none). */
  log?: (line: string) => void
}

/** OpenAI's error body: `{ error: { message, type, param, code } }`. */
function errorBody(message: string, type: string, param: string | null = null, code: string | null = null) {
  return { error: { message, type, param, code } }
}

/** `type` of an OpenAI error by HTTP status. */
function errorType(status: number): string {
  if (status === 401) return 'authentication_error'
  if (status === 404) return 'not_found_error'
  if (status === 429) return 'rate_limit_error'
  if (status >= 500) return 'server_error'
  return 'invalid_request_error'
}

const LOOPBACK_ORIGIN = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/

/** Makes the HTTP server (not yet listening). Closing it cancels the running generation. */
export function createLmServer(model: ServedModel, options: LmServerOptions = {}): Server {
  const modelId = options.modelId ?? 'genanchor-lm'
  const maxBodyBytes = options.maxBodyBytes ?? 64 * 1024
  const queue = new GenerationQueue(options.maxWaiting ?? 4)
  const created = Math.floor(Date.now() / 1000)
  // Half the window for the reply at most, so the persona and the message always have room.
  const maxNewTokens = Math.floor(model.contextTokens / 2)
  const log = options.log ?? (() => {})

  function allowOrigin(req: IncomingMessage, res: ServerResponse): void {
    const origin = req.headers.origin
    if (!origin || !(LOOPBACK_ORIGIN.test(origin) || options.corsOrigins?.includes(origin))) return
    res.setHeader('Access-Control-Allow-Origin', origin)
    res.setHeader('Vary', 'Origin')
  }

  function sendJson(res: ServerResponse, status: number, body: unknown, extra: Record<string, string> = {}): void {
    res.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', ...extra })
    res.end(JSON.stringify(body))
  }

  function sendError(res: ServerResponse, status: number, message: string, param: string | null = null, code: string | null = null, extra: Record<string, string> = {}): void {
    sendJson(res, status, errorBody(message, errorType(status), param, code), extra)
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    allowOrigin(req, res)
    const path = (req.url ?? '/').split('?')[0].replace(/\/+$/, '')
    if (req.method === 'OPTIONS') {
      res.writeHead(204, {
        'Access-Control-Allow-Methods': 'GET, POST, OPTIONS',
        'Access-Control-Allow-Headers': 'Authorization, Content-Type, Accept',
        'Access-Control-Max-Age': '600',
      })
      res.end()
      return
    }
    if (options.apiKey && req.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendError(res, 401, 'This server needs an API key: send "Authorization: Bearer <key>".', null, 'invalid_api_key')
      return
    }
    if (path === '/v1/models') {
      if (req.method !== 'GET') return sendError(res, 405, 'Use GET for /v1/models.', null, 'method_not_allowed', { Allow: 'GET' })
      sendJson(res, 200, { object: 'list', data: [{ id: modelId, object: 'model', created, owned_by: 'genanchor' }] })
      return
    }
    if (path === '/v1/chat/completions') {
      if (req.method !== 'POST') return sendError(res, 405, 'Use POST for /v1/chat/completions.', null, 'method_not_allowed', { Allow: 'POST' })
      await chatCompletions(req, res)
      return
    }
    sendError(res, 404, `No route ${req.method} ${path}; this server answers GET /v1/models and POST /v1/chat/completions.`, null, 'unknown_route')
  }

  async function chatCompletions(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let request: ChatRequest
    try {
      const body = await readJsonBody(req, maxBodyBytes)
      request = parseChatRequest(body, maxNewTokens)
    } catch (err) {
      if (!(err instanceof BadRequestError)) throw err
      // After a 413 the rest of the body is not read: the connection is closed instead of drained.
      sendError(res, err.status, err.message, err.param, err.code, err.status === 413 ? { Connection: 'close' } : {})
      return
    }
    if (request.model && request.model !== modelId) {
      sendError(res, 404, `The model "${request.model}" does not exist here; this server has "${modelId}".`, 'model', 'model_not_found')
      return
    }
    let state: 'waiting' | 'running' | 'finished' = 'waiting'
    let gone = false
    const job: QueuedJob = {
      start: () => {
        state = 'running'
        return generate(request, res, () => gone).finally(() => (state = 'finished'))
      },
    }
    // The client went away (closed the tab, pressed Stop): the reply is not worth finishing.
    res.on('close', () => {
      if (res.writableFinished) return
      gone = true
      if (state === 'waiting') queue.withdraw(job)
      else if (state === 'running') model.cancel()
    })
    if (!queue.offer(job)) {
      sendError(res, 429, `The model is busy: ${queue.waitingCount} requests are already waiting. Try again shortly.`, null, 'queue_full', { 'Retry-After': '1' })
    }
  }

  /** Runs one generation into `res`, streamed or whole; never rejects. */
  async function generate(request: ChatRequest, res: ServerResponse, gone: () => boolean): Promise<void> {
    const id = `chatcmpl-${randomUUID()}`
    const base = { id, created: Math.floor(Date.now() / 1000), model: modelId }
    const chunk = (delta: object, finish: string | null) =>
      `data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [{ index: 0, delta, finish_reason: finish }] })}\n\n`
    if (request.stream) {
      res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive', 'X-Accel-Buffering': 'no' })
      res.write(chunk({ role: 'assistant', content: '' }, null))
    }
    let result: GenerationResult
    try {
      const onText = request.stream ? (text: string) => void (gone() || res.write(chunk({ content: text }, null))) : undefined
      result = await model.reply(request.persona, request.history, request.message, request.sampling, { onText })
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err)
      log(`generation failed: ${message}`)
      if (gone()) return
      if (request.stream) {
        res.end(`data: ${JSON.stringify(errorBody(message, 'server_error'))}\n\n`)
      } else sendError(res, 500, message)
      return
    }
    log(`reply: ${result.tokens} tokens, first after ${result.firstTokenMs.toFixed(0)} ms, ${result.totalMs.toFixed(0)} ms in all (${result.reason})`)
    if (gone()) return
    const finish = result.reason === 'length' ? 'length' : 'stop'
    const usage = { prompt_tokens: result.promptTokens, completion_tokens: result.tokens, total_tokens: result.promptTokens + result.tokens }
    if (request.stream) {
      res.write(chunk({}, finish))
      if (request.includeUsage) res.write(`data: ${JSON.stringify({ ...base, object: 'chat.completion.chunk', choices: [], usage })}\n\n`)
      res.end('data: [DONE]\n\n')
      return
    }
    sendJson(res, 200, {
      ...base,
      object: 'chat.completion',
      choices: [{ index: 0, message: { role: 'assistant', content: result.text }, finish_reason: finish }],
      usage,
    })
  }

  const server = createServer((req, res) => {
    const started = performance.now()
    res.on('finish', () => log(`${req.method} ${req.url} ${res.statusCode} ${(performance.now() - started).toFixed(0)} ms`))
    handle(req, res).catch((err: unknown) => {
      log(`internal error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`)
      if (!res.headersSent) sendError(res, 500, 'The server failed on this request; see its log.')
      else res.end()
    })
  })
  server.on('close', () => model.cancel())
  return server
}

/** Reads a JSON body of at most `limit` bytes; a bigger one is refused with 413 before it is all read. */
function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0)
    const tooLarge = () => new BadRequestError(`The request body is larger than ${limit} bytes.`, null, 'request_too_large', 413)
    if (declared > limit) {
      reject(tooLarge())
      return
    }
    const parts: Buffer[] = []
    let size = 0
    req.on('data', (part: Buffer) => {
      size += part.length
      if (size > limit) {
        req.removeAllListeners('data')
        req.pause()
        reject(tooLarge())
        return
      }
      parts.push(part)
    })
    req.on('end', () => {
      try {
        resolve(JSON.parse(Buffer.concat(parts).toString('utf8')))
      } catch {
        reject(new BadRequestError('The request body is not valid JSON.', null, 'invalid_json'))
      }
    })
    req.on('error', reject)
  })
}
