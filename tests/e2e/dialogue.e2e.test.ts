// The host answers chat in the studio: the shipped model in a Web Worker, offline, streaming into the chat panel.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { loadModelFromDisk, SHIPPED_MODEL_DIR } from '../../server/lm/runtime.ts'
import { createLmServer } from '../../server/lm/server.ts'
import type { LanguageModel } from '../../systems/dialogue/session.ts'
import { launchChromium, openStudio, saveFailureScreenshot, startStudioServer, waitForFrames, type BrowserSession, type StudioPage, type StudioServer } from './harness.ts'
import type { DialogueSnapshot } from '../../scenes/studio/testHooks/index.ts'

let server: StudioServer
let session: BrowserSession
let studio: StudioPage
let page: Page
/** Every address the page and its worker asked for. */
const requested: string[] = []
/** Dialogs opened (an `alert` from injected markup would land here). */
const dialogs: string[] = []

beforeAll(async () => {
  server = await startStudioServer()
  session = await launchChromium('webgl2')
  session.context.on('request', (request) => requested.push(request.url()))
  // The studio's first load compiles every module in Vite; on a busy 2-core machine that outlasts Playwright's 30 s default.
  session.context.setDefaultNavigationTimeout(120_000)
  studio = await openStudio(session, server.url, '?gpu=webgl2')
  page = studio.page
  page.on('dialog', (dialog) => {
    dialogs.push(dialog.message())
    void dialog.dismiss()
  })
  await page.locator('#chat-status[data-status="ready"]').waitFor({ timeout: 60_000 })
})

afterAll(async () => {
  await session?.close()
  await server?.close()
})

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    if (page) console.error(`screenshot: ${await saveFailureScreenshot(page, `dialogue ${task.name}`)}`)
  })
})

/** What the newest host bubble went through, recorded in the page. */
interface Recorded {
  /** One entry per change the panel made to the bubble (each streamed token sets its text once). */
  updates: string[]
  end: string
  text: string
}

/**
 * Sends a message from the panel and records every change to the host's new bubble until the reply
 * ends; with `stopAfter` set, clicks Stop once the bubble has changed that many times.
 */
async function ask(text: string, stopAfter = 0): Promise<Recorded> {
  await page.evaluate(
    ({ stop, line }) => {
      const log = document.getElementById('chat-log')!
      const record = { updates: [] as string[], end: '', text: '' }
      ;(window as unknown as { __chatRecord: typeof record }).__chatRecord = record
      let bubble: HTMLElement | null = null
      // The host bubble right after this message's viewer bubble: the host may also talk on its own
      // when idle (systems/broadcast), and those bubbles are not this reply.
      const find = () => {
        const viewer = [...log.querySelectorAll<HTMLElement>('.chat-viewer')].reverse().find((li) => li.textContent === line && !li.dataset.asked)
        const next = viewer?.nextElementSibling as HTMLElement | null | undefined
        if (!viewer || !next?.classList.contains('chat-host')) return null
        viewer.dataset.asked = 'yes'
        return next
      }
      const observer = new MutationObserver((mutations) => {
        bubble ??= find()
        if (!bubble) return
        for (const m of mutations) {
          if (m.type === 'childList' && m.target === bubble) record.updates.push(bubble.textContent ?? '')
        }
        if (stop > 0 && record.updates.length >= stop && !record.end) (document.getElementById('chat-cancel') as HTMLButtonElement).click()
        if (bubble.dataset.end) {
          record.end = bubble.dataset.end
          record.text = bubble.textContent ?? ''
          observer.disconnect()
        }
      })
      observer.observe(log, { childList: true, subtree: true, attributes: true })
    },
    { stop: stopAfter, line: `观众: ${text}` },
  )
  await page.fill('#chat-input', text)
  await page.press('#chat-input', 'Enter')
  await page.waitForFunction(() => (window as unknown as { __chatRecord: Recorded }).__chatRecord.end !== '', undefined, { timeout: 30_000 })
  return page.evaluate(() => (window as unknown as { __chatRecord: Recorded }).__chatRecord)
}

/** Changes the studio's sampling and reply length cap through its test hooks. */
async function setSampling(change: Record<string, number>, maxReplyChars = 300): Promise<void> {
  await page.evaluate(({ c, cap }) => window.__genanchor!.dialogue.tune(c, cap), { c: change, cap: maxReplyChars })
}

/**
 * In a page: starts the dialogue worker, asks for a 180-token reply, cancels on the first streamed
 * piece; resolves with how it ended. Plain JavaScript text, as the page runs it.
 */
