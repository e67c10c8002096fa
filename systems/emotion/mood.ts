// The host's mood now: what the face is heading for, the tweens that get it there, and counts.
import { PresetTweens } from './easing.ts'
import type { MoodSource } from './moodSource.ts'
import { Emotion } from './presets.ts'

/** Counts for tests, the debug overlay and tuning. */
export interface MoodStats {
  /** Reply sentences given a mood. */
  sentences: number
  /** Sentences whose emotion came from each source (`inline`, `lexicon`…) or was `carried`. */
  readonly byOrigin: Record<string, number>
  /** Gestures sent as `GestureRequested`. */
  gestures: number
  /** Gesture names no one knows (not in `GESTURES`), ignored. */
  unknownGestures: number
  /** The latest unknown gesture names (at most 8), for the performer to see what the model tried. */
  readonly unknownGestureNames: string[]
  /** Moods shown without waiting for their sound any longer (`voiceWaitMs` passed). */
  voiceTimeouts: number
}

/** A resource: the mood the face shows or is heading for. */
export class Mood {
  /** The emotion now aimed at (`neutral`: the layer is released or fading out). */
  emotion: Emotion = Emotion.neutral
  /** Its intensity 0..1. */
  intensity = 0
  /** The reply sentence it came from, or null (none yet, or released). */
  replyId: number | null = null
  index = -1
  /** The emotion layer's weights, eased. */
  readonly tweens = new PresetTweens()
  readonly stats: MoodStats = { sentences: 0, byOrigin: {}, gestures: 0, unknownGestures: 0, unknownGestureNames: [], voiceTimeouts: 0 }

  constructor(
    /** The sources asked for each sentence, first wins (made from `EmotionSettings.sources` at build). */
    readonly sources: readonly MoodSource[],
  ) {}
}

/**
 * The audio clock the voice plays on, in seconds (the voice's `heardTimeS`), for showing a mood
 * when its sentence sounds; `nowS` null: there is no voice, moods show when their sentence arrives.
 * A resource; tests insert one with a manual clock before the plugin builds.
 */
export class MoodClock {
  constructor(readonly nowS: (() => number) | null) {}
}
