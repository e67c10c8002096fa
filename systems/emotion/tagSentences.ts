// update stage: each reply sentence gets a mood from the sources (first wins), or keeps the one before.
import type { World } from '../../engine/index.ts'
import { ReplySentence, ReplyStarted } from '../dialogue/index.ts'
import { SentenceMood } from './events.ts'
import { Mood } from './mood.ts'
import { Emotion, gestureNamed, type Gesture } from './presets.ts'

const NO_TAGS: readonly never[] = []

/** Makes the system that reads `ReplySentence` and sends one `SentenceMood` per sentence. */
export function createTagSentences(world: World): (world: World) => void {
  const started = world.reader(ReplyStarted)
  const sentences = world.reader(ReplySentence)
  // The emotion carried from the previous sentence of the same reply.
  let carriedReply = -1
  let carried: Emotion = Emotion.neutral
  let carriedIntensity = 0
  return function tagSentences(w: World): void {
    for (const s of started.read()) {
      carriedReply = s.replyId
      carried = Emotion.neutral
      carriedIntensity = 0
    }
    const batch = sentences.read()
    if (batch.length === 0) return
    const mood = w.resource(Mood)
    for (const s of batch) {
      if (s.replyId !== carriedReply) {
        carriedReply = s.replyId
        carried = Emotion.neutral
        carriedIntensity = 0
      }
      let emotion: Emotion | null = null, intensity = 0, origin = 'carried', written: string | null = null
      for (const source of mood.sources) {
        const reading = source.read({ text: s.text, tags: s.tags ?? NO_TAGS })
        if (!reading) continue
        if (emotion === null && reading.emotion !== null) {
          emotion = reading.emotion
          intensity = reading.emotion === Emotion.neutral ? 0 : reading.intensity
          origin = source.name
        }
        written ??= reading.gesture
      }
      if (emotion === null) {
        emotion = carried
        intensity = carriedIntensity
      }
      carried = emotion
      carriedIntensity = intensity
      const gesture = written === null ? null : knownGesture(mood, written)
      mood.stats.sentences++
      mood.stats.byOrigin[origin] = (mood.stats.byOrigin[origin] ?? 0) + 1
      w.send(SentenceMood, { replyId: s.replyId, index: s.index, text: s.text, emotion, intensity, gesture, origin })
    }
  }
}

/** The gesture of that name, or null (counted and remembered) when nobody knows it. */
function knownGesture(mood: Mood, name: string): Gesture | null {
  const gesture = gestureNamed(name)
  if (gesture) return gesture
  mood.stats.unknownGestures++
  const names = mood.stats.unknownGestureNames
  names.push(name)
  if (names.length > 8) names.shift()
  return null
}
