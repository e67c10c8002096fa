// The speech queue with the real espeak engine and worker code (in-process), a fake audio clock and
// a sink that records what would play: streaming replies, barge-in, bad input, long replies, crashes.
// Synthesis is real, so tests get a generous timeout on a busy machine.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { App, Stage } from '../../../engine/index.ts'
import { InterruptReply, ReplyDone, ReplySentence, ReplyStarted } from '../../../systems/dialogue/index.ts'
import { EspeakEngine } from '../../../systems/voice/espeak/espeakEngine.ts'
import { PhonemesScheduled, SpeechStopped } from '../../../systems/voice/events.ts'
import type { SpeechSink } from '../../../systems/voice/player.ts'
import { createQueueSpeech } from '../../../systems/voice/queueSpeech.ts'
import { VoiceSettings } from '../../../systems/voice/settings.ts'
import { Speech, speechInboxes } from '../../../systems/voice/speech.ts'
import { DATA_URL, inProcessWorker } from './inProcessWorker.ts'

/** What would have played: each chunk's start and length in seconds, and the cuts. */
class RecordingSink implements SpeechSink {
  readonly chunks: { atS: number; durationS: number }[] = []
  readonly cuts: number[] = []
  play(pcm: Float32Array, sampleRateHz: number, atS: number): void {
    this.chunks.push({ atS, durationS: pcm.length / sampleRateHz })
  }
  stopAll(atS: number): void {
    this.cuts.push(atS)
  }
}

vi.setConfig({ testTimeout: 60_000 })

let app: App
let speech: Speech
let sink: RecordingSink
const clock = { t: 0, now: () => clock.t }

/** Steps a frame (without pumpSpeech, which drives volume and ducking on a real AudioContext). */
function step(): void {
  app.step(16)
}

/** Steps frames, letting the worker's messages arrive, until `done()` or a timeout. */
async function until(done: () => boolean, timeoutMs = 20_000): Promise<void> {
  const end = Date.now() + timeoutMs
  while (!done()) {
    if (Date.now() > end) throw new Error('timed out waiting for speech')
    await new Promise((resolve) => setTimeout(resolve, 1))
    step()
  }
}

beforeEach(() => {
  clock.t = 0
  app = new App()
  const settings = app.world.insertResource(new VoiceSettings())
  sink = new RecordingSink()
  speech = app.world.insertResource(new Speech((report) => new EspeakEngine(report, inProcessWorker, DATA_URL, { faults: true }), sink, clock, settings, speechInboxes(app.world)))
  app.addSystem(Stage.Update, createQueueSpeech(app.world))
})

afterEach(() => speech.engine.dispose())

