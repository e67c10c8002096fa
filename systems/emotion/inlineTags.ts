// The `inline` mood source: the stage tags the model wrote (`[happy]`, `[emotion:sad]`, `[gesture:wave]`,
// `<happy>`), which the dialogue removed from the text and handed on with the sentence.
import type { MoodReading, MoodSentence, MoodSource } from './moodSource.ts'
import { emotionNamed, gestureNamed, type Emotion } from './presets.ts'

/** Keys that say a tag is an emotion (`[emotion:happy]`); a tag without a key is tried as both. */
const EMOTION_KEYS = new Set(['emotion', 'mood', 'face', 'expression', 'feel', 'feeling', 'emo'])
/** Keys that say a tag is a gesture (`[gesture:wave]`). */
const GESTURE_KEYS = new Set(['gesture', 'action', 'motion', 'anim', 'animation', 'pose', 'body'])

/**
 * Reads the sentence's stage tags: the last emotion tag wins (a model correcting itself writes the
 * later one), and the first gesture. An unknown gesture name is passed on as written, so it is
 * counted and ignored where gestures are checked; other unknown tags are ignored. Intensity 1.
 */
export function createInlineTagSource(): MoodSource {
  return {
    name: 'inline',
    read(sentence: MoodSentence): MoodReading | null {
      let emotion: Emotion | null = null
      let gesture: string | null = null
      for (const { key, name } of sentence.tags) {
        if (key === null || EMOTION_KEYS.has(key)) emotion = emotionNamed(name) ?? emotion
        if (gesture === null && (GESTURE_KEYS.has(key ?? '') || (key === null && gestureNamed(name) !== null))) gesture = name
      }
      return emotion === null && gesture === null ? null : { emotion, intensity: 1, gesture }
    },
  }
}