const CANCEL_AFTER_FIRST_TOKEN = `new Promise((resolve, reject) => {
  const worker = new Worker('/systems/dialogue/worker.ts?worker_file&type=module', { type: 'module' })
  let tokensSeen = 0
  worker.onmessage = (event) => {
    const m = event.data
    if (m.type === 'error') reject(new Error(m.message))
    else if (m.type === 'ready') worker.postMessage({ type: 'generate', id: 1, persona: 'You are Xiaoxing, a friendly live host.', history: [],
      message: 'tom: hello!', sampling: { temperature: 0.7, topK: 20, topP: 0.95, maxNewTokens: 180, repetitionPenalty: 1.1, minNewTokens: 180 } })
    else if (m.type === 'token' && tokensSeen++ === 0) worker.postMessage({ type: 'cancel', id: 1 })
    else if (m.type === 'done') { worker.terminate(); resolve({ reason: m.result.reason, tokens: m.result.tokens, tokensSeen }) }
  }
  const dist = '/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify'
  worker.postMessage({ type: 'load', source: { kind: 'local', path: '/models/lm/shipped' }, dtype: 'fp32', wasmPaths: { mjs: dist + '.mjs', wasm: dist + '.wasm' } })
})`

/** The studio's dialogue now, through its test hooks. */
async function dialogueSnapshot(): Promise<DialogueSnapshot> {
  return page.evaluate(() => window.__genanchor!.dialogue.snapshot())
}

describe('chat with the host', () => {
  it('shows the model as loaded from the studio itself', async () => {
    expect(await page.locator('#chat-status').textContent()).toMatch(/Host ready/)
    expect(await page.locator('#chat-progress').isHidden()).toBe(true)
  })

  it('streams a reply to a typed message, several updates before it ends', async () => {
    const reply = await ask('你好!今天玩什么游戏?')
    console.log(`reply: ${reply.text} (${reply.updates.length} updates)`)
    expect(reply.end).toMatch(/^(eos|length)$/)
    expect(reply.updates.length).toBeGreaterThanOrEqual(3)
    expect(reply.text.length).toBeGreaterThan(2)
    // Each update extends the one before: tokens arrive in order.
    const texts = reply.updates.filter((t) => t)
    for (let i = 1; i < texts.length; i++) expect(texts[i].startsWith(texts[i - 1].replace(/…$/, ''))).toBe(true)
  })

  it('stops a reply mid-way when the performer presses Stop, and answers the next message', async () => {
    // A reply of 180 tokens (the end token held back) outlasts a few slow frames, so Stop lands
    // mid-reply; the length cap of the reply filter is lifted so a fast machine cannot end it first.
    await setSampling({ maxNewTokens: 180, minNewTokens: 180 }, 100_000)
    const started = Date.now()
    const stopped = await ask('hello!', 1)
    await setSampling({ maxNewTokens: 48, minNewTokens: 0 })
    expect(stopped.end).toBe('cancelled')
    expect(stopped.text).toMatch(/\(stopped\)$/)
    expect(await page.locator('#chat-cancel').isDisabled()).toBe(true)
    // Tokens from the stopped reply never reach the next bubble.
    const next = await ask('谢谢主播!')
    console.log(`stopped reply + next reply: ${Date.now() - started} ms`)
    expect(next.end).toMatch(/^(eos|length)$/)
    // How far the worker got depends on how late this slow page saw the first piece (see the next test).
    console.log(`the worker stopped after ${(await dialogueSnapshot()).lastCancelledTokens} tokens; the page had shown ${stopped.updates.length} updates`)
    expect(next.text).not.toMatch(/stopped/)
  })

  it('has the worker stop at the next token after cancel', async () => {
    // The worker alone, in a plain page of the same server: no frames between the token and the cancel.
    const bare = await session.context.newPage()
    await bare.goto(new URL('models/lm/shipped/config.json', server.url).href)
    const result = (await bare.evaluate(CANCEL_AFTER_FIRST_TOKEN)) as { reason: string; tokens: number; tokensSeen: number }
    await bare.close()
    expect(result.reason).toBe('cancelled')
    // The cancel was posted on the first streamed piece; the model runs at most a step or two more.
    expect(result.tokens).toBeGreaterThan(0)
    expect(result.tokens).toBeLessThanOrEqual(result.tokensSeen + 3)
    expect(result.tokens).toBeLessThan(20)
  })

  it('shows markup in a message as text', async () => {
    const payload = '<img src=x onerror=alert(1)><b>bold</b>'
    await ask(payload)
    const viewer = page.locator('#chat-log .chat-viewer').last()
    expect(await viewer.textContent()).toBe(`观众: ${payload}`)
    expect(await page.locator('#chat-panel img, #chat-panel b').count()).toBe(0)
    expect(dialogs).toEqual([])
  })

  it('caps a message at 500 characters and says so', async () => {
    await page.fill('#chat-input', '好'.repeat(600))
    expect((await page.inputValue('#chat-input')).length).toBe(500)
    expect(await page.locator('#chat-note').isVisible()).toBe(true)
    expect(await page.locator('#chat-note').textContent()).toMatch(/500 characters/)
    const reply = await ask('好'.repeat(500))
    expect(reply.end).toMatch(/^(eos|length)$/)
  })

  it('uses an edited persona from the next message on', async () => {
    await page.locator('#chat-persona summary').click()
    await page.fill('#chat-persona-input', 'You are Xiaoxing, a friendly live host. Game today: Tetris. Product today: keyboard for $29.')
    await page.locator('#chat-persona-input').dispatchEvent('change')
    expect((await dialogueSnapshot()).persona).toMatch(/Tetris/)
    const reply = await ask('hi! what game today?')
    expect(reply.end).toMatch(/^(eos|length)$/)
  })

  it('made no requests beyond 127.0.0.1 and logged no errors', async () => {
    const outside = requested.filter((url) => !/^(http:\/\/127\.0\.0\.1[:/]|data:|blob:)/.test(url))
    expect(outside).toEqual([])
    expect(requested.some((url) => url.includes('/models/lm/shipped/onnx/model.onnx'))).toBe(true)
    expect(studio.pageErrors.join(' | ')).toBe('')
    expect(studio.consoleErrors.join(' | ')).toBe('')
  })
})

