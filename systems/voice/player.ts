// Plays PCM chunks at exact AudioContext times on the voice bus, and cuts them all on barge-in.
import type { VoiceOutput } from './output.ts'

/** Where scheduled speech audio goes: the Web Audio graph in the studio, a recorder in tests. */
export interface SpeechSink {
  /** Plays mono `pcm` at `sampleRateHz` starting at `atS` on the audio clock. */
  play(pcm: Float32Array, sampleRateHz: number, atS: number): void
  /** Silences everything scheduled, from `atS` on (a 10 ms fade, so the cut does not click). */
  stopAll(atS: number): void
}

/** Fade applied when speech is cut, in seconds. */
const CUT_FADE_S = 0.01

/** The studio's sink: one AudioBufferSourceNode per chunk into `VoiceOutput.voiceNode`. */
export class WebAudioSink implements SpeechSink {
  private readonly playing = new Set<AudioBufferSourceNode>()
  /** Per-generation gain, so a cut fades only what was playing, not what comes next. */
  private bus: GainNode

  constructor(private readonly output: VoiceOutput) {
    this.bus = this.newBus()
  }

  play(pcm: Float32Array, sampleRateHz: number, atS: number): void {
    const ctx = this.output.audioContext
    // The context resamples a buffer of any rate at playback (espeak's 22,050 Hz included).
    const buffer = ctx.createBuffer(1, pcm.length, sampleRateHz)
    buffer.copyToChannel(pcm as Float32Array<ArrayBuffer>, 0)
    const source = ctx.createBufferSource()
    source.buffer = buffer
    source.connect(this.bus)
    source.onended = () => {
      source.disconnect()
      this.playing.delete(source)
    }
    this.playing.add(source)
    source.start(atS)
  }

  stopAll(atS: number): void {
    const old = this.bus
    old.gain.setValueAtTime(old.gain.value, atS)
    old.gain.linearRampToValueAtTime(0, atS + CUT_FADE_S)
    for (const source of this.playing) source.stop(atS + CUT_FADE_S)
    this.playing.clear()
    this.bus = this.newBus()
    setTimeout(() => old.disconnect(), 500)
  }

  private newBus(): GainNode {
    const bus = this.output.audioContext.createGain()
    bus.connect(this.output.voiceNode)
    return bus
  }
}
