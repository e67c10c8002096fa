// A happy reply shows on the host's face while it is spoken: the reply comes from a local
// OpenAI-compatible server that always streams the same tagged text, so the test does not depend
// on what the shipped model would say. The tag never reaches the chat; the avatar's happy weight
// rises while the voice speaks; the generated face is drawn with happy in c and looks different.
import { readFileSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { diffImages, faceClip } from './avatarImages.ts'
import { REPO_ROOT, launchChromium, openStudio, saveFailureScreenshot, startStudioServer, waitForFrames, type BrowserSession, type StudioPage, type StudioServer } from './harness.ts'
import { decodePng } from './png.ts'

/** The reply, as the server streams it: the tag split across two chunks, as a tokenizer may cut it. */
const REPLY_CHUNKS = ['[hap', 'py] 太好了！', '谢谢你的礼物！', '我真的好开心，', '今天的直播太棒了，', '我们一起继续玩吧。']
/** Where `happy` sits in the generator's c (the sidecar says; the runtime reads it the same way). */
const HAPPY_IN_C = (JSON.parse(readFileSync(join(REPO_ROOT, 'models/gan/shipped/generator.json'), 'utf8')).c as { name: string }[]).findIndex((f) => f.name === 'happy')

let server: StudioServer
let lm: Server
let session: BrowserSession
let studio: StudioPage
let page: Page

/** A chat-completions server that answers every request with `REPLY_CHUNKS`, streamed. */
function fixedReplyServer(): Server {
  return createServer((req, res) => {
    const cors = { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Headers': '*', 'Access-Control-Allow-Methods': 'GET, POST, OPTIONS', 'Cross-Origin-Resource-Policy': 'cross-origin' }
    if (req.method === 'OPTIONS') return void res.writeHead(204, cors).end()
    if (req.url?.endsWith('/models')) return void res.writeHead(200, { ...cors, 'Content-Type': 'application/json' }).end(JSON.stringify({ object: 'list', data: [{ id: 'fixed', object: 'model' }] }))
    req.resume()
    req.on('end', async () => {
      res.writeHead(200, { ...cors, 'Content-Type': 'text/event-stream', 'Cache-Control': 'no-cache' })
      for (const content of REPLY_CHUNKS) {
        res.write(`data: ${JSON.stringify({ id: 'r', object: 'chat.completion.chunk', model: 'fixed', choices: [{ index: 0, delta: { content }, finish_reason: null }] })}\n\n`)
        await new Promise((resolve) => setTimeout(resolve, 30))
      }
      res.write(`data: ${JSON.stringify({ id: 'r', object: 'chat.completion.chunk', model: 'fixed', choices: [{ index: 0, delta: {}, finish_reason: 'stop' }] })}\n\n`)
      res.end('data: [DONE]\n\n')
    })
  })
}


/** A screenshot of the face with the panels hidden (they lie over the stage on a small page). */
async function faceShot(clip: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  await page.evaluate(() => {
    for (const el of document.body.children) if (el.id !== 'stage') (el as HTMLElement).style.visibility = 'hidden'
  })
  try {
    return await page.screenshot({ clip })
  } finally {
    await page.evaluate(() => {
      for (const el of document.body.children) (el as HTMLElement).style.visibility = ''
    })
  }
}

beforeAll(async () => {
  lm = fixedReplyServer()
  await new Promise<void>((resolve) => lm.listen(0, '127.0.0.1', resolve))
  server = await startStudioServer()
  session = await launchChromium('webgl2')
  session.context.setDefaultNavigationTimeout(120_000)
  studio = await openStudio(session, server.url, '?gpu=webgl2&still=1')
  page = studio.page
  await page.waitForFunction(() => {
    const face = window.__genanchor?.face.snapshot()
    return window.__genanchor?.avatar() != null && face !== undefined && face.worn && face.images > 0
  }, undefined, { timeout: 150_000 })
  // Replies from the fixed server, chosen in the chat panel's settings as a performer would.
  await page.locator('#chat-settings').evaluate((box) => ((box as HTMLDetailsElement).open = true))
  await page.selectOption('#chat-source', 'openai')
  await page.fill('#chat-openai-url', `http://127.0.0.1:${(lm.address() as AddressInfo).port}/v1`)
  await page.click('#chat-settings-apply')
  await page.locator('#chat-status[data-status="ready"]').waitFor({ timeout: 60_000 })
})

afterAll(async () => {
  await session?.close()
  await server?.close()
  lm?.closeAllConnections()
  await new Promise((resolve) => lm?.close(resolve))
})

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    if (page) console.error(`screenshot: ${await saveFailureScreenshot(page, `emotion ${task.name}`)}`)
  })
})

describe('emotion from the host\'s reply', () => {
  it('shows the happy expression on the rendered face while a happy reply is spoken, with no tag in the chat', async () => {
    const clip = await faceClip(page)
    await waitForFrames(page, 4)
    const neutral = await faceShot(clip)
    expect(await page.evaluate(() => window.__genanchor!.resolvedExpression('happy'))).toBe(0)

    await page.fill('#chat-input', '送你一个礼物!')
    await page.press('#chat-input', 'Enter')
    // While the voice is speaking the reply, happy is up on the avatar and in the face's c.
    const during = await page.waitForFunction((happyInC) => {
      const hooks = window.__genanchor!
      const happy = hooks.resolvedExpression('happy')
      const voice = hooks.voice.snapshot()
      const shown = hooks.face.snapshot().shownC[happyInC]
      return happy > 0.5 && voice.speaking && shown > 0.5 ? { happy, shown } : null
    }, HAPPY_IN_C, { timeout: 60_000, polling: 50 })
    const seen = (await during.jsonValue()) as { happy: number; shown: number }
    const smiling = await faceShot(clip)
    const stillSpeaking = await page.evaluate(() => window.__genanchor!.voice.snapshot().speaking)
    const change = diffImages(decodePng(smiling), decodePng(neutral))
    console.log(`happy ${seen.happy.toFixed(2)} on the avatar, ${seen.shown.toFixed(2)} in the face's c; face region changed by ${change.meanAbs.toFixed(2)} levels (${(change.differingShare * 100).toFixed(1)} % of pixels); speaking after the shot: ${stillSpeaking}`)
    expect(change.meanAbs).toBeGreaterThan(1)

    // The chat shows the reply without its tag.
    const bubble = page.locator('#chat-log .chat-host').last()
    await expect.poll(() => bubble.getAttribute('data-end'), { timeout: 30_000 }).toBe('eos')
    const text = (await bubble.textContent()) ?? ''
    expect(text).toContain('太好了！谢谢你的礼物！')
    expect(text).not.toMatch(/[[\]<>]|happy/)
    expect(studio.pageErrors.join(' | ')).toBe('')
  })
})
