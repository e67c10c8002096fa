// A studio in miniature for the emotion tests: the hand-built test avatar, the dialogue with a
// scripted backend, optionally the real speech queue with a scripted engine and a manual audio
// clock, and the emotion plugin; everything on a manual clock.
import { App, Stage, type World } from '../../../engine/index.ts'
import { Expression } from '../../../systems/avatar/index.ts'
import { DIALOGUE_BACKENDS, DialoguePlugin, DialogueSettings, ReplyDone, ReplySentence, ReplyToken, ViewerMessage, registerDialogueBackend, type BackendEvent, type ReplyRequest } from '../../../systems/dialogue/index.ts'
import { EmotionPlugin, EmotionSettings, GestureRequested, Mood, MoodClock, SentenceMood, type SentenceMoodInfo } from '../../../systems/emotion/index.ts'
import type { EngineReport, SpeechRequest, TtsEngine } from '../../../systems/voice/index.ts'
import type { SpeechSink } from '../../../systems/voice/player.ts'
import { createQueueSpeech } from '../../../systems/voice/queueSpeech.ts'
import { VoiceSettings } from '../../../systems/voice/settings.ts'
import { Speech, speechInboxes } from '../../../systems/voice/speech.ts'
import { buildTestAvatar, spawnTestAvatar, type TestAvatar } from '../avatar/buildTestAvatar.ts'

/** Frame length of these tests, ms: 25 ms keeps tween times round (300 ms = 12 frames). */
export const FRAME_MS = 25

/** Options; every field documents its default. */
export interface EmotionAppOptions {
  /** Add the speech queue with a scripted engine (default false: no voice, moods show at once). */
  voice?: boolean
  /** Emotion settings (default the defaults). */
  settings?: Partial<EmotionSettings>
}

/** A TTS engine the test drives: it records requests and reports audio when told. */
export class ScriptedEngine implements TtsEngine {
  readonly requests: SpeechRequest[] = []
  constructor(private readonly report: (r: EngineReport) => void) {}
  speak(request: SpeechRequest): void {
    this.requests.push(request)
  }
  cancel(): void {
    this.requests.length = 0
  }
  dispose(): void {}
  /** Reports one second (or `seconds`) of audio for the oldest request and ends it. */
  play(seconds = 1): SpeechRequest {
    const request = this.requests.shift()
    if (!request) throw new Error('ScriptedEngine.play: nothing was asked to be spoken')
    const rate = 1000
    const samples = Math.round(seconds * rate)
    this.report({ type: 'audio', id: request.id, pcm: new Float32Array(samples), sampleRateHz: rate, offsetSamples: 0, marks: [], timed: false })
    this.report({ type: 'end', id: request.id, totalSamples: samples, sampleRateHz: rate })
    return request
  }
}

const silentSink: SpeechSink = { play() {}, stopAll() {} }

/** The app, its avatar's weights, and ways to talk to it. */
export function emotionApp(options: EmotionAppOptions = {}) {
  const avatar: TestAvatar = buildTestAvatar({ lookAt: null })
  const { app, world, entity } = spawnTestAvatar(avatar)
  const requests: ReplyRequest[] = []
  let report: (event: BackendEvent) => void = () => {}
  registerDialogueBackend('scripted', (r) => {
    report = r
    return { load() {}, generate: (q) => requests.push(q), cancel() {}, dispose() {} }
  })
  world.insertResource(new DialogueSettings({ backend: 'scripted' }))
  app.addPlugin(DialoguePlugin)
  const audioClock = { s: 0 }
  let engine: ScriptedEngine | null = null
  if (options.voice) {
    const voice = world.insertResource(new VoiceSettings())
    world.insertResource(new Speech((r) => (engine = new ScriptedEngine(r)), silentSink, { now: () => audioClock.s }, voice, speechInboxes(world)))
    app.addSystem(Stage.Update, createQueueSpeech(world))
    world.insertResource(new MoodClock(() => audioClock.s))
  }
  world.insertResource(new EmotionSettings(options.settings))
  app.addPlugin(EmotionPlugin)

  const seen = { tokens: [] as string[], sentences: [] as { text: string; tags: unknown }[], moods: [] as SentenceMoodInfo[], gestures: [] as string[], done: [] as string[] }
  const readers = { tokens: world.reader(ReplyToken), sentences: world.reader(ReplySentence), moods: world.reader(SentenceMood), gestures: world.reader(GestureRequested), done: world.reader(ReplyDone) }
  const weights = world.get(entity, Expression)!

  /** Steps `frames` frames (default 1) and collects what was sent. */
  function step(frames = 1): void {
    for (let f = 0; f < frames; f++) {
      app.step(FRAME_MS)
      seen.tokens.push(...readers.tokens.read().map((t) => t.text))
      seen.sentences.push(...readers.sentences.read().map((s) => ({ text: s.text, tags: s.tags })))
      seen.moods.push(...readers.moods.read())
      seen.gestures.push(...readers.gestures.read().map((g) => g.name))
      seen.done.push(...readers.done.read().map((d) => d.text))
    }
  }

  /** A viewer asks; returns the reply's id once the backend was asked. */
  function ask(text: string, viewer = 'viewer'): number {
    world.send(ViewerMessage, { viewer, text })
    step()
    return requests[requests.length - 1].id
  }

  /** The backend streams these pieces of reply `id` (delivered at the next frame). */
  function stream(id: number, ...pieces: string[]): void {
    for (const text of pieces) report({ type: 'token', id, text })
  }

  /** The backend finishes reply `id` (`reason` default eos). */
  function finish(id: number, reason: 'eos' | 'cancelled' = 'eos'): void {
    report({ type: 'done', id, result: { text: '', reason, tokens: 1, firstTokenMs: 1, totalMs: 1, promptTokens: 1, droppedTurns: 0, truncatedMessage: false } })
  }

  return {
    app, world: world as World, entity, weights, seen, step, ask, stream, finish, audioClock,
    mood: () => world.resource(Mood),
    engine: () => engine!,
    /** The emotion layer's weight of an expression (NaN-free: 0 when unset). */
    layer: (name: string) => weights.get(name, 'emotion'),
    /** Whether the emotion layer holds the name at all (false: released). */
    holds: (name: string) => { const slot = weights.slotIfKnown(name); return slot >= 0 && !Number.isNaN(weights.layers[1][slot]) },
    resolved: (name: string) => weights.resolved.get(name) ?? Number.NaN,
    dispose() {
      DIALOGUE_BACKENDS.delete('scripted')
      avatar.dispose()
    },
  }
}

export type EmotionTestApp = ReturnType<typeof emotionApp>
