// Eye direction → the avatar: a small strategy interface with a bone and an expression
// implementation, registered by VRM 1.0 `lookAt.type`.
import type { ExpressionWeights } from './expressionWeights.ts'
import type { LookAtConfig, RangeMap } from './model.ts'
import type { BoneDriver } from './pose.ts'

/** Turns the eyes by a yaw and pitch in degrees relative to the head (+yaw to the avatar's left, +pitch up). */
export interface LookAtApplier {
  /** Applies the eye direction, in degrees. */
  apply(yawDeg: number, pitchDeg: number): void
}

/** What an applier may drive. */
export interface LookAtTargets {
  readonly config: LookAtConfig
  readonly leftEye: BoneDriver | null
  readonly rightEye: BoneDriver | null
  readonly weights: ExpressionWeights
  /** The avatar's expression names (an applier sets only those the avatar has). */
  readonly expressionNames: ReadonlySet<string>
}

/** VRM 1.0 range map: the input angle is clamped to `inputMaxValue`, then scaled to `outputScale`. */
export function mapRange(map: RangeMap, inputDeg: number): number {
  if (map.inputMaxValue <= 0) return 0
  const t = inputDeg / map.inputMaxValue
  return map.outputScale * (t < 0 ? 0 : t > 1 ? 1 : t)
}

/**
 * Rotates the leftEye and rightEye bones (VRM `lookAt.type: bone`); range maps give degrees.
 * Looking to the avatar's left moves its left eye outward and its right eye inward.
 */
export class BoneLookAtApplier implements LookAtApplier {
  constructor(private readonly targets: LookAtTargets) {}

  apply(yawDeg: number, pitchDeg: number): void {
    const { config, leftEye, rightEye } = this.targets
    const pitch = pitchDeg < 0 ? -mapRange(config.rangeMapVerticalDown, -pitchDeg) : mapRange(config.rangeMapVerticalUp, pitchDeg)
    if (leftEye) {
      const yaw = yawDeg < 0 ? -mapRange(config.rangeMapHorizontalInner, -yawDeg) : mapRange(config.rangeMapHorizontalOuter, yawDeg)
      leftEye.rotate(yaw, pitch, 0)
    }
    if (rightEye) {
      const yaw = yawDeg < 0 ? -mapRange(config.rangeMapHorizontalOuter, -yawDeg) : mapRange(config.rangeMapHorizontalInner, yawDeg)
      rightEye.rotate(yaw, pitch, 0)
    }
  }
}

/**
 * Sets lookUp/lookDown/lookLeft/lookRight (VRM `lookAt.type: expression`); range maps give weights,
 * horizontal ones from `rangeMapHorizontalOuter` as the spec says. They go on the `idle` layer,
 * the lowest, so any source that sets a look expression itself wins, and overrideLookAt applies.
 */
export class ExpressionLookAtApplier implements LookAtApplier {
  constructor(private readonly targets: LookAtTargets) {}

  apply(yawDeg: number, pitchDeg: number): void {
    const { config } = this.targets
    this.set('lookUp', pitchDeg > 0 ? mapRange(config.rangeMapVerticalUp, pitchDeg) : 0)
    this.set('lookDown', pitchDeg < 0 ? mapRange(config.rangeMapVerticalDown, -pitchDeg) : 0)
    this.set('lookLeft', yawDeg > 0 ? mapRange(config.rangeMapHorizontalOuter, yawDeg) : 0)
    this.set('lookRight', yawDeg < 0 ? mapRange(config.rangeMapHorizontalOuter, -yawDeg) : 0)
  }

  private set(name: string, weight: number): void {
    if (this.targets.expressionNames.has(name)) this.targets.weights.set(name, weight, 'idle')
  }
}

/** Look-at appliers by VRM `lookAt.type`. */
export const LOOK_AT_APPLIERS: Readonly<Record<LookAtConfig['type'], (targets: LookAtTargets) => LookAtApplier>> = {
  bone: (targets) => new BoneLookAtApplier(targets),
  expression: (targets) => new ExpressionLookAtApplier(targets),
}
