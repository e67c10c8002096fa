// The studio's `openai` dialogue backend against the real language-model server (server/lm) with the shipped model.
import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { App } from '../../../engine/index.ts'
import { loadModelFromDisk, SHIPPED_MODEL_DIR } from '../../../server/lm/runtime.ts'
import { createLmServer } from '../../../server/lm/server.ts'
import { Dialogue, DialoguePlugin, DialogueSettings, DialogueStatus, ReplyDone, ReplyToken, ViewerMessage, type BackendEvent, type ReplyRequest } from '../../../systems/dialogue/index.ts'
import { createOpenAIBackend } from '../../../systems/dialogue/openaiBackend.ts'
import { DEFAULT_PERSONA, DEFAULT_SAMPLING } from '../../../systems/dialogue/settings.ts'
import type { LanguageModel } from '../../../systems/dialogue/session.ts'

let model: LanguageModel
let server: Server
let baseUrl: string
const serverLog: string[] = []

beforeAll(async () => {
  model = await loadModelFromDisk(SHIPPED_MODEL_DIR, 'fp32', 'wasm')
  server = createLmServer(model, { log: (line) => serverLog.push(line) })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`
}, 60_000)

afterAll(async () => {
  server?.closeAllConnections()
  await new Promise((resolve) => server?.close(resolve))
  await model?.dispose()
})

/** A backend on the server, recording what it reports. */
function connect() {
  const reports: BackendEvent[] = []
  const backend = createOpenAIBackend((e) => reports.push(e))
  backend.load(new DialogueSettings({ backend: 'openai', openai: { baseUrl, apiKey: '', model: '', idleTimeoutMs: 10_000 } }))
  const until = (check: (e: BackendEvent) => boolean) => expect.poll(() => reports.find(check), { timeout: 20_000 }).toBeTruthy()
  return { backend, reports, until }
}

const request = (id: number, message: string, sampling = {}): ReplyRequest => ({
  id, persona: DEFAULT_PERSONA, history: [], message, sampling: { ...DEFAULT_SAMPLING, temperature: 0, ...sampling },
})

// Generous: the real model shares two cores with other work.
describe('the openai backend against serve:lm', { timeout: 30_000 }, () => {
  it('is ready once the server lists its model', async () => {
    const { reports, until } = connect()
    await until((e) => e.type === 'ready' || e.type === 'error')
    expect(reports.find((e) => e.type === 'error')).toBeUndefined()
  })

  it('streams a reply token by token and ends it', async () => {
    const { backend, reports, until } = connect()
    await until((e) => e.type === 'ready')
    backend.generate(request(1, '小明: 你好!'))
    await until((e) => e.type === 'done' || e.type === 'error')
    const tokens = reports.filter((e) => e.type === 'token')
    const done = reports.find((e) => e.type === 'done')
    expect(done).toMatchObject({ id: 1, result: { reason: 'eos' } })
    expect(tokens.length).toBeGreaterThan(2)
    if (done?.type === 'done') expect(done.result.text).toBe(tokens.map((t) => (t.type === 'token' ? t.text : '')).join('').trim())
  })

  it('aborts the request on cancel, and the server stops generating', async () => {
    const { backend, reports, until } = connect()
    await until((e) => e.type === 'ready')
    backend.generate(request(7, 'tom: hello!', { temperature: 0.7, maxNewTokens: 120, minNewTokens: 120 }))
    await until((e) => e.type === 'token')
    backend.cancel(7)
    await until((e) => e.type === 'done')
    const done = reports.find((e) => e.type === 'done')
    expect(done).toMatchObject({ id: 7, result: { reason: 'cancelled' } })
    if (done?.type === 'done') expect(done.result.tokens).toBeLessThan(120)
    await expect.poll(() => serverLog.some((l) => /\(cancelled\)$/.test(l)), { timeout: 10_000 }).toBe(true)
  })

  it('answers a typed message through the plugin, as the studio would', async () => {
    const app = new App()
    app.world.insertResource(new DialogueSettings({ backend: 'openai', openai: { baseUrl, apiKey: '', model: 'genanchor-lm', idleTimeoutMs: 10_000 } }))
    app.addPlugin(DialoguePlugin)
    const done = app.world.reader(ReplyDone)
    const tokens = app.world.reader(ReplyToken)
    const dialogue = app.world.resource(Dialogue)
    const seen: { tokens: number; done: { reason: string; text: string }[] } = { tokens: 0, done: [] }
    const step = () => {
      app.step(16)
      seen.tokens += tokens.read().length
      seen.done.push(...done.read())
    }
    await expect.poll(() => (step(), dialogue.status), { timeout: 10_000 }).toBe(DialogueStatus.ready)
    app.world.send(ViewerMessage, { viewer: '小红', text: '主播好!今天卖什么?' })
    await expect.poll(() => (step(), seen.done.length), { timeout: 20_000 }).toBe(1)
    expect(seen.done[0].reason).toMatch(/^(eos|length)$/)
    expect(seen.tokens).toBeGreaterThan(1)
    expect(dialogue.history).toHaveLength(1)
    expect(dialogue.history[0].user).toBe('小红: 主播好!今天卖什么?')
    app.cleanup()
  })
})