describe('Speech with the espeak engine', () => {
  it('speaks the first sentence of a reply while the model is still writing, and queues the next right after it', async () => {
    app.world.send(ReplyStarted, { replyId: 1, viewer: 'v', message: 'hi', cappedChars: 0 })
    app.world.send(ReplySentence, { replyId: 1, text: 'Hello everyone.', index: 0 })
    step()
    await until(() => speech.stats.finished === 1)
    const firstEnd = speech.scheduler.endS
    expect(sink.chunks.length).toBeGreaterThan(2)
    expect(sink.chunks[0].atS).toBeCloseTo(0.012, 6)
    // Still no ReplyDone: the second sentence arrives later and follows without a gap.
    app.world.send(ReplySentence, { replyId: 1, text: '大家好。', index: 1 })
    await until(() => speech.stats.finished === 2)
    const second = sink.chunks.find((c) => c.atS >= firstEnd - 1e-9)!
    expect(second.atS).toBeCloseTo(firstEnd, 6)
  })

  it('sends phoneme times on the audio clock for lip-sync, inside the audio they belong to', async () => {
    const reader = app.world.reader(PhonemesScheduled)
    clock.t = 5
    speech.say('Ah, all right.')
    const phonemes: number[] = []
    await until(() => {
      for (const e of reader.read()) phonemes.push(...e.phonemes.map((p) => p.atS))
      return speech.stats.finished === 1
    })
    expect(phonemes.length).toBeGreaterThan(4)
    expect(phonemes[0]).toBeGreaterThanOrEqual(5.012)
    expect(phonemes[phonemes.length - 1]).toBeLessThanOrEqual(speech.scheduler.endS + 1e-6)
  })

  it('cuts the current reply when a new one starts (barge-in) and never plays the old one again', async () => {
    const stopped = app.world.reader(SpeechStopped)
    app.world.send(ReplyStarted, { replyId: 1, viewer: 'v', message: 'a', cappedChars: 0 })
    app.world.send(ReplySentence, { replyId: 1, text: 'This first reply is long enough to be cut in the middle of a word.', index: 0 })
    app.world.send(ReplySentence, { replyId: 1, text: 'And this second sentence should never be heard.', index: 1 })
    await until(() => sink.chunks.length > 0)
    clock.t = 0.5
    app.world.send(ReplyStarted, { replyId: 2, viewer: 'v', message: 'b', cappedChars: 0 })
    step()
    expect(sink.cuts).toEqual([0.5])
    expect([...stopped.read()].map((s) => s.reason)).toContain('new reply')
    const before = sink.chunks.length
    // Late reports of the old reply are dropped: nothing new plays until reply 2 says something.
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      step()
    }
    expect(sink.chunks.length).toBe(before)
    app.world.send(ReplySentence, { replyId: 2, text: 'New reply.', index: 0 })
    await until(() => sink.chunks.length > before)
    expect(sink.chunks[before].atS).toBeCloseTo(0.512, 6)
  })

  it('stops on InterruptReply and on a cancelled reply, but not on a finished one', async () => {
    app.world.send(ReplyStarted, { replyId: 7, viewer: 'v', message: 'a', cappedChars: 0 })
    app.world.send(ReplySentence, { replyId: 7, text: 'Some words to say.', index: 0 })
    await until(() => sink.chunks.length > 0)
    app.world.send(ReplyDone, { replyId: 7, text: 'Some words to say.', reason: 'eos', error: null, tokens: 5, firstTokenMs: 1 })
    step()
    expect(sink.cuts).toEqual([])
    app.world.send(InterruptReply, { reason: 'performer' })
    step()
    expect(sink.cuts).toHaveLength(1)
    app.world.send(ReplyStarted, { replyId: 8, viewer: 'v', message: 'b', cappedChars: 0 })
    app.world.send(ReplySentence, { replyId: 8, text: 'More words.', index: 0 })
    await until(() => sink.chunks.length > 0)
    app.world.send(ReplyDone, { replyId: 8, text: 'More words.', reason: 'cancelled', error: null, tokens: 2, firstTokenMs: 1 })
    step()
    expect(sink.cuts).toHaveLength(2)
  })

  it('says nothing, and fails nothing, for empty, emoji-only or punctuation-only text', async () => {
    expect(speech.say('')).toBe(0)
    expect(speech.say('🎉🎉✨')).toBe(0)
    expect(speech.say('。。！')).toBe(0)
    expect(speech.busy).toBe(false)
    expect(speech.stats.failed).toBe(0)
  })

  it('reads markup-like text aloud instead of obeying it', async () => {
    speech.say('one <break time="3s"/> two')
    await until(() => speech.stats.finished === 1)
    const spoken = speech.scheduler.endS - 0.012
    expect(spoken).toBeGreaterThan(1)
    expect(spoken).toBeLessThan(3)
  })

  it('chunks a 5,000-character reply and stops it at once when interrupted', async () => {
    const reply = 'The anchor keeps talking about the game, the weather and the next stream. '.repeat(70).slice(0, 5000)
    const pieces = speech.say(reply)
    expect(pieces).toBeGreaterThan(40)
    await until(() => speech.stats.finished >= 2)
    speech.stop(app.world, 'test')
    const heard = sink.chunks.length
    expect(speech.pending).toBe(0)
    for (let i = 0; i < 30; i++) {
      await new Promise((resolve) => setTimeout(resolve, 5))
      step()
    }
    expect(sink.chunks.length).toBe(heard)
  })

  it('restarts a crashed worker and goes on with the queue, without repeating audio already played', async () => {
    const texts = ['First sentence of the queue.', 'Second one, spoken after the crash.', 'Third and last.']
    for (const t of texts) speech.say(t)
    await until(() => sink.chunks.length > 0)
    ;(speech.engine as EspeakEngine).injectCrash()
    await until(() => speech.stats.finished === 3, 30_000)
    expect(speech.stats.restarts).toBe(1)
    expect(speech.stats.failed).toBe(0)
    // The chunks tile the timeline: no overlap (a repeated start would overlap) and no gap inside an utterance.
    const sorted = [...sink.chunks].sort((a, b) => a.atS - b.atS)
    for (let i = 1; i < sorted.length; i++) expect(sorted[i].atS).toBeGreaterThanOrEqual(sorted[i - 1].atS + sorted[i - 1].durationS - 1e-6)
    const total = sorted.reduce((s, c) => s + c.durationS, 0)
    expect(total).toBeCloseTo(speech.scheduler.endS - 0.012, 3)
  })
})
