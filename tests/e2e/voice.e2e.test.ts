// The host speaks: espeak-ng in a worker, through the shared audio graph, with the mouth moving in step;
// the autoplay-blocked control; recovery from a worker crash; and a short run of the sync measurement.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import { measureSync } from '../../bench/avsync/measure.ts'
import { SYNC_SENTENCES } from '../../bench/avsync/sentences.ts'
import { launchChromium, openStudio, saveFailureScreenshot, startStudioServer, type BrowserSession, type StudioServer } from './harness.ts'

let server: StudioServer
let session: BrowserSession
let page: Page

beforeAll(async () => {
  server = await startStudioServer()
  session = await launchChromium('webgl2')
  session.context.setDefaultNavigationTimeout(120_000)
  page = (await openStudio(session, server.url, '?gpu=webgl2&still=1')).page
  await page.waitForFunction(() => window.__genanchor?.avatar() != null && window.__genanchor !== undefined, undefined, { timeout: 120_000 })
})

afterAll(async () => {
  await session?.close()
  await server?.close()
})

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    if (page) console.error(`screenshot: ${await saveFailureScreenshot(page, `voice ${task.name}`)}`)
  })
})

/** What the page heard and showed while speech played. */
interface Observed {
  /** Largest RMS of a 10 ms block on the master bus. */
  peakRms: number
  /** 10 ms blocks with audible sound on the master bus. */
  loudBlocks: number
  /** Largest resolved `aa` + `oh` + `ou` on the avatar, read every frame. */
  peakMouth: number
  /** Distinct mouth values seen (a moving mouth gives several). */
  mouthValues: number
}

/**
 * Listens to the master bus for `ms` with an AudioWorklet on the audio thread (the page's own
 * timers and frames run late on a loaded machine; the audio thread does not), and reads the
 * avatar's mouth every frame.
 */
async function observe(ms: number): Promise<Observed> {
  return page.evaluate(async (duration) => {
    const voice = window.__genanchor!.voice
    const ctx = voice.audioGraph().context
    const code = `registerProcessor('level-probe', class extends AudioWorkletProcessor {
      constructor() { super(); this.sum = 0; this.n = 0; this.loud = 0; this.peak = 0;
        this.port.onmessage = () => this.port.postMessage({ loud: this.loud, peak: this.peak }) }
      process(inputs) { const x = inputs[0][0]; if (x) { for (const v of x) this.sum += v * v; this.n += x.length }
        if (this.n >= sampleRate / 100) { const rms = Math.sqrt(this.sum / this.n); this.peak = Math.max(this.peak, rms);
          if (rms > 0.01) this.loud++; this.sum = 0; this.n = 0 } return true } })`
    const flagged = window as unknown as { __levelProbe?: Promise<void> }
    flagged.__levelProbe ??= ctx.audioWorklet.addModule(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })))
    await flagged.__levelProbe
    const probe = new AudioWorkletNode(ctx, 'level-probe')
    voice.audioGraph().output.connect(probe)
    const values = new Set<number>()
    let peakMouth = 0
    const end = performance.now() + duration
    while (performance.now() < end) {
      await new Promise((resolve) => requestAnimationFrame(resolve))
      const hook = window.__genanchor!
      const mouth = hook.resolvedExpression('aa') + hook.resolvedExpression('oh') + hook.resolvedExpression('ou')
      peakMouth = Math.max(peakMouth, mouth)
      values.add(Math.round(mouth * 100))
    }
    const levels = await new Promise<{ loud: number; peak: number }>((resolve) => {
      probe.port.onmessage = (event) => resolve(event.data)
      probe.port.postMessage('report')
    })
    voice.audioGraph().output.disconnect(probe)
    return { peakRms: levels.peak, loudBlocks: levels.loud, peakMouth, mouthValues: values.size }
  }, ms)
}

/**
 * Stops whatever an earlier test left running — a reply the model is still writing, speech still
 * playing — so one test's leftovers never sound in the next, and waits for silence.
 */
async function quiet(): Promise<void> {
  await page.waitForFunction(() => window.__genanchor !== undefined, undefined, { timeout: 120_000 })
  const chatCancel = page.locator('#chat-cancel')
  if (await chatCancel.isEnabled()) await chatCancel.click()
  await page.waitForFunction(() => (document.getElementById('chat-cancel') as HTMLButtonElement).disabled, undefined, { timeout: 30_000 })
  await page.evaluate(() => window.__genanchor!.voice.stop())
  await page.waitForFunction(() => !window.__genanchor!.voice.snapshot().busy, undefined, { timeout: 60_000 })
}

