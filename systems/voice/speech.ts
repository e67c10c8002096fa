// The speech queue: replies and texts in, utterances to the engine, their audio onto the clock,
// phoneme times out as events; barge-in drops everything pending at once.
//
// Audio is scheduled the moment the engine reports it, not at the next frame: a frame can take
// 16 ms or (on a loaded machine) far more, and sound does not need the frame. What the ECS must
// know (phoneme times for lip-sync) is posted to the world's inboxes and arrives as events at the
// next input stage; the times are on the audio clock, so arriving a frame later changes nothing.
import type { EventType, Inbox, World } from '../../engine/index.ts'
import type { EngineReport, TtsEngine } from './engine.ts'
import { AudioScheduled, PhonemesScheduled, SpeechStopped, WordSpoken, type ScheduledPhoneme } from './events.ts'
import type { SpeechSink } from './player.ts'
import type { AudioClock } from './scheduler.ts'
import { SpeechScheduler } from './scheduler.ts'
import type { VoiceSettings } from './settings.ts'
import { prepareSpeech, type SpeechLang } from './text.ts'

/** An utterance handed to the engine and not finished yet. */
interface Utterance {
  readonly id: number
  readonly lang: SpeechLang
  /** The reply it belongs to, or null for `SpeakText`. */
  readonly replyId: number | null
  /** `performance.now()` when its text arrived, for the time-to-first-audio figure. */
  readonly requestedAtMs: number
  /** Whether any audio of it is scheduled yet. */
  started: boolean
}

/** Figures the voice bench and the panel read. */
export interface SpeechStats {
  /** From text in to its first sample playing, ms, for the latest utterance that started while the voice was silent. */
  firstAudioMs: number | null
  /** `performance.now()` time at which that first sample plays (it may still be in the future). */
  firstAudioAtMs: number | null
  /** Utterances spoken to their end. */
  finished: number
  /** Utterances that failed (each also in `lastError`). */
  failed: number
  /** Engine restarts after a crash. */
  restarts: number
  lastError: string | null
}

/** The world's inboxes the speech queue posts its events to (`speechInboxes(world)` makes them). */
export interface SpeechInboxes {
  readonly phonemes: Inbox<EventPayload<typeof PhonemesScheduled>>
  readonly audio: Inbox<EventPayload<typeof AudioScheduled>>
  readonly words: Inbox<EventPayload<typeof WordSpoken>>
}

/** The payload type of an event type. */
type EventPayload<E> = E extends EventType<infer T> ? T : never

/** The inboxes of `PhonemesScheduled`, `AudioScheduled` and `WordSpoken` in a world. */
export function speechInboxes(world: World): SpeechInboxes {
  return { phonemes: world.inbox(PhonemesScheduled), audio: world.inbox(AudioScheduled), words: world.inbox(WordSpoken) }
}

/**
 * The voice's queue (a resource). Engine reports are handled as they arrive; the events they make
 * are posted to the world's inboxes and reach the ECS at the next frame.
 */
export class Speech {
  readonly scheduler: SpeechScheduler
  readonly stats: SpeechStats = { firstAudioMs: null, firstAudioAtMs: null, finished: 0, failed: 0, restarts: 0, lastError: null }
  /** The reply being spoken, or null. */
  replyId: number | null = null
  /** The TTS engine in use; `useEngine` swaps it. */
  engine: TtsEngine
  private readonly active = new Map<number, Utterance>()
  private nextId = 1

  /** `makeEngine` gets the callback the engine reports through (handled at once). */
  constructor(
    makeEngine: (report: (r: EngineReport) => void) => TtsEngine,
    private readonly sink: SpeechSink,
    private readonly clock: AudioClock,
    private readonly settings: VoiceSettings,
    private readonly out: SpeechInboxes,
  ) {
    this.scheduler = new SpeechScheduler(clock)
    this.engine = makeEngine(this.receive)
  }

  /** Replaces the engine (after `stop`); the old one is disposed. */
  useEngine(makeEngine: (report: (r: EngineReport) => void) => TtsEngine): void {
    this.engine.dispose()
    this.engine = makeEngine(this.receive)
  }

