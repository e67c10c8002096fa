import { describe, expect, it } from 'vitest'
import {
  Avatar, Expression, ExpressionDiagnostics, ExpressionWeights, Gaze, HeadPose, IdleLife, despawnAvatar, spawnAvatar,
} from '../../../systems/avatar/index.ts'
import { buildTestAvatar, spawnTestAvatar } from './buildTestAvatar.ts'

describe('spawnAvatar and despawnAvatar', () => {
  it('gives the entity the avatar components, with idle life unless asked not to', () => {
    const avatar = buildTestAvatar()
    const { world, entity } = spawnTestAvatar(avatar, { seed: 4 })
    for (const c of [Avatar, Expression, HeadPose, Gaze, IdleLife]) expect(world.has(entity, c)).toBe(true)
    expect(world.get(entity, Avatar)).toBe(avatar.model)
    const other = buildTestAvatar()
    const still = spawnAvatar(world, other.model, { idle: false })
    expect(world.has(still, IdleLife)).toBe(false)
    avatar.dispose()
    other.dispose()
  })

  it('disposes the model and forgets the diagnostics on despawn', () => {
    const avatar = buildTestAvatar()
    const { app, world, entity } = spawnTestAvatar(avatar)
    world.get(entity, Expression)!.set('smirk', 1)
    app.step(1000 / 60)
    const diagnostics = world.resource(ExpressionDiagnostics)
    expect(diagnostics.unknownCount).toBe(1)
    despawnAvatar(world, entity)
    expect(world.isAlive(entity)).toBe(false)
    expect(avatar.model.root.isDisposed()).toBe(true)
    expect(diagnostics.unknownCount).toBe(0)
    expect(diagnostics.skippedBinds.has(entity)).toBe(false)
    app.step(1000 / 60)
    avatar.dispose()
  })

  it('names the missing bone when a model lacks a required one', () => {
    const avatar = buildTestAvatar()
    const humanoid = new Map(avatar.model.humanoid)
    humanoid.delete('head')
    const { world } = spawnTestAvatar(avatar)
    expect(() => spawnAvatar(world, { ...avatar.model, humanoid })).toThrow('The avatar has no "head" bone')
    avatar.dispose()
  })
})

describe('ExpressionWeights', () => {
  it('clamps weights to 0..1 and keeps each layer apart', () => {
    const w = new ExpressionWeights(['aa'])
    w.set('aa', 1.7, 'lipsync')
    w.set('aa', -0.2, 'idle')
    expect(w.get('aa', 'lipsync')).toBe(1)
    expect(w.get('aa', 'idle')).toBe(0)
    expect(w.get('aa', 'manual')).toBe(0)
    expect(w.get('aa')).toBe(1)
    w.clear('lipsync')
    expect(w.get('aa', 'lipsync')).toBe(0)
  })

  it('gives every new name a slot and counts the new names', () => {
    const w = new ExpressionWeights(['aa', 'blink'])
    expect(w.namesVersion).toBe(2)
    for (let k = 0; k < 100; k++) w.set(`custom${k}`, k / 100, 'emotion')
    expect(w.names.length).toBe(102)
    expect(w.namesVersion).toBe(102)
    expect(w.get('custom99', 'emotion')).toBeCloseTo(0.99, 6)
    w.set('aa', 0.5)
    expect(w.namesVersion).toBe(102)
  })

  it('refuses an unknown layer with the list of layers', () => {
    const w = new ExpressionWeights()
    expect(() => w.set('aa', 1, 'shouting' as 'manual')).toThrow('use one of idle, emotion, mocap, lipsync, manual')
  })
})
