import { Vector3 } from '@babylonjs/core/Maths/math.vector'
import { afterEach, describe, expect, it } from 'vitest'
import { Expression, Gaze, HeadPose, type ExpressionWeights } from '../../../systems/avatar/index.ts'
import { buildTestAvatar, spawnTestAvatar, type TestAvatar } from './buildTestAvatar.ts'
import { angleDeg, tracker } from './pose.ts'

const FRAME_MS = 1000 / 60
const UP = new Vector3(0, 1, 0)
let avatar: TestAvatar

afterEach(() => avatar.dispose())

/** Yaw (towards the avatar's left) and pitch (up) of each eye after one frame with this gaze, degrees. */
function eyeAngles(gaze: { yawDeg: number; pitchDeg: number }, headYawDeg = 0) {
  avatar = buildTestAvatar({ lookAt: 'bone', twistedBones: true })
  const left = tracker(avatar.bones.get('leftEye')!)
  const right = tracker(avatar.bones.get('rightEye')!)
  const { app, world, entity } = spawnTestAvatar(avatar)
  world.add(entity, Gaze, gaze)
  world.add(entity, HeadPose, { yawDeg: headYawDeg })
  app.step(FRAME_MS)
  const F = avatar.forward, L = avatar.left
  const l = left(F), r = right(F)
  return {
    leftYaw: angleDeg(l, F, L), rightYaw: angleDeg(r, F, L),
    leftPitch: (Math.asin(Vector3.Dot(l, UP)) * 180) / Math.PI,
    rightPitch: (Math.asin(Vector3.Dot(r, UP)) * 180) / Math.PI,
  }
}

// The test avatar's range maps reach 10° inward, 8° outward, 12° down and 15° up at 90° of gaze.
describe('bone look-at', () => {
  it('turns the left eye outward and the right eye inward when looking left', () => {
    const a = eyeAngles({ yawDeg: 45, pitchDeg: 0 })
    expect(a.leftYaw).toBeCloseTo(4, 4) // outer: 8 × 45/90
    expect(a.rightYaw).toBeCloseTo(5, 4) // inner: 10 × 45/90
    expect(a.leftPitch).toBeCloseTo(0, 4)
  })

  it('turns the left eye inward and the right eye outward when looking right', () => {
    const a = eyeAngles({ yawDeg: -45, pitchDeg: 0 })
    expect(a.leftYaw).toBeCloseTo(-5, 4)
    expect(a.rightYaw).toBeCloseTo(-4, 4)
  })

  it('maps up and down with their own range maps', () => {
    const up = eyeAngles({ yawDeg: 0, pitchDeg: 45 })
    expect(up.leftPitch).toBeCloseTo(7.5, 4)
    expect(up.rightPitch).toBeCloseTo(7.5, 4)
    avatar.dispose()
    const down = eyeAngles({ yawDeg: 0, pitchDeg: -30 })
    expect(down.leftPitch).toBeCloseTo(-4, 4)
  })

  it('clamps the input at inputMaxValue', () => {
    const a = eyeAngles({ yawDeg: 170, pitchDeg: -120 })
    expect(a.leftYaw).toBeCloseTo(8, 3)
    expect(a.rightYaw).toBeCloseTo(10, 3)
    expect(a.leftPitch).toBeCloseTo(-12, 3)
  })

  it('aims relative to the head', () => {
    const a = eyeAngles({ yawDeg: 45, pitchDeg: 0 }, 30)
    expect(a.leftYaw).toBeCloseTo(34, 3)
    expect(a.rightYaw).toBeCloseTo(35, 3)
  })
})

describe('expression look-at', () => {
  function look(gaze: { yawDeg: number; pitchDeg: number }, before?: (weights: ExpressionWeights) => void) {
    avatar = buildTestAvatar({ lookAt: 'expression' })
    const eyeAtRest = tracker(avatar.bones.get('leftEye')!)
    const { app, world, entity } = spawnTestAvatar(avatar)
    const weights = world.get(entity, Expression)!
    before?.(weights)
    world.add(entity, Gaze, gaze)
    app.step(FRAME_MS)
    const w = (name: string): number => weights.resolved.get(name)!
    return { w, influence: (name: string) => avatar.morphs.get(name)!.influence, eye: eyeAtRest(avatar.forward) }
  }

  it('sets lookRight for a gaze to the right, through the mixer to the morph target', () => {
    const { w, influence, eye } = look({ yawDeg: -15, pitchDeg: 0 })
    expect(w('lookRight')).toBeCloseTo(0.5, 5) // 1 × 15/30
    expect(w('lookLeft')).toBe(0)
    expect(influence('lookRight')).toBeCloseTo(0.5, 5)
    // No eye bones turn for an expression look-at.
    expect(eye.z).toBeCloseTo(avatar.forward.z, 6)
  })

  it('sets lookLeft and lookDown together and clamps at 1', () => {
    const a = look({ yawDeg: 20, pitchDeg: -6 })
    expect(a.w('lookLeft')).toBeCloseTo(2 / 3, 5)
    expect(a.w('lookDown')).toBeCloseTo(0.2, 5)
    expect(a.w('lookUp')).toBe(0)
    avatar.dispose()
    expect(look({ yawDeg: 0, pitchDeg: 50 }).w('lookUp')).toBe(1)
  })

  it('gives way to an expression that blocks look-at', () => {
    const { w } = look({ yawDeg: -15, pitchDeg: 0 }, (weights) => weights.set('surprised', 1, 'emotion'))
    expect(w('lookRight')).toBe(0)
  })

  it('gives way to a look weight set on a higher layer', () => {
    const { w } = look({ yawDeg: -15, pitchDeg: 0 }, (weights) => weights.set('lookRight', 0.9, 'mocap'))
    expect(w('lookRight')).toBeCloseTo(0.9, 5)
  })
})
