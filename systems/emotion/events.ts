// The emotion capability's events: each reply sentence's mood out, and the gestures for the body.
import { defineEvent } from '../../engine/index.ts'
import type { Emotion, Gesture } from './presets.ts'

/** Where a sentence's mood came from: a mood source's name (`inline`, `lexicon`…), or `carried` from the sentence before. */
export type MoodOrigin = string

/** What `SentenceMood` carries. */
export interface SentenceMoodInfo {
  readonly replyId: number
  /** The sentence's `index` in its reply, as in `ReplySentence`. */
  readonly index: number
  /** The sentence as the voice says it (stage tags removed). */
  readonly text: string
  /** The emotion the face shows while it is spoken: carried from the sentence before when nothing tagged this one. */
  readonly emotion: Emotion
  /** 0..1 (0 for `neutral`). */
  readonly intensity: number
  /** A known gesture, or null (unknown names are counted in `Mood.stats` and dropped). */
  readonly gesture: Gesture | null
  readonly origin: MoodOrigin
}

/** The mood of one reply sentence, decided when the sentence arrives (it shows when the sentence sounds). */
export const SentenceMood = defineEvent<SentenceMoodInfo>('SentenceMood')

/** The host is to make a gesture now (as its sentence starts to sound); for the body's animation player. */
export const GestureRequested = defineEvent<{ readonly name: Gesture }>('GestureRequested')