  private readonly receive = (report: EngineReport): void => this.handle(report)

  /** Utterances queued or playing. */
  get pending(): number {
    return this.active.size
  }

  /** True while speech is queued or audible. */
  get busy(): boolean {
    return this.active.size > 0 || this.scheduler.speaking
  }

  /** Queues `text` (cleaned, split by language, chunked); returns how many utterances it made (0: nothing to say). */
  say(text: string, replyId: number | null = null): number {
    const pieces = prepareSpeech(text, this.settings.maxChunkChars, this.settings.fallbackLang)
    const now = performance.now()
    for (const piece of pieces) {
      const id = this.nextId++
      this.active.set(id, { id, lang: piece.lang, replyId, requestedAtMs: now, started: false })
      this.engine.speak({ id, text: piece.text, lang: piece.lang }, this.settings)
    }
    return pieces.length
  }

  /** Barge-in: drops what is queued, cuts what plays, and tells lip-sync (`SpeechStopped`); nothing to do when silent. */
  stop(world: World, reason: string): void {
    this.replyId = null
    if (!this.busy) return
    const atS = this.clock.now()
    this.engine.cancel()
    this.active.clear()
    // Phonemes of the audio just cut must not reach lip-sync after the stop.
    this.out.phonemes.discard()
    this.out.audio.discard()
    this.out.words.discard()
    this.sink.stopAll(atS)
    this.scheduler.stop(atS)
    world.send(SpeechStopped, { atS, reason })
  }

  /** Handles one engine report: schedules its audio now and queues the events lip-sync reads. */
  handle(report: EngineReport): void {
    if (report.type === 'restarted') {
      this.stats.restarts++
      this.stats.lastError = report.message
      return
    }
    const utterance = this.active.get(report.id)
    if (!utterance) return // cancelled by a barge-in
    switch (report.type) {
      case 'audio':
        this.schedule(utterance, report)
        return
      case 'end':
        this.active.delete(report.id)
        this.scheduler.finish(report.id)
        this.stats.finished++
        return
      case 'external':
        if (!utterance.started) {
          utterance.started = true
          this.stats.firstAudioAtMs = performance.now()
          this.stats.firstAudioMs = this.stats.firstAudioAtMs - utterance.requestedAtMs
        }
        if (report.phase === 'word') {
          this.out.words.post({ utteranceId: report.id, atS: this.clock.now() })
        }
        if (report.phase === 'end') {
          this.active.delete(report.id)
          this.stats.finished++
        }
        return
      case 'error':
        this.active.delete(report.id)
        this.stats.failed++
        this.stats.lastError = report.message
    }
  }

  private schedule(utterance: Utterance, report: Extract<EngineReport, { type: 'audio' }>): void {
    const durationS = report.pcm.length / report.sampleRateHz
    const idleBefore = this.scheduler.endS <= this.clock.now()
    const placed = this.scheduler.place(utterance.id, report.offsetSamples / report.sampleRateHz, durationS)
    this.sink.play(report.pcm, report.sampleRateHz, placed.startS)
    if (!utterance.started) {
      utterance.started = true
      // Text → sound is measured only when nothing was playing: later sentences wait behind earlier ones by design.
      if (idleBefore) {
        this.stats.firstAudioAtMs = performance.now() + (placed.startS - this.clock.now()) * 1000
        this.stats.firstAudioMs = this.stats.firstAudioAtMs - utterance.requestedAtMs
      }
    }
    if (report.marks.length > 0) {
      const phonemes: ScheduledPhoneme[] = report.marks.map((m) => ({ atS: placed.utteranceStartS + m.timeMs / 1000, phoneme: m.phoneme }))
      this.out.phonemes.post({ utteranceId: utterance.id, lang: utterance.lang, phonemes })
    }
    this.out.audio.post({ utteranceId: utterance.id, startS: placed.startS, endS: placed.startS + durationS, timed: report.timed })
  }
}
