// Voice benchmark: espeak-ng synthesis in Node (time to the first chunk, real-time factor) and in
// the studio in headless Chromium (time to first audio through the worker and the audio graph,
// chat message → first audible reply with the shipped language model, and the measured audio/video
// offset of lip-sync from a MediaRecorder recording).
import { execFileSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { launchChromium, openStudio, startStudioServer } from '../tests/e2e/harness.ts'
import { ESPEAK_SAMPLE_RATE_HZ, EspeakSynth } from '../systems/voice/espeak/synth.ts'
import { measureSync } from './avsync/measure.ts'
import { SYNC_SENTENCES } from './avsync/sentences.ts'
import { median, percentile, sig, type BenchResult } from './lib.ts'

/** Ten-word sentences (Mandarin counted as ten words of one or two characters). */
const SENTENCES = {
  en: 'Thank you all for coming to watch the stream today.',
  zh: '谢谢大家今天来看我的直播，我们一起玩游戏吧。',
} as const
const VOICES = { en: 'en-us', zh: 'cmn' } as const
const WARMUP = 2
const RUNS = 9
const CHAT_RUNS = 7
const CHAT_MESSAGES = ['你好!', '今天玩什么游戏?', 'hello', '推荐什么商品?', '你叫什么名字?', '晚上好', '再见']

/** Node, in-process: time to the first chunk and real-time factor of the shipped synthesiser. */
async function nodeSynth(): Promise<Record<string, number>> {
  const synth = await EspeakSynth.create(gunzipSync(readFileSync(new URL('../systems/voice/espeak/zh-en.espeak.bin', import.meta.url))))
  const figures: Record<string, number> = {}
  for (const lang of ['en', 'zh'] as const) {
    const first: number[] = [], rtf: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const start = performance.now()
      let firstMs = 0
      const samples = synth.synthesize(SENTENCES[lang], { voice: VOICES[lang], rateWpm: 175, pitch: 60 }, () => {
        if (firstMs === 0) firstMs = performance.now() - start
        return false
      })
      const totalMs = performance.now() - start
      if (i < WARMUP) continue
      first.push(firstMs)
      rtf.push(totalMs / 1000 / (samples / ESPEAK_SAMPLE_RATE_HZ))
    }
    figures[`node_first_chunk_ms_${lang}`] = sig(median(first))
    figures[`rtf_${lang}`] = sig(median(rtf), 3)
  }
  return figures
}

/** Real-time factor of Debian's command-line espeak-ng on the same sentences, or null when it is not installed. */
function cliPeer(): Record<string, number | null> {
  const figures: Record<string, number | null> = { cli_rtf_en: null, cli_rtf_zh: null }
  try {
    execFileSync('espeak-ng', ['--version'], { stdio: 'ignore' })
  } catch {
    return figures
  }
  for (const lang of ['en', 'zh'] as const) {
    const rtf: number[] = []
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const start = performance.now()
      const wav = execFileSync('espeak-ng', ['-v', VOICES[lang], '--stdout', SENTENCES[lang]])
      const ms = performance.now() - start
      if (i >= WARMUP) rtf.push(ms / 1000 / ((wav.length - 44) / 2 / ESPEAK_SAMPLE_RATE_HZ))
    }
    figures[`cli_rtf_${lang}`] = sig(median(rtf), 3)
  }
  return figures
}

/** Waits until the studio's voice is silent and idle. */
async function quiet(page: Page): Promise<void> {
  await page.waitForFunction(() => !window.__genanchor!.voice.snapshot().busy, undefined, { timeout: 60_000 })
}

/** In the studio: say → first sample playing, through the worker, the scheduler and the graph. */
async function browserFirstAudio(page: Page, lang: 'en' | 'zh'): Promise<number> {
  const runs: number[] = []
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await quiet(page)
    const ms = await page.evaluate(async (text) => {
      const voice = window.__genanchor!.voice
      const before = voice.snapshot().stats.firstAudioAtMs
      // Straight to the queue: the TTS path alone, without waiting for the next frame to read an event.
      voice.speakNow(text)
      while (voice.snapshot().stats.firstAudioAtMs === before) await new Promise((r) => setTimeout(r, 2))
      return voice.snapshot().stats.firstAudioMs!
    }, SENTENCES[lang])
    if (i >= WARMUP) runs.push(ms)
  }
  return sig(median(runs))
}

