import { describe, expect, it } from 'vitest'
import { App, defineComponent, entityGeneration, entityIndex, MAX_GENERATION, World } from '../../engine/index.ts'

const Position = defineComponent('Position', { x: 'f32', y: 'f32' })

describe('entities', () => {
  it('hands out indices in order and reuses a despawned slot last-in, first-out', () => {
    const world = new World()
    const [a, b, c] = [world.spawn(), world.spawn(), world.spawn()]
    expect([a, b, c].map(entityIndex)).toEqual([0, 1, 2])
    world.despawn(a)
    world.despawn(c)
    expect(entityIndex(world.spawn())).toBe(2)
    expect(entityIndex(world.spawn())).toBe(0)
  })

  it('recycles a despawned id with a new generation, so the stale handle is not alive', () => {
    const world = new World()
    const old = world.spawn()
    world.despawn(old)
    const fresh = world.spawn()
    expect(entityIndex(fresh)).toBe(entityIndex(old))
    expect(entityGeneration(fresh)).toBe(entityGeneration(old) + 1)
    expect(world.isAlive(old)).toBe(false)
    expect(world.isAlive(fresh)).toBe(true)
  })

  it('never lets a stale handle touch the entity that reuses its slot', () => {
    const world = new World()
    const old = world.spawn()
    world.despawn(old)
    const fresh = world.spawn()
    world.add(fresh, Position, { x: 7 })
    expect(world.has(old, Position)).toBe(false)
    expect(world.despawn(old)).toBe(false)
    expect(() => world.add(old, Position)).toThrow(/not alive/)
    expect(world.isAlive(fresh)).toBe(true)
    expect(world.store(Position).x[entityIndex(fresh)]).toBe(7)
  })

  it('retires a slot whose generation is spent instead of wrapping it', () => {
    const world = new World()
    let e = world.spawn()
    const first = e
    for (let g = 0; g < MAX_GENERATION; g++) {
      world.despawn(e)
      e = world.spawn()
      expect(entityIndex(e)).toBe(0)
    }
    expect(entityGeneration(e)).toBe(MAX_GENERATION)
    world.despawn(e)
    const next = world.spawn()
    expect(entityIndex(next)).toBe(1)
    expect(world.isAlive(first)).toBe(false)
  })

  it('handles are small non-negative integers that fit an i32 field', () => {
    const world = new World()
    let h = world.spawn()
    for (let g = 0; g < MAX_GENERATION; g++) {
      world.despawn(h)
      h = world.spawn()
    }
    expect(Number.isInteger(h) && h >= 0 && h < 2 ** 31).toBe(true)
    expect(new Int32Array([h])[0]).toBe(h)
  })

  it('grows past its initial capacity and keeps component data', () => {
    const world = new World()
    const ids = Array.from({ length: 5000 }, (_, i) => {
      const e = world.spawn()
      world.add(e, Position, { x: i, y: -i })
      return e
    })
    const pos = world.store(Position)
    expect(pos.x[entityIndex(ids[4999])]).toBe(4999)
    expect(pos.y[entityIndex(ids[1234])]).toBe(-1234)
    expect(world.entityCount).toBe(5000)
  })

  it('an app world starts empty', () => {
    expect(new App().world.entityCount).toBe(0)
  })
})
