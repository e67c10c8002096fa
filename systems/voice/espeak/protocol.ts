// Messages between the page and the speech worker (systems/voice/espeak/worker.ts).
import type { PhonemeMark, SynthVoice } from './synth.ts'

/** Page → worker. */
export type ToSpeechWorker =
  /** Load the slim data package from this address (sent once, first); `faults`: obey `crash`, else ignore it. */
  | { readonly type: 'init'; readonly dataUrl: string; readonly faults: boolean }
  /** Synthesise one utterance; utterances are spoken in the order sent. */
  | { readonly type: 'speak'; readonly id: number; readonly text: string; readonly voice: SynthVoice }
  /** Drop every queued utterance (the one being synthesised, a short piece, still finishes; the page ignores it). */
  | { readonly type: 'cancel' }
  /** Fault injection: throws inside the worker (the crash-recovery path), if `init` allowed faults. */
  | { readonly type: 'crash' }

/** Worker → page. */
export type FromSpeechWorker =
  | { readonly type: 'ready'; readonly loadMs: number }
  /** A chunk of 16-bit PCM at 22,050 Hz (its buffer is transferred). */
  | { readonly type: 'audio'; readonly id: number; readonly pcm: Int16Array; readonly offsetSamples: number; readonly marks: readonly PhonemeMark[] }
  | { readonly type: 'end'; readonly id: number; readonly totalSamples: number }
  | { readonly type: 'error'; readonly id: number | null; readonly message: string }
