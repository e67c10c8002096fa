// input stage: what the TTS engine produced since the last frame goes onto the audio clock.
import type { World } from '../../engine/index.ts'
import { VoiceOutput } from './output.ts'
import { VoiceSettings } from './settings.ts'
import { Speech } from './speech.ts'

/** Makes the system that drains the engine's reports, schedules their audio, and keeps volume and ducking in step. */
export function createPumpSpeech(): (world: World) => void {
  let appliedVolume = Number.NaN
  let duckedUntilS = 0
  return function pumpSpeech(w: World): void {
    const speech = w.resource(Speech)
    const output = w.resource(VoiceOutput)
    const settings = w.resource(VoiceSettings)
    if (settings.volume !== appliedVolume) {
      appliedVolume = settings.volume
      output.setVolume(settings.volume)
    }
    if (speech.inbox.length === 0) return
    const before = speech.scheduler.endS
    for (const report of speech.inbox.splice(0)) speech.handle(w, report)
    const endS = speech.scheduler.endS
    if (endS > before && endS > duckedUntilS) {
      // Duck from when this speech starts (or now) until it ends; a later chunk moves the release on.
      const fromS = Math.max(output.audioContext.currentTime, Math.min(before, endS))
      output.duck(settings.duckGain, fromS)
      output.duck(1, endS)
      duckedUntilS = endS
    }
  }
}
