// Broadcast end to end in Chromium: the stream view (1920×1080, transparent, only the anchor) follows
// the studio; a viewer's message is answered and shown as text only; the studio records a playable
// WebM with a real MediaRecorder; and goes live through server/ to a real nginx-rtmp, checked with ffprobe.
import { execFile } from 'node:child_process'
import { mkdtemp, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { BilibiliChat } from '../../server/broadcast/bilibili/bilibiliChat.ts'
import { startBroadcastServer, type BroadcastServer } from '../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../server/broadcast/controlAuth.ts'
import { sendGift, startBilibiliServer } from '../unit/broadcast/bilibiliServer.ts'
import { probeStreams, startRtmpIngest, type RtmpIngest } from '../unit/broadcast/nginxRtmp.ts'
import { launchChromium, startStudioServer, openStudio, saveFailureScreenshot, type BrowserSession, type StudioServer } from './harness.ts'
import { decodePng } from './png.ts'

const run = promisify(execFile)
const TOKEN = generateToken()
const KEY = 'e2e_stream_key_9f3a'
let vite: StudioServer
let session: BrowserSession
let studio: Page
let stream: Page
let ingest: RtmpIngest
let server: BroadcastServer
const dialogs: string[] = []

beforeAll(async () => {
  ;[vite, session, ingest] = await Promise.all([startStudioServer(), launchChromium('webgl2'), startRtmpIngest()])
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: () => {} })
  await warmUp()
  studio = (await openStudio(session, vite.url, '?gpu=webgl2')).page
  stream = await session.context.newPage()
  await stream.setViewportSize({ width: 1920, height: 1080 })
  for (const page of [studio, stream]) page.on('dialog', (d) => (dialogs.push(d.message()), void d.dismiss()))
  await stream.goto(new URL('stream.html?bg=transparent&chat=1', vite.url).href)
  await stream.waitForFunction(() => window.__genanchorStream?.snapshot().ready === true, undefined, { timeout: 60_000 })
}, 400_000)


/**
 * On a loaded two-core machine Vite's first transform of both pages can pass the harness' 30 s
 * navigation limit, and a dependency it discovers late reloads every open page. Both pages are
 * loaded once, until each has started (surviving such a reload), so the real opens hit warm caches.
 */
async function warmUp(): Promise<void> {
  const pages = await Promise.all([session.context.newPage(), session.context.newPage()])
  await pages[0].goto(new URL('?gpu=webgl2', vite.url).href, { timeout: 150_000 })
  await pages[1].goto(new URL('stream.html', vite.url).href, { timeout: 150_000 })
  const started = [() => (window.__genanchor?.frame() ?? 0) > 2, () => window.__genanchorStream?.snapshot().ready === true]
  const until = Date.now() + 150_000
  for (let k = 0; k < 2; k++) {
    while (!(await pages[k].evaluate(started[k]).catch(() => false))) {
      if (Date.now() > until) throw new Error('the studio and stream pages did not start within 150 s')
      await new Promise((r) => setTimeout(r, 500))
    }
  }
  await Promise.all(pages.map((p) => p.close()))
}

afterAll(async () => {
  await session?.close()
  await Promise.all([vite?.close(), server?.close(), ingest?.close()])
})

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    if (studio) console.error(`screenshot: ${await saveFailureScreenshot(studio, `broadcast studio ${task.name}`)}`)
    if (stream && !stream.isClosed()) console.error(`screenshot: ${await saveFailureScreenshot(stream, `broadcast stream ${task.name}`)}`)
  })
})

