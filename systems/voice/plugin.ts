// The voice plugin: the shared audio output, the TTS engine chosen by settings, the speech queue.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { TTS_ENGINES, registerTtsEngine, type EngineReport, type TtsEngine } from './engine.ts'
import { EspeakEngine } from './espeak/espeakEngine.ts'
import { HttpSpeechEngine } from './httpEngine.ts'
import { VoiceOutput } from './output.ts'
import { WebAudioSink } from './player.ts'
import { createPumpSpeech } from './pumpSpeech.ts'
import { createQueueSpeech } from './queueSpeech.ts'
import { VoiceSettings } from './settings.ts'
import { Speech, speechInboxes } from './speech.ts'
import { WebSpeechEngine } from './webSpeechEngine.ts'

registerTtsEngine('espeak', (report) => new EspeakEngine(report))
registerTtsEngine('webspeech', (report) => new WebSpeechEngine(report))
registerTtsEngine('http', (report, audioContext) => new HttpSpeechEngine(report, audioContext))

/** Thrown for an engine name nobody registered. */
export class VoiceEngineError extends Error {
  override readonly name = 'VoiceEngineError'
}

/** The registered factory for `name`, bound to the shared AudioContext. */
function engineMaker(name: string, output: VoiceOutput): (report: (r: EngineReport) => void) => TtsEngine {
  const factory = TTS_ENGINES.get(name)
  if (!factory) throw new VoiceEngineError(`Unknown voice engine "${name}"; known engines: ${[...TTS_ENGINES.keys()].join(', ')}.`)
  return (report) => factory(report, output.audioContext)
}

/**
 * The host's voice: uses `VoiceSettings` (inserting the defaults if there is none), inserts
 * `VoiceOutput` (the shared AudioContext and buses) and `Speech` (the queue), and adds
 * `pumpSpeech` (input) and `queueSpeech` (update). Replies from the dialogue are spoken sentence
 * by sentence; send `SpeakText` / `StopSpeech` to speak or stop directly.
 */
export const VoicePlugin: Plugin = {
  name: 'voice',
  build(app: App) {
    const world = app.world
    const settings = world.tryResource(VoiceSettings) ?? world.insertResource(new VoiceSettings())
    const output = world.insertResource(new VoiceOutput())
    const clock = { now: () => output.audioContext.currentTime }
    world.insertResource(new Speech(engineMaker(settings.engine, output), new WebAudioSink(output), clock, settings, speechInboxes(world)))
    app.addSystem(Stage.Input, createPumpSpeech())
    app.addSystem(Stage.Update, createQueueSpeech(world))
  },
  cleanup(app: App) {
    app.world.resource(Speech).engine.dispose()
  },
}

/** Switches the TTS engine (stops current speech first); throws `VoiceEngineError` for an unknown name. */
export function setVoiceEngine(world: World, name: string): void {
  const make = engineMaker(name, world.resource(VoiceOutput))
  const speech = world.resource(Speech)
  speech.stop(world, 'engine changed')
  speech.useEngine(make)
  world.resource(VoiceSettings).engine = name
}
