import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector'
import { afterEach, describe, expect, it } from 'vitest'
import { Expression, HeadPose, IdleLife } from '../../../systems/avatar/index.ts'
import { buildTestAvatar, spawnTestAvatar, type TestAvatar } from './buildTestAvatar.ts'
import { angleDeg, tracker } from './pose.ts'

const FRAME_MS = 1000 / 60
const UP = new Vector3(0, 1, 0)
let avatar: TestAvatar

afterEach(() => avatar.dispose())

/** Blink weight (eyesClosed influence) of every frame of `seconds` at 60 fps. */
function blinkTrace(seed: number, seconds: number): number[] {
  avatar = buildTestAvatar({ lookAt: 'bone' })
  const { app } = spawnTestAvatar(avatar, { idle: true, seed })
  const eyes = avatar.morphs.get('eyesClosed')!
  const trace: number[] = []
  for (let f = 0; f < seconds * 60; f++) {
    app.step(FRAME_MS)
    trace.push(eyes.influence)
  }
  return trace
}

interface Closure { start: number; firstClosed: number; lastClosed: number; end: number }

/** Each run of frames with the eyes not fully open, with where it was fully closed (-1: never). */
function closures(trace: readonly number[]): Closure[] {
  const out: Closure[] = []
  for (let f = 0; f < trace.length; f++) {
    if (trace[f] === 0 || (f > 0 && trace[f - 1] > 0)) continue
    const c: Closure = { start: f, firstClosed: -1, lastClosed: -1, end: f }
    while (c.end < trace.length && trace[c.end] > 0) {
      if (trace[c.end] === 1) {
        if (c.firstClosed < 0) c.firstClosed = c.end
        c.lastClosed = c.end
      }
      c.end++
    }
    out.push(c)
  }
  return out
}

describe('idle blinks', () => {
  const trace = (() => blinkTrace(7, 60))()
  const all = closures(trace)
  // The second closure of a double blink follows the first within half a second.
  const blinks = all.filter((c, k) => k === 0 || (c.start - all[k - 1].start) * FRAME_MS > 500)

  it('blinks every 2–6 s over a simulated minute', () => {
    expect(blinks.length).toBeGreaterThanOrEqual(10)
    expect(blinks.length).toBeLessThanOrEqual(30)
    for (let k = 1; k < blinks.length; k++) {
      const intervalMs = (blinks[k].start - blinks[k - 1].start) * FRAME_MS
      expect(intervalMs).toBeGreaterThanOrEqual(2000 - FRAME_MS)
      expect(intervalMs).toBeLessThanOrEqual(6000 + FRAME_MS)
    }
  })

  it('closes the eyes fully in every blink, fast, and opens them more slowly', () => {
    for (const c of all) {
      expect(c.firstClosed).toBeGreaterThanOrEqual(0)
      expect((c.firstClosed - c.start) * FRAME_MS).toBeLessThanOrEqual(60 + FRAME_MS)
      // From the last closed frame to the first open one: the 120 ms opening, plus up to two frames of sampling.
      const openingMs = (c.end - c.lastClosed) * FRAME_MS
      expect(openingMs).toBeGreaterThanOrEqual(120)
      expect(openingMs).toBeLessThanOrEqual(120 + 2 * FRAME_MS)
    }
  })

  it('sometimes blinks twice in a row', () => {
    // Seed 7 gives two double blinks in its first minute.
    expect(all.length - blinks.length).toBe(2)
  })

  it('repeats with the same seed and differs with another', () => {
    const again = blinkTrace(7, 60)
    avatar.dispose()
    const other = blinkTrace(8, 60)
    expect(again).toEqual(trace)
    expect(closures(other).map((c) => c.start)).not.toEqual(all.map((c) => c.start))
  })

  it('writes to the idle layer, so any other source of blink wins', () => {
    avatar = buildTestAvatar({ lookAt: null })
    const { app, world, entity } = spawnTestAvatar(avatar, { idle: true, seed: 7 })
    const weights = world.get(entity, Expression)!
    weights.set('blink', 0, 'emotion')
    let idleMost = 0, shown = 0
    for (let f = 0; f < 600; f++) {
      app.step(FRAME_MS)
      idleMost = Math.max(idleMost, weights.get('blink', 'idle'))
      shown = Math.max(shown, avatar.morphs.get('eyesClosed')!.influence)
    }
    expect(idleMost).toBe(1)
    expect(shown).toBe(0)
  })
})

