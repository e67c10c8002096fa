// The voice capability's events: what to say in, what is scheduled on the audio clock out.
import type { SpeechLang } from './text.ts'

import { defineEvent } from '../../engine/index.ts'

/** Speak this text now (after anything already queued), outside any chat reply: tests, the panel's "Say". */
export const SpeakText = defineEvent<{ readonly text: string }>('SpeakText')

/** Stop all speech at once (barge-in), without touching the dialogue. */
export const StopSpeech = defineEvent<{ readonly reason: string }>('StopSpeech')

/** A phoneme and its start on the AudioContext clock, in seconds. */
export interface ScheduledPhoneme {
  readonly atS: number
  /** espeak's phoneme name without stress marks (`a`, `iː`, `tɕ`…), `_` for a pause. */
  readonly phoneme: string
}

/** Phonemes of an utterance, placed on the AudioContext clock as its audio is scheduled. */
export const PhonemesScheduled = defineEvent<{ readonly utteranceId: number; readonly lang: SpeechLang; readonly phonemes: readonly ScheduledPhoneme[] }>('PhonemesScheduled')

/**
 * Audio of an utterance is scheduled from `startS` to `endS` (AudioContext seconds); `timed` says
 * whether its phonemes come as `PhonemesScheduled` (false: audio only, lip-sync analyses the sound).
 * Sent per chunk; a later one for the same utterance extends it.
 */
export const AudioScheduled = defineEvent<{ readonly utteranceId: number; readonly startS: number; readonly endS: number; readonly timed: boolean }>('AudioScheduled')

/** An engine that speaks by itself (Web Speech) reached a word, at `atS` on the AudioContext clock. */
export const WordSpoken = defineEvent<{ readonly utteranceId: number; readonly atS: number }>('WordSpoken')

/** Speech was cut at `atS` (AudioContext seconds): a new reply, an interruption, or `StopSpeech`. */
export const SpeechStopped = defineEvent<{ readonly atS: number; readonly reason: string }>('SpeechStopped')
