// The voice as tests (and the voice and A/V sync benchmarks) see it: the queue and the audio clock as
// plain values, speaking and stopping, and the speech worker's crash fault (honoured by the worker
// only under the test flag).
import type { World } from '../../../engine/index.ts'
import { EspeakEngine, SpeakText, Speech, VoiceOutput, registerTtsEngine, type SpeechStats } from '../../../systems/voice/index.ts'

/** The voice now, as plain values. */
export interface VoiceSnapshot {
  /** Something is queued, being synthesised or playing. */
  readonly busy: boolean
  /** Utterances queued and not yet finished. */
  readonly pending: number
  /** Scheduled audio is playing now. */
  readonly speaking: boolean
  /** Where the scheduled audio ends and where the audio clock is, seconds of the AudioContext. */
  readonly endS: number
  readonly audioTimeS: number
  /** The AudioContext runs (false while the browser blocks sound). */
  readonly running: boolean
  readonly stats: SpeechStats
}

/** The voice's hooks: `window.__genanchor.voice`. */
export interface VoiceTestHooks {
  snapshot(): VoiceSnapshot
  /** Speaks `text` as `SpeakText` does (read in the next frame, like the panel's Say). */
  say(text: string): void
  /** Queues `text` straight into the speech queue, skipping the frame (the TTS path alone, for the bench). */
  speakNow(text: string): void
  /** Stops and drops everything, as the panel's Stop does. */
  stop(): void
  /** Resumes the AudioContext (as a click on "enable sound" does). */
  unlock(): Promise<void>
  /** Suspends the AudioContext, where a browser that blocks autoplay leaves it. */
  suspend(): Promise<void>
  /** Makes the espeak worker crash (the engine must restart it and go on). */
  crashWorker(): void
  /** The end of the audio graph, for a test's level probe: the shared context and its master output. */
  audioGraph(): { readonly context: AudioContext; readonly output: AudioNode }
  /** A stream of everything audible (the master bus), for recordings. */
  recordingStream(): MediaStream
}

/** Makes the espeak engine start its workers with fault injection allowed; call before the voice plugin builds. */
export function allowVoiceFaults(): void {
  registerTtsEngine('espeak', (report) => new EspeakEngine(report, undefined, undefined, { faults: true }))
}

/** Makes the voice's hooks over `world`. */
export function voiceHooks(world: World): VoiceTestHooks {
  const speech = world.resource(Speech)
  const output = world.resource(VoiceOutput)
  return {
    snapshot: () => ({
      busy: speech.busy, pending: speech.pending, speaking: speech.scheduler.speaking, endS: speech.scheduler.endS,
      audioTimeS: output.audioContext.currentTime, running: output.running, stats: { ...speech.stats },
    }),
    say: (text) => world.send(SpeakText, { text }),
    speakNow: (text) => void speech.say(text),
    stop: () => speech.stop(world, 'test hook'),
    unlock: () => output.unlock(),
    suspend: () => output.audioContext.suspend(),
    crashWorker() {
      const engine = speech.engine
      if (engine instanceof EspeakEngine) engine.injectCrash()
    },
    audioGraph: () => ({ context: output.audioContext, output: output.outputNode }),
    recordingStream: () => output.createRecordingStream(),
  }
}