describe('broadcast', () => {
  it('shows only the anchor on a transparent 1920×1080 page that follows the studio', async () => {
    // Poses go out every other studio frame; on a loaded two-core machine the studio may run at a few fps.
    await stream.waitForFunction(() => window.__genanchorStream!.snapshot().applied > 3, undefined, { timeout: 120_000 })
    const shot = decodePng(await stream.screenshot({ omitBackground: true, timeout: 120_000 }))
    expect([shot.width, shot.height]).toEqual([1920, 1080])
    const alpha = (x: number, y: number) => shot.rgba[(y * shot.width + x) * 4 + 3]
    // Corners are see-through (OBS composites them away); the anchor in the middle is opaque.
    expect([alpha(5, 5), alpha(1914, 5), alpha(5, 1074), alpha(1914, 1074)]).toEqual([0, 0, 0, 0])
    let opaque = 0
    for (let y = 200; y < 900; y += 10) for (let x = 760; x < 1160; x += 10) if (alpha(x, y) === 255) opaque++
    expect(opaque).toBeGreaterThan(500)
  }, 300_000)

  it('answers a viewer and shows the message on the stream page as text, never as markup', async () => {
    const payload = '<img src=x onerror=alert(1)>小星你好'
    await studio.evaluate((text) => window.__genanchor!.broadcast.receive({ viewer: '<b>eve</b>', text, source: 'viewer-page' }), payload)
    const caption = stream.locator('.stream-caption')
    await expect.poll(() => caption.textContent(), { timeout: 90_000 }).toBe(`<b>eve</b>${payload}`)
    await expect.poll(() => stream.locator('.stream-reply').textContent(), { timeout: 60_000 }).not.toBe('')
    expect(await stream.locator('.stream-caption img, .stream-caption b, #stream-chat img').count()).toBe(0)
    expect(await stream.locator('#stream-chat li').last().textContent()).toBe(`<b>eve</b>${payload}`)
    expect(await studio.locator('#broadcast-answering').textContent()).toMatch(/Answering <b>eve<\/b>: <img|Waiting for chat/)
    expect(dialogs).toEqual([])
  }, 300_000)

  it('records the canvas to a WebM that ffprobe reads, showing duration and size', async () => {
    // The 1920×1080 stream page has shown what it must; drawn on SwiftShader it takes most of the CPU the studio needs.
    await stream.close()
    // On the e2e's 640×360 viewport the debug overlay lies over the panel: click through it.
    await studio.locator('#broadcast-panel summary').click({ force: true })
    await studio.locator('#broadcast-record').click({ force: true })
    await expect.poll(() => studio.locator('#broadcast-recording').textContent(), { timeout: 10_000 }).toMatch(/^0:0[2-9] · \d+ KB/)
    await studio.locator('#broadcast-record').click({ force: true })
    await studio.locator('#broadcast-download').waitFor({ state: 'visible' })
    const base64 = await studio.evaluate(async () => {
      const href = (document.getElementById('broadcast-download') as HTMLAnchorElement).href
      const bytes = new Uint8Array(await (await fetch(href)).arrayBuffer())
      let s = ''
      for (const b of bytes) s += String.fromCharCode(b)
      return btoa(s)
    })
    const file = join(await mkdtemp(join(tmpdir(), 'genanchor-rec-')), 'rec.webm')
    await writeFile(file, Buffer.from(base64, 'base64'))
    const { stdout } = await run('ffprobe', ['-v', 'error', '-count_frames', '-show_entries', 'stream=codec_type,codec_name,width,height,nb_read_frames', '-of', 'json', file])
    const { streams } = JSON.parse(stdout) as { streams: { codec_type: string; codec_name: string; nb_read_frames: string }[] }
    const video = streams.find((s) => s.codec_type === 'video')!
    expect(['vp8', 'vp9']).toContain(video.codec_name)
    // With the voice system running the recording carries its audio too (Opus).
    const hasAudio = await studio.evaluate(() => window.__genanchor!.broadcast.snapshot().recording!.hasAudio)
    expect(streams.some((s) => s.codec_type === 'audio' && s.codec_name === 'opus')).toBe(hasAudio)
    // canvas.captureStream emits a frame per drawn canvas frame: on a loaded machine the studio draws a few a second.
    expect(Number(video.nb_read_frames)).toBeGreaterThan(2)
  })

  it('shows each chat platform in the Broadcast panel and answers a Bilibili gift, named as the viewer gave it', async () => {
    const room = 5150
    const bili = await startBilibiliServer(room)
    try {
      server.attachChat(new BilibiliChat({ roomId: room, apiBase: bili.apiBase, url: bili.wsUrl, backoff: { firstMs: 100, maxMs: 400 } }))
      await studio.locator('#broadcast-server').fill(server.url.replace('http', 'ws'))
      await studio.locator('#broadcast-token').fill(TOKEN)
      await studio.locator('#broadcast-connect').click({ force: true })
      const platforms = studio.locator('#broadcast-platforms')
      await expect.poll(() => platforms.textContent(), { timeout: 30_000 }).toMatch(/^bilibili 5150: live · \d+ received/)
      bili.push([sendGift(42, '<i>阿明</i>', '辣条', 3, 300)], 'brotli')
      // A gift goes to the front of the queue: the host answers it next, its name shown as text.
      await expect.poll(() => studio.locator('#broadcast-answering').textContent(), { timeout: 120_000 }).toMatch(/^Answering <i>阿明<\/i>: 投喂 辣条 ×3/)
      expect(await studio.locator('#broadcast-panel i').count()).toBe(0)
    } finally {
      await bili.close()
    }
    // The room going away shows in the panel; the studio and the other chat carry on.
    await expect.poll(() => studio.locator('#broadcast-platforms').textContent(), { timeout: 30_000 }).toMatch(/^bilibili 5150: (reconnecting|down)/)
  }, 300_000)

  it('goes live through the relay to nginx-rtmp with video and audio, never showing the key', async () => {
    await studio.locator('#broadcast-server').fill(server.url.replace('http', 'ws'))
    await studio.locator('#broadcast-token').fill(TOKEN)
    await studio.locator('#broadcast-rtmp').fill(ingest.url)
    await studio.locator('#broadcast-key').fill(KEY)
    await studio.locator('#broadcast-live').click({ force: true })
    await studio.waitForFunction(() => window.__genanchor!.broadcast.snapshot().relay?.state === 'live', undefined, { timeout: 60_000 }).catch(async (err: Error) => {
      throw new Error(`not live; the panel says: ${await studio.locator('#broadcast-live-state').textContent()}`, { cause: err })
    })
    expect(await studio.locator('#broadcast-key').inputValue()).toBe('')
    const streams = await probeStreams(`${ingest.url}/${KEY}`)
    expect(streams).toEqual(expect.arrayContaining([{ codec_type: 'video', codec_name: 'h264' }, { codec_type: 'audio', codec_name: 'aac' }]))
    await expect.poll(() => studio.locator('#broadcast-live-state').textContent(), { timeout: 5000 }).toMatch(/^live · \d+ kbit\/s · \d+ dropped · 0 reconnects/)
    expect(await studio.content()).not.toContain(KEY)
    await studio.locator('#broadcast-live').click({ force: true })
  }, 300_000)
})
