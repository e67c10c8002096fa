// The names the emotion capability speaks in: emotions (VRM 1.0 expression presets) and gestures.

/** What a sentence can feel like; each but `neutral` is the VRM 1.0 expression preset of that name. */
export const Emotion = {
  neutral: 'neutral',
  happy: 'happy',
  sad: 'sad',
  angry: 'angry',
  relaxed: 'relaxed',
  surprised: 'surprised',
} as const

/** One of `Emotion`. */
export type Emotion = (typeof Emotion)[keyof typeof Emotion]

/** The VRM 1.0 presets the `emotion` layer drives, in a fixed order (slots of the mood's weights). `neutral` is the layer released. */
export const EMOTION_PRESETS = ['happy', 'sad', 'angry', 'relaxed', 'surprised'] as const

/** One of `EMOTION_PRESETS`. */
export type EmotionPreset = (typeof EMOTION_PRESETS)[number]

/** Gestures the body's animation player is to know (until it lands, `GestureRequested` has no listener). */
export const GESTURES = ['wave', 'nod', 'shakeHead', 'bow', 'think', 'clap', 'point', 'shrug', 'heartHands', 'surprisedStepBack'] as const

/** One of `GESTURES`. */
export type Gesture = (typeof GESTURES)[number]

/** Gestures by their name lower-cased without `_` and `-` (a model writes `shake_head`, the dialogue lower-cases tags). */
const GESTURE_BY_KEY: ReadonlyMap<string, Gesture> = new Map(GESTURES.map((g) => [nameKey(g), g]))

/** Other words a model uses for an emotion, by the same key. */
const EMOTION_BY_KEY: ReadonlyMap<string, Emotion> = new Map<string, Emotion>([
  ...Object.values(Emotion).map((e) => [e, e] as const),
  ['joy', 'happy'], ['joyful', 'happy'], ['smile', 'happy'], ['laugh', 'happy'], ['excited', 'happy'], ['glad', 'happy'],
  ['sorrow', 'sad'], ['cry', 'sad'], ['upset', 'sad'], ['unhappy', 'sad'],
  ['mad', 'angry'], ['anger', 'angry'], ['annoyed', 'angry'],
  ['calm', 'relaxed'], ['relax', 'relaxed'], ['content', 'relaxed'], ['gentle', 'relaxed'],
  ['surprise', 'surprised'], ['shocked', 'surprised'], ['amazed', 'surprised'], ['wow', 'surprised'],
  ['normal', 'neutral'], ['none', 'neutral'], ['default', 'neutral'],
])

function nameKey(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, '')
}

/** The gesture a name stands for (any case, `_` and `-` ignored), or null when none is known by it. */
export function gestureNamed(name: string): Gesture | null {
  return GESTURE_BY_KEY.get(nameKey(name)) ?? null
}

/** The emotion a name stands for (`happy`, `joy`, `calm`…, any case), or null when none is. */
export function emotionNamed(name: string): Emotion | null {
  return EMOTION_BY_KEY.get(nameKey(name)) ?? null
}
