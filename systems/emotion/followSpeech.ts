// update stage (after tagSentences): a sentence's mood shows when its sound starts. The voice says
// each reply sentence as one or more utterances, in order, and reports each utterance's start on the
// audio clock (`AudioScheduled`, or `WordSpoken` for engines that play by themselves). This system
// queues each mood behind the utterances its sentence makes and shows it when the first one sounds;
// without a voice, or for a sentence the voice does not say, the mood shows at once.
import { Time, type World } from '../../engine/index.ts'
import { InterruptReply, ReplyDone, ReplyStarted } from '../dialogue/index.ts'
import { AudioScheduled, prepareSpeech, SpeakText, Speech, StopSpeech, VoiceSettings, WordSpoken } from '../voice/index.ts'
import { GestureRequested, SentenceMood, type SentenceMoodInfo } from './events.ts'
import { Mood, MoodClock } from './mood.ts'
import { Emotion, type EmotionPreset } from './presets.ts'
import { EmotionSettings } from './settings.ts'

type MoodEvent = SentenceMoodInfo

/** How many utterances the voice makes of a sentence: its own text preparation, so the two cannot drift. */
const countUtterances = (text: string, maxChunkChars: number): number => prepareSpeech(text, maxChunkChars).length

/** Speech the voice has queued, in its order: a reply sentence's mood (null for `SpeakText`) and how many utterances it makes. */
interface Queued {
  readonly mood: MoodEvent | null
  readonly utterances: number
  /** Utterances of it whose sound has been reported. */
  heard: number
  /** Shown already (its sound started, or the wait ran out). */
  shown: boolean
  /** Frame time it became the first in line, ms (NaN before). */
  firstSinceMs: number
}

