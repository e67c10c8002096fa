// The emotion plugin: reply sentences get moods, moods show on the face as they are spoken.
import { Stage, type App, type Plugin } from '../../engine/index.ts'
import { VoiceOutput } from '../voice/index.ts'
import { driveEmotionLayer } from './driveEmotionLayer.ts'
import { createFollowSpeech } from './followSpeech.ts'
import { createInlineTagSource } from './inlineTags.ts'
import { createLexiconSource } from './lexicon.ts'
import { Mood, MoodClock } from './mood.ts'
import { MOOD_SOURCES, MoodSourceError, registerMoodSource } from './moodSource.ts'
import { EmotionSettings } from './settings.ts'
import { createTagSentences } from './tagSentences.ts'

registerMoodSource('inline', () => createInlineTagSource())
registerMoodSource('lexicon', (settings) => createLexiconSource(settings))

/**
 * The host's emotions: uses `EmotionSettings` (inserting the defaults if there is none), makes the
 * mood sources it names, inserts `Mood` and (unless there is one) a `MoodClock` on the voice's audio
 * clock, and adds `tagSentences`, `followSpeech` and `driveEmotionLayer` (update). Needs
 * `DialoguePlugin` and `AvatarPlugin`; add it after `VoicePlugin`, so a sentence's mood is queued
 * after the voice has queued the sentence in the same frame. Read `SentenceMood` and `GestureRequested`.
 */
export const EmotionPlugin: Plugin = {
  name: 'emotion',
  build(app: App) {
    const world = app.world
    const settings = world.tryResource(EmotionSettings) ?? world.insertResource(new EmotionSettings())
    const sources = settings.sources.map((name) => {
      const factory = MOOD_SOURCES.get(name)
      if (!factory) {
        throw new MoodSourceError(`Unknown mood source "${name}" in EmotionSettings.sources; known sources: ${[...MOOD_SOURCES.keys()].join(', ')}. Register it with registerMoodSource before EmotionPlugin builds.`)
      }
      return factory(settings)
    })
    world.insertResource(new Mood(sources))
    if (!world.tryResource(MoodClock)) {
      const output = world.tryResource(VoiceOutput)
      world.insertResource(new MoodClock(output ? () => output.heardTimeS() : null))
    }
    const tagSentences = createTagSentences(world)
    const followSpeech = createFollowSpeech(world)
    app.addSystem(Stage.Update, tagSentences)
    app.addSystem(Stage.Update, followSpeech, { after: [tagSentences] })
    app.addSystem(Stage.Update, driveEmotionLayer, { after: [followSpeech] })
  },
}
