// update stage: phonemes scheduled by the voice become viseme keys; the mouth at the audio clock's
// time goes to the `lipsync` layer of every avatar's Expression.
import { defineQuery, type World } from '../../engine/index.ts'
import { Expression } from '../avatar/index.ts'
import { AudioScheduled, PhonemesScheduled, SpeechStopped, VoiceOutput, WordSpoken } from '../voice/index.ts'
import { AudioMouth } from './audioMouth.ts'
import { LipsyncSettings } from './settings.ts'
import { VisemeTimeline } from './timeline.ts'
import { VisemeTrack } from './track.ts'
import { VISEMES, VISEME_COUNT, shape } from './visemes.ts'

/** Avatars whose `lipsync` expression layer the mouth goes to. */
const Speakers = defineQuery({ with: [Expression] })

/** What lip-sync shows now (a resource, read by the studio's debug view and the sync tool). */
export class LipsyncState {
  /** The mouth last written, `VISEMES` order. */
  readonly mouth = new Float32Array(VISEME_COUNT)
  /** The audio clock time it was sampled at, s. */
  timeS = 0
  /** Where the mouth comes from: phoneme times, sound analysis, word boundaries, or nothing. */
  source: 'phonemes' | 'audio' | 'words' | 'idle' = 'idle'
}

/** A word of an engine that plays by itself (Web Speech): the jaw opens briefly. */
const WORD_PULSE = shape({ aa: 0.6, oh: 0.2 })
/** How long a word pulse keeps the mouth open, s. */
const WORD_PULSE_S = 0.16

/** Makes the lip-sync system (its timeline and track live in the closure). */
export function createScheduleVisemes(world: World): (world: World) => void {
  const phonemes = world.reader(PhonemesScheduled)
  const audio = world.reader(AudioScheduled)
  const words = world.reader(WordSpoken)
  const stops = world.reader(SpeechStopped)
  const settings = world.resource(LipsyncSettings)
  const track = new VisemeTrack(new VisemeTimeline(settings.coarticulationMs / 1000))
  const output = world.resource(VoiceOutput)
  const analysed = new AudioMouth(output.voiceTap)
  /** End of the latest timed speech, and of the latest untimed audio, audio clock s. */
  let timedEndS = -Infinity, untimedEndS = -Infinity
  let wroteLayer = false

  return function scheduleVisemes(w: World): void {
    const state = w.resource(LipsyncState)
    const timeline = track.timeline
    timeline.halfWidthS = settings.coarticulationMs / 1000
    for (const s of stops.read()) {
      track.stop(s.atS)
      timedEndS = Math.min(timedEndS, s.atS)
      untimedEndS = Math.min(untimedEndS, s.atS)
    }
    for (const p of phonemes.read()) for (const ph of p.phonemes) track.add(ph.atS, ph.phoneme)
    for (const a of audio.read()) {
      if (a.timed) timedEndS = Math.max(timedEndS, a.endS)
      else untimedEndS = Math.max(untimedEndS, a.endS)
    }
    for (const word of words.read()) {
      timeline.push(word.atS, WORD_PULSE)
      timeline.push(word.atS + WORD_PULSE_S, shape({}))
    }
    const nowS = (settings.syncTo === 'speakers' ? output.heardTimeS() : output.renderedTimeS()) + settings.leadMs / 1000
    // The last phoneme of the speech lasts until its audio ends.
    if (track.holding && nowS >= timedEndS) track.end(timedEndS)

    const mouth = state.mouth
    const untimed = settings.analyseUntimedAudio && nowS < untimedEndS
    if (untimed) {
      analysed.estimate(nowS, mouth)
      state.source = 'audio'
    } else {
      timeline.sample(nowS, mouth)
      state.source = nowS <= timeline.lastTimeS + timeline.halfWidthS ? 'phonemes' : 'idle'
    }
    state.timeS = nowS
    timeline.pruneBefore(nowS)

    const active = state.source !== 'idle'
    if (!active && !wroteLayer) return
    const store = w.store(Expression).value
    const avatars = w.query(Speakers)
    for (let k = 0; k < avatars.count; k++) {
      const weights = store[avatars.ids[k]]!
      for (let v = 0; v < VISEME_COUNT; v++) {
        // Idle: release the layer so mocap or the expression panel show through.
        if (active) weights.set(VISEMES[v], mouth[v] * settings.gain, 'lipsync')
        else weights.unset(VISEMES[v], 'lipsync')
      }
    }
    wroteLayer = active
  }
}
