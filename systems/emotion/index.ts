// The emotion capability's one door: everything not exported here is private to systems/emotion.
export { EmotionPlugin } from './plugin.ts'
export { EmotionSettings } from './settings.ts'
export { Mood, MoodClock, type MoodStats } from './mood.ts'
export { SentenceMood, GestureRequested, type SentenceMoodInfo, type MoodOrigin } from './events.ts'
export { Emotion, EMOTION_PRESETS, GESTURES, emotionNamed, gestureNamed, type EmotionPreset, type Gesture } from './presets.ts'
export { MOOD_SOURCES, registerMoodSource, MoodSourceError, type MoodSource, type MoodSourceFactory, type MoodReading, type MoodSentence } from './moodSource.ts'
export { classifyMood, MIN_SCORE, type LexiconResult } from './lexicon.ts'
export { easeInOut } from './easing.ts'
