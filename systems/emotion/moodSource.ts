// A mood source: one way of reading how a reply sentence feels. Sources are registered by name and
// chosen, in priority order, by `EmotionSettings.sources`.
import type { Emotion } from './presets.ts'
import type { EmotionSettings } from './settings.ts'

/** A reply sentence as a source sees it: its text (tags already removed) and the stage tags written in it. */
export interface MoodSentence {
  readonly text: string
  readonly tags: readonly { readonly key: string | null; readonly name: string }[]
}

/** What a source read in a sentence; either part may be missing (null). */
export interface MoodReading {
  /** The emotion, or null when this source found none (the next source is asked). */
  readonly emotion: Emotion | null
  /** How strongly, 0..1 (ignored when `emotion` is null). */
  readonly intensity: number
  /** A gesture name as written (checked against `GESTURES` later), or null. */
  readonly gesture: string | null
}

/** One way of reading a sentence's mood. */
export interface MoodSource {
  /** The name it is registered under. */
  readonly name: string
  /** Reads one sentence; null when it has nothing to say. Deterministic: the same sentence gives the same reading. */
  read(sentence: MoodSentence): MoodReading | null
}

/** Makes a source (once, when the plugin builds); it may keep the settings and read them on each sentence. */
export type MoodSourceFactory = (settings: EmotionSettings) => MoodSource

/** Mood sources by name; `inline` and `lexicon` are registered by the plugin's module. */
export const MOOD_SOURCES = new Map<string, MoodSourceFactory>()

/** Registers (or replaces) a mood source; do it before the plugin builds, then name it in `EmotionSettings.sources`. */
export function registerMoodSource(name: string, factory: MoodSourceFactory): void {
  MOOD_SOURCES.set(name, factory)
}

/** Thrown for a source name nobody registered. */
export class MoodSourceError extends Error {
  override readonly name = 'MoodSourceError'
}
