// The shared audio output: howler's AudioContext and master bus, with a voice bus, a ducked
// background bus, a tap for analysis and recording, and the autoplay unlock.
import { Howler } from 'howler'

/**
 * The audio graph every sound of the studio goes through, on one AudioContext (howler's, in Web
 * Audio mode, auto-suspend off):
 *
 *     voice ─┬────────────► outputNode (Howler.masterGain) ─► speakers
 *            └► voiceTap (AnalyserNode)      ▲
 *     background ─(ducked while speaking)────┘      Howls play into outputNode too
 *
 * For recording or streaming the whole mix, use `createRecordingStream()` (a
 * MediaStreamAudioDestinationNode fed from `outputNode`), or connect `outputNode` yourself.
 */
export class VoiceOutput {
  /** The one AudioContext (howler's `Howler.ctx`); its clock schedules speech and lip-sync. */
  readonly audioContext: AudioContext
  /** The master bus (`Howler.masterGain`): everything audible passes through it. Its gain is howler's master volume. */
  readonly outputNode: GainNode
  /** The host's voice; its gain is `VoiceSettings.volume`. Connect other speech sources here. */
  readonly voiceNode: GainNode
  /** Music and effects that should duck under speech: connect them here. */
  readonly backgroundNode: GainNode
  /** An analyser on the voice (after volume), for the audio-driven lip-sync and level meters. */
  readonly voiceTap: AnalyserNode
  private latestTimestamp: AudioTimestamp = { contextTime: 0, performanceTime: 0 }

  constructor() {
    // Our own unlock control replaces howler's: its auto-unlock may close and recreate the context
    // (to fix a mobile Safari sample-rate bug), which would orphan every node built on it.
    Howler.autoUnlock = false
    Howler.autoSuspend = false
    // Reading the volume makes howler create its context and master gain if it has not yet.
    Howler.volume(Howler.volume())
    if (!Howler.usingWebAudio || !Howler.ctx || !Howler.masterGain) throw new Error('This browser has no Web Audio: the host cannot speak here.')
    this.audioContext = Howler.ctx
    this.outputNode = Howler.masterGain
    this.voiceNode = this.audioContext.createGain()
    this.backgroundNode = this.audioContext.createGain()
    this.voiceTap = this.audioContext.createAnalyser()
    this.voiceTap.fftSize = 1024
    this.voiceNode.connect(this.outputNode)
    this.voiceNode.connect(this.voiceTap)
    this.backgroundNode.connect(this.outputNode)
  }

  /** True once the browser lets the context play (after a user gesture where autoplay is blocked). */
  get running(): boolean {
    return this.audioContext.state === 'running'
  }

  /** Asks the browser to let audio play; call it from a click or key handler. */
  async unlock(): Promise<void> {
    if (this.audioContext.state !== 'running') await this.audioContext.resume()
  }

  /**
   * The audio clock time of the sound leaving the speakers now, in seconds: the context time of
   * `getOutputTimestamp()` moved on by the wall time since it was taken, so it advances smoothly
   * between the context's coarse updates. Stands still while the context is suspended.
   */
  heardTimeS(): number {
    const ctx = this.audioContext
    if (ctx.state !== 'running') return ctx.currentTime
    const stamp = ctx.getOutputTimestamp?.()
    if (stamp && stamp.contextTime !== undefined && stamp.performanceTime !== undefined && stamp.performanceTime > 0) this.latestTimestamp = stamp
    const { contextTime, performanceTime } = this.latestTimestamp
    if (!performanceTime) return ctx.currentTime
    return Math.min(ctx.currentTime, contextTime! + (performance.now() - performanceTime) / 1000)
  }

  /**
   * The audio clock time of the sound being rendered now, in seconds: what a recording or a stream
   * taken from `outputNode` carries at this moment. It is `heardTimeS()` plus the output latency
   * (`baseLatency + outputLatency`, 40 ms in headless Chromium here), smooth like it.
   */
  renderedTimeS(): number {
    const ctx = this.audioContext
    if (ctx.state !== 'running') return ctx.currentTime
    return Math.min(ctx.currentTime + 0.05, this.heardTimeS() + (ctx.baseLatency ?? 0) + (ctx.outputLatency ?? 0))
  }

  /** A MediaStream carrying everything audible (the master bus), for MediaRecorder or a broadcast. */
  createRecordingStream(): MediaStream {
    const destination = this.audioContext.createMediaStreamDestination()
    this.outputNode.connect(destination)
    return destination.stream
  }

  /** Sets the voice volume (0–1) with a short ramp, so it never clicks. */
  setVolume(volume: number): void {
    this.voiceNode.gain.setTargetAtTime(Math.min(1, Math.max(0, volume)), this.audioContext.currentTime, 0.02)
  }

  /** Ramps the background bus to `gain` from `atS` (ducking down fast, coming back slowly). */
  duck(gain: number, atS: number): void {
    const param = this.backgroundNode.gain
    param.cancelScheduledValues(atS)
    param.setTargetAtTime(gain, atS, gain < param.value ? 0.03 : 0.25)
  }
}
