import { Vector3 } from '@babylonjs/core/Maths/math.vector'
import { afterEach, describe, expect, it } from 'vitest'
import { TELEPORT_DISTANCE_M } from '../../../systems/avatar/springBone/index.ts'
import type { ColliderShape } from '../../../systems/avatar/index.ts'
import { buildTestAvatar, spawnTestAvatar, type ChainSpec, type TestAvatar } from './buildTestAvatar.ts'
import { refresh } from './pose.ts'

const FRAME_MS = 1000 / 60
const SEGMENT_M = 0.1
let avatar: TestAvatar

afterEach(() => avatar.dispose())

/** A 3-segment chain (4 joints 10 cm apart) sticking straight back from the head. */
const BACK_FROM_HEAD: ChainSpec = { parent: 'head', start: [0, 0, 0.1], step: [0, 0, SEGMENT_M], joints: 4 }

function simulate(spec: Partial<ChainSpec>) {
  avatar = buildTestAvatar({ lookAt: null, chains: [{ ...BACK_FROM_HEAD, ...spec }] })
  const spawned = spawnTestAvatar(avatar)
  const joints = avatar.chains[0]
  const positions = (): Vector3[] => joints.map((j) => refresh(j).getTranslation())
  const rest = positions()
  const frames = (n: number, each?: (p: Vector3[]) => void): void => {
    for (let f = 0; f < n; f++) {
      spawned.app.step(FRAME_MS)
      each?.(positions())
    }
  }
  return { ...spawned, positions, rest, frames }
}

function expectSegmentLengths(p: readonly Vector3[]): void {
  for (let k = 1; k < p.length; k++) expect(Vector3.Distance(p[k], p[k - 1])).toBeCloseTo(SEGMENT_M, 4)
}

describe('springBones', () => {
  it('holds a chain at rest when nothing moves and there is no gravity', () => {
    const { frames, positions, rest } = simulate({ stiffness: 1 })
    frames(120)
    const p = positions()
    for (let k = 0; k < p.length; k++) expect(Vector3.Distance(p[k], rest[k])).toBeLessThan(1e-5)
  })

  it('lets a chain hang straight down under gravity, keeping its segment lengths', () => {
    const { frames, positions } = simulate({ stiffness: 0, gravityPower: 2 })
    frames(300, expectSegmentLengths)
    const p = positions()
    for (let k = 1; k < p.length; k++) {
      const dir = p[k].subtract(p[k - 1]).normalize()
      expect(dir.y).toBeLessThan(-Math.cos((1 * Math.PI) / 180)) // within 1° of straight down
    }
  })

  it('lags when the body moves, swings back past rest, and settles', () => {
    const { frames, rest } = simulate({ stiffness: 2, dragForce: 0.1 })
    frames(60)
    avatar.model.root.position.x += 0.2
    const offsets: number[] = []
    frames(240, (p) => {
      expectSegmentLengths(p)
      offsets.push(p[3].x - (rest[3].x + 0.2))
    })
    expect(offsets[0]).toBeLessThan(-0.15) // the tip stays behind at first
    expect(Math.max(...offsets.slice(0, 60))).toBeGreaterThan(0.05) // and overshoots on the way back
    expect(Math.max(...offsets.slice(180).map(Math.abs))).toBeLessThan(1e-3) // settled after 3 s
  })

  it('restarts from rest instead of whipping when the avatar teleports', () => {
    const { frames, positions, rest } = simulate({ stiffness: 2, dragForce: 0.1 })
    frames(60)
    avatar.model.root.position.x += TELEPORT_DISTANCE_M + 4.5
    frames(1)
    expect(positions()[3].x - (rest[3].x + 5)).toBeCloseTo(0, 5)
    // Just under the threshold the chain still lags.
    avatar.model.root.position.x += TELEPORT_DISTANCE_M * 0.9
    frames(1)
    expect(positions()[3].x - (rest[3].x + 5 + TELEPORT_DISTANCE_M * 0.9)).toBeLessThan(-0.1)
  })

  it('simulates in the center node\'s space, so moving the center moves the chain rigidly', () => {
    const { frames, positions, rest } = simulate({ stiffness: 2, dragForce: 0.1, centerOnRoot: true })
    frames(60)
    avatar.model.root.position.x += 0.2
    frames(1)
    expect(positions()[3].x - (rest[3].x + 0.2)).toBeCloseTo(0, 5)
  })
})

describe('springBones colliders', () => {
  const HIT_RADIUS_M = 0.02
  /** Hanging from the back of the head, the chain falls through the space behind the chest. */
  function hanging(shape: ColliderShape | null) {
    return simulate({
      stiffness: 0, gravityPower: 2, hitRadius: HIT_RADIUS_M,
      colliders: shape ? [{ parent: 'chest', shape }] : [],
    })
  }

  const sphere: ColliderShape = { kind: 'sphere', offset: [0, 0.05, 0.12], radius: 0.08 }
  const capsule: ColliderShape = { kind: 'capsule', offset: [-0.1, 0, 0.12], tail: [0.1, 0, 0.12], radius: 0.05 }

  /** Distance of a point from the collider's core (centre point, or capsule axis), chest at rest. */
  function coreDistance(shape: ColliderShape, p: Vector3): number {
    const chest = refresh(avatar.bones.get('chest')!)
    const a = Vector3.TransformCoordinates(new Vector3(...shape.offset), chest)
    if (shape.kind === 'sphere') return Vector3.Distance(p, a)
    const b = Vector3.TransformCoordinates(new Vector3(...shape.tail), chest)
    const ab = b.subtract(a)
    const t = Math.min(1, Math.max(0, Vector3.Dot(p.subtract(a), ab) / ab.lengthSquared()))
    return Vector3.Distance(p, a.add(ab.scale(t)))
  }

  it.each([['sphere', sphere], ['capsule', capsule]] as const)('pushes the tails out of a %s collider', (_, shape) => {
    const reach = shape.radius + HIT_RADIUS_M
    // Without the collider the settled chain passes through the space it would fill.
    const free = hanging(null)
    free.frames(300)
    expect(Math.min(...free.positions().slice(1).map((p) => coreDistance(shape, p)))).toBeLessThan(reach - 0.02)
    avatar.dispose()
    const blocked = hanging(shape)
    let closest = Infinity
    blocked.frames(300, (p) => {
      expectSegmentLengths(p)
      for (const q of p.slice(1)) closest = Math.min(closest, coreDistance(shape, q))
    })
    expect(closest).toBeGreaterThan(reach - 5e-4)
  })
})
