// The one TTS interface: a request in, audio and phoneme timings out through a report callback.
// Engines are registered by name and chosen by `VoiceSettings.engine`.
import type { PhonemeMark } from './espeak/synth.ts'
import type { VoiceSettings } from './settings.ts'
import type { SpeechLang } from './text.ts'

export type { PhonemeMark }

/** What to say: one piece of a reply, in one language. */
export interface SpeechRequest {
  /** Utterance id, unique for the page's life; reports carry it back. */
  readonly id: number
  readonly text: string
  readonly lang: SpeechLang
}

/** What an engine reports, in order per utterance: `audio`… then `end`, or `error`. */
export type EngineReport =
  /** A chunk of PCM for the shared audio graph, with the phonemes that start in it (times in ms from the utterance start). */
  /** `timed`: the engine reports phoneme times for this utterance (false: lip-sync must analyse the sound). */
  | { readonly type: 'audio'; readonly id: number; readonly pcm: Float32Array; readonly sampleRateHz: number; readonly offsetSamples: number; readonly marks: readonly PhonemeMark[]; readonly timed: boolean }
  /** The utterance is complete: `totalSamples` at `sampleRateHz`. */
  | { readonly type: 'end'; readonly id: number; readonly totalSamples: number; readonly sampleRateHz: number }
  /** An engine that plays by itself (Web Speech) started, reached a word, or finished the utterance. */
  | { readonly type: 'external'; readonly id: number; readonly phase: 'start' | 'word' | 'end' }
  /** The utterance failed; `message` is for the performer. The queue goes on with the next one. */
  | { readonly type: 'error'; readonly id: number; readonly message: string }
  /** The engine restarted after a crash (its worker died); pending utterances were sent again. */
  | { readonly type: 'restarted'; readonly message: string }

/** A text-to-speech engine. */
export interface TtsEngine {
  /** Queues an utterance; engines speak them in the order given. */
  speak(request: SpeechRequest, settings: VoiceSettings): void
  /** Drops every queued utterance and stops the one in progress (barge-in). */
  cancel(): void
  dispose(): void
}

/** Makes an engine that reports through `report`; `audioContext` is the shared one (for decoding). */
export type TtsEngineFactory = (report: (r: EngineReport) => void, audioContext: BaseAudioContext) => TtsEngine

/** Engines by name: `espeak` (default, offline), `webspeech` (the browser's voices), `http` (OpenAI-compatible server). */
export const TTS_ENGINES = new Map<string, TtsEngineFactory>()

/** Registers an engine under a name `VoiceSettings.engine` can pick. */
export function registerTtsEngine(name: string, factory: TtsEngineFactory): void {
  TTS_ENGINES.set(name, factory)
}
