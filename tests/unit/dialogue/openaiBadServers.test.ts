// The `openai` backend against servers that are down or answer wrongly: each gives the performer a
// clear message, and no reply text. Each server is a real HTTP server on loopback scripted to misbehave.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import type { BackendEvent } from '../../../systems/dialogue/backend.ts'
import { createOpenAIBackend } from '../../../systems/dialogue/openaiBackend.ts'
import { DEFAULT_PERSONA, DEFAULT_SAMPLING, DialogueSettings } from '../../../systems/dialogue/settings.ts'

const servers: Server[] = []

afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections()
    await new Promise((resolve) => s.close(resolve))
  }
})

const MODELS = JSON.stringify({ object: 'list', data: [{ id: 'm', object: 'model' }] })
const chunk = (content: string, finish: string | null = null) => `data: ${JSON.stringify({ choices: [{ index: 0, delta: { content }, finish_reason: finish }] })}\n\n`

/** A server whose model list works and whose chat completions answer with `chat`. */
async function serve(chat: (req: IncomingMessage, res: ServerResponse) => void, models: (res: ServerResponse) => void = (res) => res.end(MODELS)): Promise<string> {
  const server = createServer((req, res) => {
    if (req.url?.endsWith('/models')) models(res)
    else req.on('data', () => {}).on('end', () => chat(req, res))
  })
  servers.push(server)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}

/** Loads a backend on `baseUrl`, asks one question and resolves with every report once the reply ended. */
async function ask(baseUrl: string, idleTimeoutMs = 5_000): Promise<BackendEvent[]> {
  const reports: BackendEvent[] = []
  const backend = createOpenAIBackend((e) => reports.push(e))
  backend.load(new DialogueSettings({ backend: 'openai', openai: { baseUrl, apiKey: 'k', model: '', idleTimeoutMs } }))
  await expect.poll(() => reports.some((e) => e.type === 'ready' || (e.type === 'error' && e.id === null)), { timeout: 15_000 }).toBe(true)
  backend.generate({ id: 1, persona: DEFAULT_PERSONA, history: [], message: 'a: hi', sampling: { ...DEFAULT_SAMPLING } })
  await expect.poll(() => reports.some((e) => (e.type === 'done' || e.type === 'error') && e.id === 1), { timeout: 15_000 }).toBe(true)
  backend.dispose()
  return reports
}

/** The message of the reply's error, after checking that it was an error and not a finished reply. */
function replyError(reports: BackendEvent[]): string {
  const end = reports.find((e) => (e.type === 'done' || e.type === 'error') && e.id === 1)
  expect(end?.type).toBe('error')
  return end?.type === 'error' ? end.message : ''
}

// Generous: the machine running the tests may be busy.
describe('the openai backend with a bad server', { timeout: 30_000 }, () => {
  it('says the server is down when nothing listens, at load and for a reply', async () => {
    const down = await serve(() => {})
    await new Promise((resolve) => servers.pop()!.close(resolve))
    const reports = await ask(down)
    const load = reports.find((e) => e.type === 'error' && e.id === null)
    expect(load?.type === 'error' && load.message).toMatch(/Could not reach the chat server at http:\/\/127\.0\.0\.1:\d+\/v1 .*npm run serve:lm/)
    expect(replyError(reports)).toMatch(/Could not reach the chat server/)
  })

  it('says so when the model list is not JSON', async () => {
    const url = await serve((_, res) => res.end(), (res) => res.end('<html>hello</html>'))
    const load = (await ask(url)).find((e) => e.type === 'error' && e.id === null)
    expect(load?.type === 'error' && load.message).toMatch(/cannot be used: its model list is not JSON/)
  })

  it('passes on the server\u2019s own error and a hint for a refused key', async () => {
    const url = await serve((_, res) => {
      res.writeHead(401, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ error: { message: 'Incorrect API key provided', type: 'invalid_request_error' } }))
    })
    expect(replyError(await ask(url))).toBe(`The chat server at ${url} answered 401: Incorrect API key provided. Check the API key in the chat settings.`)
  })

  it('gives the status of an HTML error page without its markup', async () => {
    const url = await serve((_, res) => {
      res.writeHead(502, { 'Content-Type': 'text/html' })
      res.end('<html><body><h1>502 Bad Gateway</h1></body></html>')
    })
    const message = replyError(await ask(url))
    expect(message).toBe(`The chat server at ${url} answered 502.`)
  })

  it('refuses a reply that is not a stream', async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' })
      res.end(JSON.stringify({ choices: [{ message: { role: 'assistant', content: 'hello' } }] }))
    })
    expect(replyError(await ask(url))).toMatch(/did not stream its reply \(it answered application\/json, not text\/event-stream\)/)
  })

  it('refuses garbage in the stream', async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.end('data: <b>not json</b>\n\n')
    })
    const reports = await ask(url)
    expect(replyError(reports)).toMatch(/sent something that is not a chat-completion chunk \("<b>not json<\/b>"\)/)
    expect(reports.some((e) => e.type === 'token')).toBe(false)
  })

  it('says the stream was cut when it ends without its last chunk', async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.write(chunk('Hello '))
      res.end(chunk('there'))
    })
    const reports = await ask(url)
    expect(reports.filter((e) => e.type === 'token').map((e) => e.type === 'token' && e.text)).toEqual(['Hello ', 'there'])
    expect(replyError(reports)).toMatch(/ended the stream in the middle of the reply/)
  })

  it('passes on an error sent inside the stream', async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.end(`data: ${JSON.stringify({ error: { message: 'out of memory' } })}\n\n`)
    })
    expect(replyError(await ask(url))).toMatch(/stopped the reply: out of memory/)
  })

  it('gives up on a server that stops sending', async () => {
    const url = await serve((_, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      res.write(chunk('Hel'))
    })
    expect(replyError(await ask(url, 300))).toMatch(/sent nothing for 0.3 s; the reply was given up/)
  })

  it('reads a well-formed stream split at awkward places (CRLF, comments, [DONE])', async () => {
    const url = await serve((req, res) => {
      expect(req.headers.authorization).toBe('Bearer k')
      res.writeHead(200, { 'Content-Type': 'text/event-stream' })
      const whole = `: keep-alive\r\n\r\n${chunk('你好').replace(/\n/g, '\r\n')}${chunk('!', 'stop')}data: [DONE]\n\n`
      for (const piece of whole.match(/[\s\S]{1,7}/g)!) res.write(piece)
      res.end()
    })
    const reports = await ask(url)
    expect(reports.find((e) => e.type === 'done')).toMatchObject({ id: 1, result: { text: '你好!', reason: 'eos', tokens: 2 } })
  })
})
