import { Vector3 } from '@babylonjs/core/Maths/math.vector'
import { afterEach, describe, expect, it } from 'vitest'
import { HeadPose } from '../../../systems/avatar/index.ts'
import { buildTestAvatar, spawnTestAvatar, type TestAvatar, type TestAvatarOptions } from './buildTestAvatar.ts'
import { refresh, tracker, turn } from './pose.ts'

const FRAME_MS = 1000 / 60
const UP = new Vector3(0, 1, 0)
let avatar: TestAvatar

afterEach(() => avatar.dispose())

function expectClose(actual: Vector3, expected: Vector3, digits = 5): void {
  expect(actual.x).toBeCloseTo(expected.x, digits)
  expect(actual.y).toBeCloseTo(expected.y, digits)
  expect(actual.z).toBeCloseTo(expected.z, digits)
}

function posed(options: TestAvatarOptions, pose: { yawDeg?: number; pitchDeg?: number; rollDeg?: number; x?: number; y?: number; z?: number }) {
  avatar = buildTestAvatar({ lookAt: null, ...options })
  const head = tracker(avatar.bones.get('head')!)
  const neck = options.noNeck ? null : tracker(avatar.bones.get('neck')!)
  const hipsAtRest = refresh(avatar.bones.get('hips')!).getTranslation()
  const { app, world, entity } = spawnTestAvatar(avatar)
  world.add(entity, HeadPose, pose)
  app.step(FRAME_MS)
  return { head, neck, hipsAtRest, F: avatar.forward, L: avatar.left }
}

const rigs: [string, TestAvatarOptions][] = [
  ['a plain rig', {}],
  ['bones with odd rest rotations', { twistedBones: true }],
  ['a glTF-style mirrored root', { mirroredRoot: true, twistedBones: true }],
]

describe.each(rigs)('applyHeadPose on %s', (_, options) => {
  it('turns the head 30° towards the avatar\'s left for yawDeg 30, the neck taking 40 %', () => {
    const { head, neck, F, L } = posed(options, { yawDeg: 30 })
    expectClose(head(F), turn(F, L, 30))
    expectClose(neck!(F), turn(F, L, 12))
    expectClose(head(UP), UP)
  })

  it('tips the face up by pitchDeg', () => {
    const { head, neck, F } = posed(options, { pitchDeg: 20 })
    expectClose(head(F), turn(F, UP, 20))
    expectClose(neck!(F), turn(F, UP, 8))
  })

  it('tilts the head towards the right shoulder by rollDeg', () => {
    const { head, F, L } = posed(options, { rollDeg: 10 })
    expectClose(head(UP), turn(UP, L.negate(), 10))
    expectClose(head(F), F)
  })

  it('shifts the hips by the head offset along left, up and forward', () => {
    const { hipsAtRest, F, L } = posed(options, { x: 0.1, y: 0.02, z: 0.05 })
    const hips = refresh(avatar.bones.get('hips')!).getTranslation()
    expectClose(hips, hipsAtRest.add(L.scale(0.1)).add(UP.scale(0.02)).add(F.scale(0.05)))
  })
})

describe('applyHeadPose without a neck bone', () => {
  it('puts the whole rotation on the head', () => {
    const { head, F, L } = posed({ noNeck: true }, { yawDeg: -25 })
    expectClose(head(F), turn(F, L, -25))
  })
})

describe('applyHeadPose over time', () => {
  it('follows each new pose from rest rather than adding to the last one', () => {
    avatar = buildTestAvatar({ lookAt: null })
    const head = tracker(avatar.bones.get('head')!)
    const { app, world, entity } = spawnTestAvatar(avatar)
    world.add(entity, HeadPose, { yawDeg: 30 })
    for (let f = 0; f < 10; f++) app.step(FRAME_MS)
    expectClose(head(avatar.forward), turn(avatar.forward, avatar.left, 30))
    world.add(entity, HeadPose, { yawDeg: 0 })
    app.step(FRAME_MS)
    expectClose(head(avatar.forward), avatar.forward)
  })
})