/** Chat message (sent from the chat panel) → the first sample of the spoken reply playing. */
async function chatToFirstAudio(page: Page): Promise<{ p50: number; p95: number }> {
  await page.locator('#chat-status[data-status="ready"]').waitFor({ timeout: 120_000 })
  const runs: number[] = []
  for (const message of CHAT_MESSAGES.slice(0, CHAT_RUNS)) {
    await quiet(page)
    await page.waitForFunction(() => (document.getElementById('chat-cancel') as HTMLButtonElement).disabled, undefined, { timeout: 60_000 })
    await page.fill('#chat-input', message)
    const ms = await page.evaluate(async () => {
      const voice = window.__genanchor!.voice
      const before = voice.snapshot().stats.firstAudioAtMs
      const sent = performance.now()
      ;(document.getElementById('chat-form') as HTMLFormElement).requestSubmit()
      const end = sent + 30_000
      while (voice.snapshot().stats.firstAudioAtMs === before && performance.now() < end) await new Promise((r) => setTimeout(r, 2))
      return voice.snapshot().stats.firstAudioAtMs === before ? null : voice.snapshot().stats.firstAudioAtMs! - sent
    })
    if (ms !== null) runs.push(ms)
  }
  if (runs.length === 0) throw new Error('No chat reply was spoken.')
  return { p50: sig(median(runs)), p95: sig(percentile(runs, 0.95)) }
}

/** The voice bench. */
export async function voiceBench(): Promise<BenchResult> {
  const figures: Record<string, number | null> = { ...(await nodeSynth()), ...cliPeer() }
  const server = await startStudioServer()
  const session = await launchChromium('webgl2')
  let browser = ''
  let webSpeechVoices = 0
  try {
    session.context.setDefaultNavigationTimeout(120_000)
    const { page } = await openStudio(session, server.url, '?gpu=webgl2&still=1')
    await page.waitForFunction(() => window.__genanchor?.avatar() != null && window.__genanchor !== undefined, undefined, { timeout: 120_000 })
    await page.evaluate(() => window.__genanchor!.voice.unlock())
    browser = `Chromium ${session.context.browser()?.version() ?? ''}`.trim()
    webSpeechVoices = await page.evaluate(() => (typeof speechSynthesis === 'undefined' ? 0 : speechSynthesis.getVoices().length))
    figures.first_audio_ms_en = await browserFirstAudio(page, 'en')
    figures.first_audio_ms_zh = await browserFirstAudio(page, 'zh')
    const chat = await chatToFirstAudio(page)
    figures.chat_to_first_audio_p50_ms = chat.p50
    figures.chat_to_first_audio_p95_ms = chat.p95
    await quiet(page)
    const sync = await measureSync(page, SYNC_SENTENCES)
    figures.av_offset_mean_ms = Number.isNaN(sync.meanMs) ? null : sig(sync.meanMs, 3)
    figures.av_offset_p95_ms = Number.isNaN(sync.p95AbsMs) ? null : sig(sync.p95AbsMs, 3)
    figures.av_offset_pairs = sync.offsetsMs.length
    figures.av_video_fps = sig(sync.videoFps, 3)
  } finally {
    await session.close()
    await server.close()
  }
  figures.web_speech_voices = webSpeechVoices
  return {
    figures,
    browser,
    notes:
      `espeak-ng (asm.js build, slim zh+en data) on ten-word sentences, ${RUNS} runs after ${WARMUP} warm-ups, medians. ` +
      'node_first_chunk_ms_* and rtf_* run the synthesiser in-process in Node (rtf = synthesis time / audio length). ' +
      'first_audio_ms_* are measured in the studio in headless Chromium: from Speech.say() to the AudioContext time the first sample plays ' +
      '(text preparation, worker round trip, a 12 ms scheduling lead). chat_to_first_audio_* send a chat message from the panel and wait for the ' +
      'first sample of the spoken reply (the shipped language model in its worker, sentence split, synthesis, scheduling). ' +
      'av_offset_* come from bench/avsync: MediaRecorder records the canvas and the master bus while the host says 20 vowel-initial sentences ' +
      '(en + zh); ffmpeg decodes; the offset is (rendered mouth pixels pass half-open) − (audio passes 10 % of peak) per sentence, positive = mouth late; ' +
      'p95 is of the absolute offset; its resolution is bounded by av_video_fps. ' +
      `Peers: Debian's espeak-ng CLI ${figures.cli_rtf_en === null ? 'is not installed here (cli_rtf_* null; not installed for the bench)' : 'in the same run (cli_rtf_*)'}; ` +
      `Web Speech ${webSpeechVoices === 0 ? 'has no voices in headless Chromium, so it has no figure' : `offers ${webSpeechVoices} voices (not timed: its audio bypasses the page)`}.`,
  }
}