describe('voice', () => {
  it('waits behind a visible "click to enable sound" control when autoplay is blocked, then speaks', async () => {
    // Headless Chromium under playwright has user activation from the start, so it never blocks
    // autoplay (even with --autoplay-policy=user-gesture-required). The test leaves the context
    // where a blocking browser leaves it, suspended, and clicks the control as a person would.
    await page.evaluate(() => window.__genanchor!.voice.suspend())
    const unlock = page.locator('#voice-unlock')
    await unlock.waitFor({ state: 'visible', timeout: 60_000 })
    await page.evaluate(() => window.__genanchor!.voice.say('Hello everyone, welcome to the stream.'))
    await page.waitForFunction(() => window.__genanchor!.voice.snapshot().endS > 0, undefined, { timeout: 20_000 })
    const blocked = await observe(500)
    expect(blocked.loudBlocks).toBe(0)
    expect(await page.locator('#voice-status').textContent()).toContain('enable sound')
    await unlock.click()
    await page.waitForFunction(() => window.__genanchor!.voice.snapshot().running, undefined, { timeout: 10_000 })
    expect(await unlock.isHidden()).toBe(true)
    const heard = await observe(2500)
    // A fifth of a second at least: on a loaded machine the first part may pass before listening starts.
    expect(heard.loudBlocks).toBeGreaterThan(20)
    expect(heard.peakRms).toBeGreaterThan(0.03)
    expect(heard.peakMouth).toBeGreaterThan(0.3)
    expect(heard.mouthValues).toBeGreaterThan(2)
  })

  it('speaks a chat reply from the shipped model, with the mouth following the phonemes', async () => {
    await quiet()
    await page.locator('#chat-status[data-status="ready"]').waitFor({ timeout: 120_000 })
    const before = await page.evaluate(() => window.__genanchor!.voice.snapshot().stats.finished)
    await page.fill('#chat-input', '你好!今天玩什么游戏?')
    await page.press('#chat-input', 'Enter')
    await page.waitForFunction((n) => window.__genanchor!.voice.snapshot().busy || window.__genanchor!.voice.snapshot().stats.finished > n, before, { timeout: 30_000 })
    const heard = await observe(2000)
    expect(heard.loudBlocks).toBeGreaterThan(30)
    expect(heard.peakMouth).toBeGreaterThan(0.3)
    expect(await page.evaluate(() => window.__genanchor!.voice.snapshot().stats.failed)).toBe(0)
  })

  // After the chat test the model is ready, so the broadcast host's idle talk could answer the Stop
  // with a new reply (it once did, ~0.4 s later); this order keeps that covered.
  it('stops a 5,000-character reply at once with Stop, and the mouth closes', async () => {
    await quiet()
    await page.evaluate(() => window.__genanchor!.voice.say('The anchor keeps talking about the game and the weather. '.repeat(90).slice(0, 5000)))
    await page.waitForFunction(() => window.__genanchor!.voice.snapshot().speaking, undefined, { timeout: 20_000 })
    // Long: utterances still queued or many seconds of audio already scheduled ahead.
    const ahead = await page.evaluate(() => {
      const voice = window.__genanchor!.voice.snapshot()
      return { pending: voice.pending, seconds: voice.endS - voice.audioTimeS }
    })
    expect(ahead.pending > 10 || ahead.seconds > 10).toBe(true)
    await page.locator('#voice-panel summary').click()
    await page.locator('#voice-stop').click()
    await page.waitForTimeout(300)
    const after = await observe(600)
    expect(after.loudBlocks).toBe(0)
    expect(after.peakMouth).toBeLessThan(0.05)
    expect(await page.evaluate(() => window.__genanchor!.voice.snapshot().busy)).toBe(false)
  })

  it('restarts the speech worker after a crash and goes on with the queue', async () => {
    await quiet()
    const before = await page.evaluate(() => ({ ...window.__genanchor!.voice.snapshot().stats }))
    await page.evaluate(() => {
      const voice = window.__genanchor!.voice
      for (const s of ['The first sentence.', 'The second sentence, after the crash.', '第三句话。']) voice.say(s)
      voice.crashWorker()
    })
    await page.waitForFunction((n) => window.__genanchor!.voice.snapshot().stats.finished >= n + 3, before.finished, { timeout: 30_000 })
    const after = await page.evaluate(() => ({ ...window.__genanchor!.voice.snapshot().stats }))
    expect(after.restarts).toBe(before.restarts + 1)
    expect(after.failed).toBe(before.failed)
  })

  it('keeps mouth and sound in sync in a recording (short run of bench/avsync)', async () => {
    await quiet()
    const result = await measureSync(page, SYNC_SENTENCES.slice(0, 6))
    console.info(`sync: mean ${result.meanMs.toFixed(1)} ms, p95 |offset| ${result.p95AbsMs.toFixed(1)} ms, ${result.offsetsMs.length} pairs, ${result.videoFps.toFixed(1)} fps`)
    expect(result.soundOnsets).toBeGreaterThanOrEqual(5) // of six sentences
    if (result.videoFps >= 15) {
      // Every sentence's first sound has a mouth opening within 200 ms of it, and the offsets hold
      // the detectability limit (the bench reports the real figures against the ±20 / 45 ms target).
      expect(result.offsetsMs.length).toBeGreaterThanOrEqual(5)
      expect(Math.abs(result.meanMs)).toBeLessThanOrEqual(45)
      expect(result.p95AbsMs).toBeLessThanOrEqual(90)
    } else {
      // A machine loaded until the canvas records at a few frames per second (seen here: 3 fps)
      // cannot resolve the offset; the mouth must still be seen opening with the speech.
      console.warn(`sync: the recording has ${result.videoFps.toFixed(1)} fps, too few to resolve the offset`)
      expect(result.mouthOnsets).toBeGreaterThanOrEqual(3)
    }
  }, 300_000)
})
