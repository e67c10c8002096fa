// The `espeak` engine on the page's side: drives the speech worker, turns its 16-bit chunks into
// float PCM, and restarts the worker when it dies, sending again what it had not finished.
import slimPackageUrl from './zh-en.espeak.bin?url'
import type { EngineReport, SpeechRequest, TtsEngine } from '../engine.ts'
import type { VoiceSettings } from '../settings.ts'
import { escapeForEspeak } from '../text.ts'
import type { FromSpeechWorker, ToSpeechWorker } from './protocol.ts'
import { ESPEAK_SAMPLE_RATE_HZ, type SynthVoice } from './synth.ts'

/** What the engine needs of a worker (a browser `Worker`, or an in-process stand-in in Node tests). */
export interface SpeechWorkerPort {
  postMessage(message: ToSpeechWorker): void
  onmessage: ((event: { data: FromSpeechWorker }) => void) | null
  onerror: ((event: { message?: string; preventDefault?: () => void }) => void) | null
  terminate(): void
}

/** An utterance sent to the worker and not yet finished. */
interface InFlight {
  readonly id: number
  readonly text: string
  readonly voice: SynthVoice
  /** Samples already reported: after a restart, the repeated start of the utterance is skipped. */
  received: number
}

/** Restarts allowed in a row without a finished utterance; past it, the engine gives up with a message. */
const MAX_RESTARTS_WITHOUT_PROGRESS = 3

/** Makes the browser's speech worker. */
function createBrowserWorker(): SpeechWorkerPort {
  return new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'speech' }) as unknown as SpeechWorkerPort
}

/** How an espeak engine is set up beyond its worker and data. */
export interface EspeakOptions {
  /** Whether its workers obey `injectCrash` (default false: they ignore it). */
  readonly faults?: boolean
}

/**
 * The espeak-ng engine. `createWorker` and `dataUrl` default to the browser worker and the committed
 * slim data; tests pass their own.
 */
export class EspeakEngine implements TtsEngine {
  private worker: SpeechWorkerPort
  private readonly inFlight: InFlight[] = []
  private restartsWithoutProgress = 0

  constructor(
    private readonly report: (r: EngineReport) => void,
    private readonly createWorker: () => SpeechWorkerPort = createBrowserWorker,
    private readonly dataUrl: string = new URL(slimPackageUrl, location.href).href,
    private readonly options: EspeakOptions = {},
  ) {
    this.worker = this.start()
  }

  speak(request: SpeechRequest, settings: VoiceSettings): void {
    const voice: SynthVoice = { voice: settings.espeakVoice(request.lang), rateWpm: settings.rateWpm, pitch: settings.pitch }
    // espeak-ng reads SSML: markup-like text in a reply is escaped so it is spoken, never interpreted.
    const entry: InFlight = { id: request.id, text: escapeForEspeak(request.text), voice, received: 0 }
    this.inFlight.push(entry)
    this.worker.postMessage({ type: 'speak', id: entry.id, text: entry.text, voice })
  }

  cancel(): void {
    this.inFlight.length = 0
    this.worker.postMessage({ type: 'cancel' })
  }

  /** Fault injection: makes the worker throw (the recovery path), when the engine was made with `faults`. */
  injectCrash(): void {
    this.worker.postMessage({ type: 'crash' })
  }

  dispose(): void {
    this.inFlight.length = 0
    this.worker.onmessage = null
    this.worker.onerror = null
    this.worker.terminate()
  }

  private start(): SpeechWorkerPort {
    const worker = this.createWorker()
    worker.onmessage = (event) => this.receive(event.data)
    worker.onerror = (event) => {
      event.preventDefault?.()
      this.restart(event.message || 'script error')
    }
    worker.postMessage({ type: 'init', dataUrl: this.dataUrl, faults: this.options.faults === true })
    return worker
  }

  /** Replaces a dead worker and sends again every utterance it had not finished, in order. */
  private restart(reason: string): void {
    this.worker.onmessage = null
    this.worker.onerror = null
    this.worker.terminate()
    if (++this.restartsWithoutProgress > MAX_RESTARTS_WITHOUT_PROGRESS) {
      for (const entry of this.inFlight.splice(0)) this.report({ type: 'error', id: entry.id, message: 'The speech engine keeps crashing; this sentence is skipped.' })
      this.restartsWithoutProgress = 0
    }
    this.worker = this.start()
    for (const entry of this.inFlight) this.worker.postMessage({ type: 'speak', id: entry.id, text: entry.text, voice: entry.voice })
    this.report({ type: 'restarted', message: `The speech engine stopped (${reason}) and was restarted; speech goes on.` })
  }

  private receive(message: FromSpeechWorker): void {
    switch (message.type) {
      case 'ready':
        return
      case 'audio': {
        const entry = this.inFlight.find((e) => e.id === message.id)
        if (!entry) return // cancelled
        this.forwardAudio(entry, message)
        return
      }
      case 'end': {
        const at = this.inFlight.findIndex((e) => e.id === message.id)
        if (at < 0) return
        this.inFlight.splice(at, 1)
        this.restartsWithoutProgress = 0
        this.report({ type: 'end', id: message.id, totalSamples: message.totalSamples, sampleRateHz: ESPEAK_SAMPLE_RATE_HZ })
        return
      }
      case 'error':
        if (message.id === null) {
          for (const entry of this.inFlight.splice(0)) this.report({ type: 'error', id: entry.id, message: message.message })
        } else {
          const at = this.inFlight.findIndex((e) => e.id === message.id)
          if (at >= 0) this.inFlight.splice(at, 1)
          this.report({ type: 'error', id: message.id, message: message.message })
        }
    }
  }

  /** Reports the part of a chunk not reported before (a restarted worker repeats an utterance's start). */
  private forwardAudio(entry: InFlight, message: Extract<FromSpeechWorker, { type: 'audio' }>): void {
    const skip = Math.max(0, entry.received - message.offsetSamples)
    if (skip >= message.pcm.length) return
    const offsetSamples = message.offsetSamples + skip
    const fromMs = (offsetSamples * 1000) / ESPEAK_SAMPLE_RATE_HZ
    const pcm = new Float32Array(message.pcm.length - skip)
    for (let i = 0; i < pcm.length; i++) pcm[i] = message.pcm[i + skip] / 32768
    entry.received = offsetSamples + pcm.length
    const marks = skip === 0 ? message.marks : message.marks.filter((m) => m.timeMs >= fromMs)
    this.report({ type: 'audio', id: entry.id, pcm, sampleRateHz: ESPEAK_SAMPLE_RATE_HZ, offsetSamples, marks, timed: true })
  }
}
