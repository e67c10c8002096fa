// server/lm on a real socket with the shipped model (onnxruntime-web WASM in Node), spoken to over HTTP.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadModelFromDisk, SHIPPED_MODEL_DIR } from '../../../server/lm/runtime.ts'
import { createLmServer } from '../../../server/lm/server.ts'
import type { LanguageModel } from '../../../systems/dialogue/session.ts'
import { readServerSentEvents } from '../../../systems/dialogue/sse.ts'

let model: LanguageModel
let server: Server
let base: string
const log: string[] = []

beforeAll(async () => {
  model = await loadModelFromDisk(SHIPPED_MODEL_DIR, 'fp32', 'wasm')
  server = createLmServer(model, { maxWaiting: 1, maxBodyBytes: 4096, log: (line) => log.push(line) })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}, 60_000)

afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await model?.dispose()
})

const PERSONA = '你是小星,一位友好的虚拟主播。今天的游戏:我的世界;今天的商品:保温杯,49元。'

function chat(body: object, init: RequestInit = {}): Promise<Response> {
  return fetch(`${base}/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body), ...init })
}

/** The data of every event of a streamed reply, parsed unless it is `[DONE]`. */
async function events(response: Response): Promise<unknown[]> {
  const all: unknown[] = []
  for await (const e of readServerSentEvents(response.body!)) all.push(e.data === '[DONE]' ? e.data : JSON.parse(e.data))
  return all
}

const messages = (text: string) => [
  { role: 'system', content: PERSONA },
  { role: 'user', content: text },
]

// Generous: the real model shares two cores with other work.
describe('the language-model server', { timeout: 30_000 }, () => {
  it('lists its one model', async () => {
    const response = await fetch(`${base}/models`)
    expect(response.status).toBe(200)
    expect(await response.json()).toMatchObject({ object: 'list', data: [{ id: 'genanchor-lm', object: 'model' }] })
  })

  it('streams a reply as chat.completion.chunk events ending in [DONE]', async () => {
    const response = await chat({ model: 'genanchor-lm', messages: messages('小明: 你好!'), stream: true, temperature: 0, stream_options: { include_usage: true } })
    expect(response.status).toBe(200)
    expect(response.headers.get('content-type')).toMatch(/^text\/event-stream/)
    const all = (await events(response)) as { object?: string; choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[]; usage?: { completion_tokens: number } }[]
    expect(all.at(-1)).toBe('[DONE]')
    const chunks = all.slice(0, -1)
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true)
    expect(chunks[0].choices[0].delta.role).toBe('assistant')
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')
    expect(chunks.filter((c) => c.choices[0]?.delta.content).length).toBeGreaterThan(2)
    expect(text.trim().length).toBeGreaterThan(2)
    expect(text).not.toMatch(/<\|/)
    expect(chunks.find((c) => c.choices[0]?.finish_reason)?.choices[0].finish_reason).toMatch(/^(stop|length)$/)
    expect(chunks.at(-1)!.usage!.completion_tokens).toBeGreaterThan(2)
  })

  it('answers a whole chat.completion when not streaming, with usage', async () => {
    const response = await chat({ messages: messages('tom: hi! what game today?'), temperature: 0, max_tokens: 8 })
    const body = (await response.json()) as { object: string; choices: { message: { role: string; content: string }; finish_reason: string }[]; usage: Record<string, number> }
    expect(response.status).toBe(200)
    expect(body.object).toBe('chat.completion')
    expect(body.choices[0].message.role).toBe('assistant')
    expect(body.choices[0].message.content.length).toBeGreaterThan(0)
    expect(body.usage.completion_tokens).toBeLessThanOrEqual(8)
    expect(body.usage.prompt_tokens).toBeGreaterThan(10)
  })

  it('stops generating when the client goes away mid-stream', async () => {
    const controller = new AbortController()
    const response = await chat({ messages: messages('tom: tell me a long story'), stream: true, max_tokens: 120, min_tokens: 120 }, { signal: controller.signal })
    const reader = response.body!.getReader()
    await reader.read()
    controller.abort()
    await expect(reader.read()).rejects.toThrow()
    // The server logs each reply's end; this one must end cancelled, well before 120 tokens.
    await expect.poll(() => log.find((l) => /\(cancelled\)$/.test(l)), { timeout: 10_000 }).toBeTruthy()
    const tokens = Number(/reply: (\d+) tokens/.exec(log.find((l) => /\(cancelled\)$/.test(l))!)![1])
    expect(tokens).toBeLessThan(60)
  })

  it('answers 429 when one request runs and its queue of one is full', async () => {
    const long = { messages: messages('tom: hello'), stream: true, max_tokens: 60, min_tokens: 60 }
    const first = await chat(long)
    const second = chat(long)
    // The second waits behind the first; a third finds the line full.
    await new Promise((resolve) => setTimeout(resolve, 50))
    const third = await chat(long)
    expect(third.status).toBe(429)
    expect(third.headers.get('retry-after')).toBe('1')
    expect(await third.json()).toMatchObject({ error: { type: 'rate_limit_error', code: 'queue_full' } })
    expect((await events(first)).at(-1)).toBe('[DONE]')
    expect((await events(await second)).at(-1)).toBe('[DONE]')
  })

  it.each([
    ['a body that is not JSON', '{"messages": [', 400, 'invalid_json'],
    ['no messages', '{"messages": []}', 400, null],
    ['a last message that is not the user\u2019s', JSON.stringify({ messages: [{ role: 'user', content: 'a' }, { role: 'assistant', content: 'b' }] }), 400, null],
    ['an unknown role', JSON.stringify({ messages: [{ role: 'tool', content: 'a' }] }), 400, null],
    ['an image part', JSON.stringify({ messages: [{ role: 'user', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] }), 400, null],
    ['a temperature out of range', JSON.stringify({ messages: messages('a: hi'), temperature: 9 }), 400, 'invalid_value'],
    ['more new tokens than half the window', JSON.stringify({ messages: messages('a: hi'), max_tokens: 1000 }), 400, 'invalid_value'],
    ['a model it does not have', JSON.stringify({ model: 'gpt-4o', messages: messages('a: hi') }), 404, 'model_not_found'],
    ['a body over the size limit', JSON.stringify({ messages: messages('好'.repeat(5000)) }), 413, 'request_too_large'],
  ])('refuses %s in OpenAI\u2019s error shape', async (_, body, status, code) => {
    const response = await fetch(`${base}/chat/completions`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body })
    expect(response.status).toBe(status)
    const error = ((await response.json()) as { error: { message: string; type: string; code: string | null } }).error
    expect(error.message.length).toBeGreaterThan(10)
    expect(error.type).toBe(status === 404 ? 'not_found_error' : 'invalid_request_error')
    if (code) expect(error.code).toBe(code)
  })

  it('answers unknown routes and methods with 404 and 405', async () => {
    expect((await fetch(`${base}/completions`, { method: 'POST', body: '{}' })).status).toBe(404)
    const wrong = await fetch(`${base}/chat/completions`)
    expect(wrong.status).toBe(405)
    expect(wrong.headers.get('allow')).toBe('POST')
  })

  it('lets loopback pages call it (CORS) and no other origin', async () => {
    const preflight = await fetch(`${base}/chat/completions`, { method: 'OPTIONS', headers: { Origin: 'http://127.0.0.1:5173', 'Access-Control-Request-Method': 'POST' } })
    expect(preflight.status).toBe(204)
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://127.0.0.1:5173')
    const other = await fetch(`${base}/models`, { headers: { Origin: 'https://example.com' } })
    expect(other.headers.get('access-control-allow-origin')).toBeNull()
  })
})

describe('the language-model server with an API key', () => {
  it('refuses requests without the key', async () => {
    const keyed = createLmServer(model, { apiKey: 'sesame' })
    await new Promise<void>((resolve) => keyed.listen(0, '127.0.0.1', resolve))
    const url = `http://127.0.0.1:${(keyed.address() as AddressInfo).port}/v1/models`
    try {
      const refused = await fetch(url)
      expect(refused.status).toBe(401)
      expect(await refused.json()).toMatchObject({ error: { type: 'authentication_error', code: 'invalid_api_key' } })
      expect((await fetch(url, { headers: { Authorization: 'Bearer sesame' } })).status).toBe(200)
    } finally {
      await new Promise((resolve) => keyed.close(resolve))
    }
  })
})
