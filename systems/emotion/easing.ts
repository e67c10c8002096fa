// Ease in/out of the emotion presets: each preset tweens from where it is to its target along a
// smoothstep, so an expression starts and ends without a jolt and crosses to another in one motion.
import { EMOTION_PRESETS, type EmotionPreset } from './presets.ts'

/** Smoothstep 3t² − 2t³ of t clamped to 0..1: zero slope at both ends. */
export function easeInOut(t: number): number {
  const x = t <= 0 ? 0 : t >= 1 ? 1 : t
  return x * x * (3 - 2 * x)
}

/** The emotion layer's weights over time: one tween per preset (`EMOTION_PRESETS` order). */
export class PresetTweens {
  /** Weight of each preset now (after the latest `sample`). */
  readonly weights = new Float32Array(EMOTION_PRESETS.length)
  private readonly from = new Float32Array(EMOTION_PRESETS.length)
  private readonly to = new Float32Array(EMOTION_PRESETS.length)
  private readonly startMs = new Float64Array(EMOTION_PRESETS.length)
  private readonly durationMs = new Float64Array(EMOTION_PRESETS.length)

  /**
   * Aims at `preset` with `weight` (every other preset at 0; null: all at 0, the layer released),
   * from `nowMs`: a rising preset takes `easeInMs`, a falling one `easeOutMs`. A target already
   * aimed at keeps its tween.
   */
  aim(preset: EmotionPreset | null, weight: number, nowMs: number, easeInMs: number, easeOutMs: number): void {
    for (let p = 0; p < EMOTION_PRESETS.length; p++) {
      const target = EMOTION_PRESETS[p] === preset ? weight : 0
      if (Math.fround(target) === this.to[p]) continue
      this.from[p] = this.weights[p]
      this.to[p] = target
      this.startMs[p] = nowMs
      this.durationMs[p] = target > this.weights[p] ? easeInMs : easeOutMs
    }
  }

  /** Moves every preset to its weight at `nowMs`. */
  sample(nowMs: number): void {
    for (let p = 0; p < EMOTION_PRESETS.length; p++) {
      const d = this.durationMs[p]
      const t = d > 0 ? (nowMs - this.startMs[p]) / d : 1
      this.weights[p] = this.from[p] + (this.to[p] - this.from[p]) * easeInOut(t)
    }
  }

  /** The weight a preset is heading for. */
  target(p: number): number {
    return this.to[p]
  }
}
