// What the solver makes of a face: the anchor's head, eyes and expressions, in the avatar's frame.

/** Expression names motion capture writes, on the `mocap` layer (VRM 1.0 presets). */
export const MOCAP_EXPRESSIONS = ['blink', 'blinkLeft', 'blinkRight', 'aa', 'ih', 'ou', 'ee', 'oh', 'happy', 'surprised', 'angry'] as const
/** One of `MOCAP_EXPRESSIONS`. */
export type MocapExpression = (typeof MOCAP_EXPRESSIONS)[number]
/** The mouth shapes: while lip-sync sets any of them, it owns the whole mouth. */
export const MOUTH_EXPRESSIONS: readonly MocapExpression[] = ['aa', 'ih', 'ou', 'ee', 'oh']

/** Slot of each name in `MocapPose.weights`. */
export const EXPRESSION_SLOT: Readonly<Record<MocapExpression, number>> = Object.fromEntries(
  MOCAP_EXPRESSIONS.map((name, i) => [name, i]),
) as Record<MocapExpression, number>

/**
 * A solved pose in the avatar's own frame (the units and signs of `HeadPose` and `Gaze`): degrees,
 * +yaw to its left, +pitch up, +roll towards its right shoulder; metres, +x its left, +y up, +z forward.
 */
export class MocapPose {
  yawDeg = 0
  pitchDeg = 0
  rollDeg = 0
  x = 0
  y = 0
  z = 0
  gazeYawDeg = 0
  gazePitchDeg = 0
  /** Weight 0..1 per `MOCAP_EXPRESSIONS` name. */
  readonly weights = new Float32Array(MOCAP_EXPRESSIONS.length)

  /** Copies another pose into this one. */
  copyFrom(p: MocapPose): this {
    this.yawDeg = p.yawDeg
    this.pitchDeg = p.pitchDeg
    this.rollDeg = p.rollDeg
    this.x = p.x
    this.y = p.y
    this.z = p.z
    this.gazeYawDeg = p.gazeYawDeg
    this.gazePitchDeg = p.gazePitchDeg
    this.weights.set(p.weights)
    return this
  }

  /** Sets every value to 0 (the rest pose). */
  clear(): this {
    this.yawDeg = this.pitchDeg = this.rollDeg = this.x = this.y = this.z = this.gazeYawDeg = this.gazePitchDeg = 0
    this.weights.fill(0)
    return this
  }

  /** The weight of an expression. */
  weight(name: MocapExpression): number {
    return this.weights[EXPRESSION_SLOT[name]]
  }
}