/** Makes the system that times each sentence's mood to its sound, releases it after the reply, and sends gestures. */
export function createFollowSpeech(world: World): (world: World) => void {
  const moods = world.reader(SentenceMood)
  const audio = world.reader(AudioScheduled)
  const words = world.reader(WordSpoken)
  const started = world.reader(ReplyStarted)
  const done = world.reader(ReplyDone)
  const interrupts = world.reader(InterruptReply)
  const texts = world.reader(SpeakText)
  const stops = world.reader(StopSpeech)
  const queue: Queued[] = []
  /** Moods whose sound is scheduled, waiting for the audio clock to reach `atS`. */
  const due: { mood: MoodEvent; atS: number }[] = []
  let newestUtterance = 0
  let currentReply = -1
  /** The audio clock time the speech heard so far ends, seconds. */
  let speechEndS = 0
  /** Whether the current reply has ended (its mood is released once its sound has). */
  let replyEnded = false
  let releaseAtMs = Number.NaN

  function clear(): void {
    queue.length = 0
    due.length = 0
  }

  function heard(utteranceId: number, atS: number): void {
    if (utteranceId <= newestUtterance) return // a later chunk of an utterance already heard
    newestUtterance = utteranceId
    // Passed entries; one that makes no sound (an emoji-only sentence) shows as the speech after it starts.
    while (queue.length > 0 && queue[0].heard >= queue[0].utterances) {
      const passed = queue.shift()!
      if (!passed.shown && passed.mood) due.push({ mood: passed.mood, atS })
    }
    const head = queue[0]
    if (!head) return
    head.heard++
    if (head.heard === 1 && !head.shown && head.mood) {
      head.shown = true
      due.push({ mood: head.mood, atS })
    }
    if (head.heard >= head.utterances) queue.shift()
  }

  return function followSpeech(w: World): void {
    const mood = w.resource(Mood)
    const settings = w.resource(EmotionSettings)
    const nowMs = w.resource(Time).elapsedMs
    const clock = w.resource(MoodClock).nowS
    const speech = w.tryResource(Speech)
    const voice = w.tryResource(VoiceSettings)

    // Sound first: it belongs to speech queued before anything read below.
    for (const a of audio.read()) {
      heard(a.utteranceId, a.startS)
      if (a.endS > speechEndS) speechEndS = a.endS
    }
    for (const word of words.read()) heard(word.utteranceId, word.atS)

    // Then what cuts speech, in the voice's own order (systems/voice queueSpeech).
    if (stops.read().length > 0 || interrupts.read().length > 0) {
      clear()
      replyEnded = true
      speechEndS = 0
    }
    for (const s of started.read()) {
      clear()
      currentReply = s.replyId
      replyEnded = false
      releaseAtMs = Number.NaN
      speechEndS = 0
    }
    for (const m of moods.read()) {
      if (m.replyId !== currentReply) {
        if (currentReply !== -1 && m.replyId < currentReply) continue // a replaced reply's late sentence
        currentReply = m.replyId
      }
      const spoken = speech !== undefined && voice !== undefined && voice.speakReplies && speech.replyId === m.replyId
      if (!spoken) {
        show(w, mood, settings, m, nowMs)
        continue
      }
      const utterances = countUtterances(m.text, voice.maxChunkChars)
      queue.push({ mood: m, utterances, heard: 0, shown: false, firstSinceMs: Number.NaN })
    }
    if (speech && voice) {
      for (const t of texts.read()) queue.push({ mood: null, utterances: countUtterances(t.text, voice.maxChunkChars), heard: 0, shown: false, firstSinceMs: Number.NaN })
    }
    let cancelled = false
    for (const d of done.read()) {
      if (d.replyId !== currentReply) continue
      replyEnded = true
      // A cancelled reply's speech is cut (the voice stops it); an error keeps what was already said.
      if (d.reason === 'cancelled') cancelled = true
    }
    if (cancelled) {
      clear()
      replyEnded = true
      speechEndS = 0
    }

    // The first in line: one that makes no sound shows at once; one whose sound is late shows anyway.
    while (queue.length > 0) {
      const head = queue[0]
      if (head.utterances === 0) {
        if (head.mood) show(w, mood, settings, head.mood, nowMs)
        queue.shift()
        continue
      }
      if (head.heard > 0 || head.shown) break
      if (Number.isNaN(head.firstSinceMs)) head.firstSinceMs = nowMs
      if (nowMs - head.firstSinceMs >= settings.voiceWaitMs) {
        head.shown = true
        mood.stats.voiceTimeouts++
        if (head.mood) show(w, mood, settings, head.mood, nowMs)
      }
      break
    }

    // Moods whose sound has started on the audio clock.
    const nowS = clock ? clock() : Infinity
    for (let k = 0; k < due.length; k++) {
      if (due[k].atS > nowS) continue
      show(w, mood, settings, due[k].mood, nowMs)
      due.splice(k--, 1)
    }

    // After the reply and its sound, a hold, then the layer is released.
    if (replyEnded && queue.length === 0 && due.length === 0 && (clock === null || nowS >= speechEndS)) {
      if (Number.isNaN(releaseAtMs)) releaseAtMs = nowMs + settings.releaseHoldMs
      if (nowMs >= releaseAtMs) {
        aim(mood, settings, Emotion.neutral, 0, nowMs)
        mood.replyId = null
        mood.index = -1
        replyEnded = false
        releaseAtMs = Number.NaN
      }
    }
  }
}

/** Shows a sentence's mood: the layer eases to its emotion, and its gesture is sent. */
function show(w: World, mood: Mood, settings: EmotionSettings, m: MoodEvent, nowMs: number): void {
  aim(mood, settings, m.emotion, m.intensity, nowMs)
  mood.replyId = m.replyId
  mood.index = m.index
  if (m.gesture) {
    mood.stats.gestures++
    w.send(GestureRequested, { name: m.gesture })
  }
}

/** Points the tweens at an emotion (neutral: all presets to 0, then the layer is released). */
function aim(mood: Mood, settings: EmotionSettings, emotion: Emotion, intensity: number, nowMs: number): void {
  mood.emotion = emotion
  mood.intensity = emotion === Emotion.neutral ? 0 : intensity
  const preset = emotion === Emotion.neutral ? null : (emotion as EmotionPreset)
  mood.tweens.aim(preset, mood.intensity * settings.strength, nowMs, settings.easeInMs, settings.easeOutMs)
}