/** Picks where replies come from in the panel's settings and applies it; waits for the status to settle. */
async function chooseSource(source: 'shipped' | 'openai', baseUrl = ''): Promise<string> {
  await page.locator('#chat-settings').evaluate((box) => ((box as HTMLDetailsElement).open = true))
  await page.selectOption('#chat-source', source)
  if (source === 'openai') await page.fill('#chat-openai-url', baseUrl)
  await page.click('#chat-settings-apply')
  await page.locator('#chat-status:not([data-status="loading"])').waitFor({ timeout: 60_000 })
  return (await page.locator('#chat-status').getAttribute('data-status')) ?? ''
}

describe('chat through an OpenAI-compatible server (npm run serve:lm)', () => {
  let lm: Server
  let lmModel: LanguageModel
  const lmLog: string[] = []

  beforeAll(async () => {
    lmModel = await loadModelFromDisk(SHIPPED_MODEL_DIR, 'fp32', 'wasm')
    lm = createLmServer(lmModel, { log: (line) => lmLog.push(line) })
    await new Promise<void>((resolve) => lm.listen(0, '127.0.0.1', resolve))
  })

  afterAll(async () => {
    lm?.closeAllConnections()
    await new Promise((resolve) => lm?.close(resolve))
    await lmModel?.dispose()
  })

  it('streams a reply from the server chosen in the settings', async () => {
    const url = `http://127.0.0.1:${(lm.address() as AddressInfo).port}/v1`
    expect(await chooseSource('openai', url)).toBe('ready')
    expect(await page.locator('#chat-status').textContent()).toMatch(/chat server answered/)
    const reply = await ask('你好!今天卖什么?')
    expect(reply.end).toMatch(/^(eos|length)$/)
    expect(reply.updates.length).toBeGreaterThanOrEqual(3)
    expect(lmLog.some((l) => /^reply: \d+ tokens/.test(l))).toBe(true)
  })

  it('says the server is down, answers with that message and keeps the studio running', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    expect(await chooseSource('openai', `http://127.0.0.1:${port}/v1`)).toBe('error')
    expect(await page.locator('#chat-status').textContent()).toMatch(/Could not reach the chat server at http:\/\/127\.0\.0\.1:\d+\/v1/)
    const reply = await ask('hello?')
    expect(reply.end).toBe('error')
    expect(reply.text).toMatch(/Could not reach the chat server/)
    await waitForFrames(page, 10)
  })

  it('goes back to the shipped model offline', async () => {
    expect(await chooseSource('shipped')).toBe('ready')
    expect((await ask('谢谢主播!')).end).toMatch(/^(eos|length)$/)
    expect(studio.pageErrors.join(' | ')).toBe('')
  })
})
