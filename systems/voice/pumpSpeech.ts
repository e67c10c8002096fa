// input stage: volume and ducking follow the settings and what the voice has scheduled.
import type { World } from '../../engine/index.ts'
import { VoiceOutput } from './output.ts'
import { VoiceSettings } from './settings.ts'
import { Speech } from './speech.ts'

/** Makes the system that keeps volume and ducking in step with the settings and the scheduled speech. */
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
    const endS = speech.scheduler.endS
    if (endS > duckedUntilS) {
      // Duck from now (or when the previous speech ended) until this speech ends; a later chunk moves the release on.
      const fromS = Math.max(output.audioContext.currentTime, duckedUntilS)
      output.duck(settings.duckGain, fromS)
      output.duck(1, endS)
      duckedUntilS = endS
    } else if (endS < duckedUntilS) {
      // A barge-in cut the speech: come back up now.
      output.duck(1, output.audioContext.currentTime)
      duckedUntilS = endS
    }
  }
}
