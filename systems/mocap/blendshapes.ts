// MediaPipe FaceLandmarker blendshapes (ARKit names, the performer's left and right) → the
// expression weights motion capture writes. Used when the tasks-vision tracker gives them.
import { EXPRESSION_SLOT } from './pose.ts'

/** The blendshapes the mapping reads, in the order trackers pack them into a Float32Array. */
export const BLENDSHAPE_NAMES = [
  'eyeBlinkLeft', 'eyeBlinkRight', 'jawOpen', 'mouthFunnel', 'mouthPucker',
  'mouthSmileLeft', 'mouthSmileRight', 'mouthStretchLeft', 'mouthStretchRight',
  'browInnerUp', 'browOuterUpLeft', 'browOuterUpRight', 'browDownLeft', 'browDownRight',
] as const

const B = Object.fromEntries(BLENDSHAPE_NAMES.map((n, i) => [n, i])) as Record<(typeof BLENDSHAPE_NAMES)[number], number>

/**
 * Writes performer-frame expression weights (blinkLeft is the performer's left eye) from packed
 * blendshapes into `weights` (slots of `MOCAP_EXPRESSIONS`). Visemes follow the same rules as the
 * landmark path (see `mapMouth` in solver.ts): jaw opening, lip rounding (funnel, pucker), spreading (stretch).
 */
export function expressionsFromBlendshapes(bs: Float32Array, weights: Float32Array, mapMouth: (open: number, round: number, spread: number, out: Float32Array) => void): void {
  weights[EXPRESSION_SLOT.blinkLeft] = bs[B.eyeBlinkLeft]
  weights[EXPRESSION_SLOT.blinkRight] = bs[B.eyeBlinkRight]
  const round = Math.max(bs[B.mouthFunnel], bs[B.mouthPucker])
  const spread = (bs[B.mouthStretchLeft] + bs[B.mouthStretchRight]) / 2
  mapMouth(bs[B.jawOpen], round, spread, weights)
  weights[EXPRESSION_SLOT.happy] = (bs[B.mouthSmileLeft] + bs[B.mouthSmileRight]) / 2
  weights[EXPRESSION_SLOT.surprised] = Math.max(bs[B.browInnerUp], (bs[B.browOuterUpLeft] + bs[B.browOuterUpRight]) / 2)
  weights[EXPRESSION_SLOT.angry] = (bs[B.browDownLeft] + bs[B.browDownRight]) / 2
}
