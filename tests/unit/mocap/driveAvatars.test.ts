// The mocap systems on the real avatar systems (test avatar on Babylon's NullEngine, manual clock).
import { afterEach, describe, expect, it } from 'vitest'
import { Time } from '../../../engine/index.ts'
import { Expression, HeadPose, IdleLife } from '../../../systems/avatar/index.ts'
import { lipSyncOwnsMouth } from '../../../systems/mocap/driveAvatars.ts'
import { FaceTracked, Mocap, MocapPlugin, MocapStatus } from '../../../systems/mocap/index.ts'
import { buildTestAvatar, spawnTestAvatar, type TestAvatar } from '../avatar/buildTestAvatar.ts'
import { syntheticFace, type SyntheticFaceOptions } from './syntheticFace.ts'

const FRAME_MS = 1000 / 60
let avatar: TestAvatar

afterEach(() => avatar.dispose())

/** The test avatar with idle life and mocap, the camera taken as running (status searching). */
function setup() {
  avatar = buildTestAvatar({ lookAt: null })
  const spawned = spawnTestAvatar(avatar, { idle: true, seed: 3 })
  spawned.app.addPlugin(MocapPlugin)
  const mocap = spawned.world.resource(Mocap)
  mocap.setStatus(MocapStatus.searching, 'camera running')
  const weights = spawned.world.get(spawned.entity, Expression)!
  /** Steps one frame, with a tracked face posted to the inbox when given. */
  const step = (face?: SyntheticFaceOptions) => {
    if (face) spawned.world.inbox(FaceTracked).post({ face: { ...syntheticFace(face), blendshapes: null }, capturedMs: spawned.world.resource(Time).elapsedMs, detectMs: 1 })
    spawned.app.step(FRAME_MS)
  }
  return { ...spawned, mocap, weights, step }
}

describe('motion capture driving the avatar', () => {
  it('turns the head with the performer and keeps idle sway out while tracking', () => {
    const { world, index, mocap, step } = setup()
    for (let k = 0; k < 60; k++) step({ yawDeg: 20 })
    expect(mocap.status).toBe(MocapStatus.tracking)
    expect(mocap.weight).toBe(1)
    // Mirrored by default: the performer turns to their left, the anchor to its right.
    expect(world.store(HeadPose).yawDeg[index]).toBeCloseTo(-20, 0)
    expect(world.store(IdleLife).headYawDeg[index]).toBeCloseTo(0, 6)
  })

  it('eases back to rest and idle life after the face is lost, then hands the mocap layer back', () => {
    const { world, index, mocap, weights, step } = setup()
    for (let k = 0; k < 30; k++) step({ yawDeg: 20, rightLidPx: 1 })
    expect(weights.get('blinkLeft', 'mocap')).toBe(1)
    for (let k = 0; k < 20; k++) step() // 333 ms without a face: lost after 250 ms
    expect(mocap.status).toBe(MocapStatus.searching)
    expect(Math.abs(world.store(HeadPose).yawDeg[index])).toBeLessThan(20)
    expect(Math.abs(world.store(HeadPose).yawDeg[index])).toBeGreaterThan(0)
    for (let k = 0; k < 120; k++) step()
    expect(mocap.weight).toBe(0)
    expect(world.store(HeadPose).yawDeg[index]).toBeCloseTo(0, 6)
    expect(weights.get('blinkLeft', 'mocap')).toBe(0)
    expect(Number.isNaN(weights.layers[2][weights.slotOf('blinkLeft')])).toBe(true)
    // Idle sway is back on top.
    expect(Math.abs(world.store(IdleLife).headYawDeg[index]) + Math.abs(world.store(IdleLife).headRollDeg[index])).toBeGreaterThan(0)
  })

  it('blends into a face that comes back instead of jumping to it', () => {
    const { world, index, step } = setup()
    for (let k = 0; k < 3; k++) step({ yawDeg: 20 })
    const early = Math.abs(world.store(HeadPose).yawDeg[index])
    expect(early).toBeGreaterThan(0)
    expect(early).toBeLessThan(10)
  })

  it('leaves the mouth to lip-sync while it speaks, and takes it back after', () => {
    const { mocap, weights, step } = setup()
    mocap.calibrate()
    step({})
    for (let k = 0; k < 20; k++) step({ lipGapPx: 36 })
    expect(weights.resolved.get('aa')).toBeGreaterThan(0.8)
    // The host speaks: lip-sync holds a mouth shape (even a closed one) on its layer.
    weights.set('oh', 0.4, 'lipsync')
    expect(lipSyncOwnsMouth(weights)).toBe(true)
    for (let k = 0; k < 3; k++) step({ lipGapPx: 36 })
    expect(weights.resolved.get('aa')).toBe(0)
    expect(weights.resolved.get('oh')).toBeCloseTo(0.4, 5)
    weights.unset('oh', 'lipsync')
    for (let k = 0; k < 3; k++) step({ lipGapPx: 36 })
    expect(weights.resolved.get('aa')).toBeGreaterThan(0.8)
  })

  it('lets a lip-sync weight outrank mocap for the same mouth name', () => {
    const { weights, step } = setup()
    for (let k = 0; k < 20; k++) step({ lipGapPx: 36 })
    weights.set('aa', 0.1, 'lipsync')
    step({ lipGapPx: 36 })
    expect(weights.resolved.get('aa')).toBeCloseTo(0.1, 5)
  })
})
