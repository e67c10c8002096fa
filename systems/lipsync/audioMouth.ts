// The fallback lip-sync for audio without phoneme times: loudness opens the jaw, and the spectrum's
// balance picks the vowel shape (low energy-weighted frequency → rounded ou/oh, high → spread ih/ee).
import type { VisemeVector } from './visemes.ts'

/** RMS at which the mouth is fully open (full-scale speech peaks near 0.2–0.3 RMS). */
const FULL_OPEN_RMS = 0.12
/** RMS below which the mouth stays closed. */
const SILENCE_RMS = 0.008
/** Smoothing time constants, s: the jaw opens faster than it closes. */
const ATTACK_S = 0.03
const RELEASE_S = 0.08

/** Centroid bands, Hz: below `ROUND_HZ` rounded, above `SPREAD_HZ` spread, between open. */
const ROUND_HZ = 900
const SPREAD_HZ = 2200

/**
 * Estimates a mouth shape from an AnalyserNode each frame. Buffers are allocated once (sized from the
 * analyser), so `estimate` allocates nothing.
 */
export class AudioMouth {
  private readonly wave: Float32Array<ArrayBuffer>
  private readonly spectrum: Float32Array<ArrayBuffer>
  private open = 0
  private lastS = 0

  constructor(private readonly analyser: AnalyserNode) {
    this.wave = new Float32Array(analyser.fftSize)
    this.spectrum = new Float32Array(analyser.frequencyBinCount)
  }

  /** Writes the estimated shape at clock time `nowS` into `out` (`VISEMES` order). */
  estimate(nowS: number, out: Float32Array): void {
    this.analyser.getFloatTimeDomainData(this.wave)
    let sum = 0
    for (let i = 0; i < this.wave.length; i++) sum += this.wave[i] * this.wave[i]
    const rms = Math.sqrt(sum / this.wave.length)
    const target = rms <= SILENCE_RMS ? 0 : Math.min(1, (rms - SILENCE_RMS) / (FULL_OPEN_RMS - SILENCE_RMS))
    const dt = Math.max(0, Math.min(0.1, nowS - this.lastS))
    this.lastS = nowS
    const tau = target > this.open ? ATTACK_S : RELEASE_S
    this.open += (target - this.open) * (1 - Math.exp(-dt / tau))
    const shape = this.vowelShape()
    for (let v = 0; v < 5; v++) out[v] = shape[v] * this.open
  }

  /** The vowel shape from the spectral centroid of the current frame. */
  private vowelShape(): VisemeVector {
    this.analyser.getFloatFrequencyData(this.spectrum)
    const binHz = this.analyser.context.sampleRate / this.analyser.fftSize
    let weighted = 0, total = 0
    for (let i = 1; i < this.spectrum.length; i++) {
      const power = 10 ** (this.spectrum[i] / 10)
      weighted += power * i * binHz
      total += power
    }
    const centroid = total > 0 ? weighted / total : 0
    if (centroid < ROUND_HZ) return ROUNDED
    if (centroid > SPREAD_HZ) return SPREAD
    return OPEN
  }
}

const ROUNDED: VisemeVector = [0.3, 0, 0.5, 0, 0.5]
const OPEN: VisemeVector = [1, 0, 0, 0, 0.1]
const SPREAD: VisemeVector = [0.4, 0.5, 0, 0.4, 0]