describe('idle head sway', () => {
  it('sways the head by a degree or two when nothing drives it, and stays out of the way while something does', () => {
    avatar = buildTestAvatar({ lookAt: null })
    const { app, world, entity, index } = spawnTestAvatar(avatar, { idle: true, seed: 3 })
    // Turn of the neck and head bones from their rest rotations (breathing moves the chest under them).
    const rest = ['neck', 'head'].map((b) => avatar.bones.get(b as 'neck' | 'head')!.rotationQuaternion!.clone())
    const deviation = (): number => ['neck', 'head'].reduce((sum, b, k) => {
      const q = avatar.bones.get(b as 'neck' | 'head')!.rotationQuaternion!
      return sum + (2 * Math.acos(Math.min(1, Math.abs(Quaternion.Dot(q, rest[k]))))) * (180 / Math.PI)
    }, 0)
    let most = 0
    for (let f = 0; f < 600; f++) {
      app.step(FRAME_MS)
      if (f > 120) most = Math.max(most, deviation())
    }
    expect(most).toBeGreaterThan(0.3)
    expect(most).toBeLessThan(3)
    // A tracker writing the pose every frame: the head follows it alone.
    for (let f = 0; f < 60; f++) {
      world.add(entity, HeadPose, { yawDeg: 0 })
      app.step(FRAME_MS)
    }
    expect(deviation()).toBeLessThan(1e-3)
    expect(world.store(IdleLife).headYawDeg[index]).toBe(0)
    // Once it stops, the sway fades back in after half a second.
    for (let f = 0; f < 150; f++) app.step(FRAME_MS)
    expect(deviation()).toBeGreaterThan(1e-3)
  })
})

describe('idle breathing', () => {
  it('tilts the chest ±0.8° four seconds a breath', () => {
    avatar = buildTestAvatar({ lookAt: null })
    const chest = tracker(avatar.bones.get('chest')!)
    const { app } = spawnTestAvatar(avatar, { idle: true, seed: 5 })
    const angles: number[] = []
    for (let f = 0; f < 8 * 60; f++) {
      app.step(FRAME_MS)
      angles.push(angleDeg(chest(avatar.forward), avatar.forward, UP))
    }
    expect(Math.max(...angles)).toBeGreaterThan(0.79)
    expect(Math.max(...angles)).toBeLessThan(0.81)
    expect(Math.min(...angles)).toBeLessThan(-0.79)
    let crossings = 0
    for (let f = 1; f < angles.length; f++) if (Math.sign(angles[f]) !== Math.sign(angles[f - 1])) crossings++
    expect(crossings).toBe(4) // two breaths in 8 s
  })
})

describe('idle saccades', () => {
  it('jumps the eyes to a new small offset every 0.5–3 s, each jump over within 50 ms', () => {
    avatar = buildTestAvatar({ lookAt: 'bone' })
    const { app, world, index } = spawnTestAvatar(avatar, { idle: true, seed: 11 })
    const jumps: { start: number; frames: number }[] = []
    let previous = 0
    let moving: { start: number; frames: number } | null = null
    let most = 0
    for (let f = 0; f < 60 * 60; f++) {
      app.step(FRAME_MS)
      const yaw = world.store(IdleLife).gazeYawDeg[index]
      most = Math.max(most, Math.abs(yaw))
      // Ignore the first two seconds, while the eye offset fades in.
      if (f > 120 && yaw !== previous) {
        if (!moving) jumps.push((moving = { start: f, frames: 0 }))
        moving.frames++
      } else moving = null
      previous = yaw
    }
    expect(jumps.length).toBeGreaterThanOrEqual(58 / 3)
    expect(jumps.length).toBeLessThanOrEqual(58 / 0.5)
    for (const j of jumps) expect(j.frames * FRAME_MS).toBeLessThanOrEqual(50 + FRAME_MS)
    for (let k = 1; k < jumps.length; k++) expect((jumps[k].start - jumps[k - 1].start) * FRAME_MS).toBeGreaterThanOrEqual(500 - FRAME_MS)
    expect(most).toBeGreaterThan(4)
    expect(most).toBeLessThanOrEqual(8)
  })
})
