import { describe, expect, it } from 'vitest'
import { defineComponent, defineObject, defineQuery, defineTag, entityIndex, World } from '../../engine/index.ts'

const Position = defineComponent('Position', { x: 'f32', y: 'f32' })
const Velocity = defineComponent('Velocity', { x: 'f32', y: 'f32' })
const Health = defineComponent('Health', { hp: { type: 'u8', default: 100 }, armor: 'i16' })
const Precise = defineComponent('Precise', { t: 'f64' })
const Hidden = defineTag('Hidden')
const Label = defineObject<{ text: string }>('Label')

describe('components', () => {
  it('stores numeric fields as typed arrays of the declared type', () => {
    const world = new World()
    const e = world.spawn()
    world.add(e, Health)
    world.add(e, Precise, { t: 0.1 })
    expect(world.store(Health).hp).toBeInstanceOf(Uint8Array)
    expect(world.store(Health).armor).toBeInstanceOf(Int16Array)
    expect(world.store(Precise).t[entityIndex(e)]).toBe(0.1)
  })

  it('fills missing fields with their defaults and overwrites on a second add', () => {
    const world = new World()
    const e = world.spawn()
    world.add(e, Health, { armor: 3 })
    const i = entityIndex(e)
    expect([world.store(Health).hp[i], world.store(Health).armor[i]]).toEqual([100, 3])
    world.add(e, Health, { hp: 5 })
    expect([world.store(Health).hp[i], world.store(Health).armor[i]]).toEqual([5, 3])
  })

  it('resets a re-added component to defaults, not to the values of its last owner', () => {
    const world = new World()
    const e = world.spawn()
    world.add(e, Position, { x: 9, y: 9 })
    world.remove(e, Position)
    world.add(e, Position)
    expect(world.store(Position).x[entityIndex(e)]).toBe(0)
  })

  it('holds object values and releases them on remove and despawn', () => {
    const world = new World()
    const e = world.spawn()
    const label = { text: 'hello' }
    world.add(e, Label, label)
    expect(world.get(e, Label)).toBe(label)
    world.remove(e, Label)
    expect(world.get(e, Label)).toBeUndefined()
    expect(world.store(Label).value[entityIndex(e)]).toBeUndefined()
    world.add(e, Label, label)
    world.despawn(e)
    expect(world.store(Label).value[entityIndex(e)]).toBeUndefined()
  })

  it('tags carry no data but match queries', () => {
    const world = new World()
    const e = world.spawn()
    world.add(e, Hidden)
    expect(world.has(e, Hidden)).toBe(true)
    expect(world.query({ with: [Hidden] }).count).toBe(1)
    expect(world.remove(e, Hidden)).toBe(true)
    expect(world.remove(e, Hidden)).toBe(false)
  })

  it('rejects a field of unknown type with the component and field named', () => {
    expect(() => defineComponent('Bad', { v: 'f16' as 'f32' })).toThrow(/Bad.*"v".*f16/)
  })

  it('supports more than 32 component types (several mask words)', () => {
    const world = new World()
    const many = Array.from({ length: 70 }, (_, k) => defineTag(`T${k}`))
    const e = world.spawn()
    for (const t of many) world.add(e, t)
    const q = world.query({ with: [many[0], many[69]], without: [many[40]] })
    expect(q.count).toBe(0)
    world.remove(e, many[40])
    expect(q.count).toBe(1)
    expect(many.every((t, k) => world.has(e, t) === (k !== 40))).toBe(true)
  })
})

describe('queries', () => {
  it('matches with / without and updates as components come and go', () => {
    const world = new World()
    const moving = world.query({ with: [Position, Velocity], without: [Hidden] })
    const a = world.spawn()
    world.add(a, Position)
    expect(moving.count).toBe(0)
    world.add(a, Velocity)
    expect(moving.count).toBe(1)
    world.add(a, Hidden)
    expect(moving.count).toBe(0)
    world.remove(a, Hidden)
    expect(Array.from(moving.ids.subarray(0, moving.count))).toEqual([entityIndex(a)])
    world.despawn(a)
    expect(moving.count).toBe(0)
  })

  it('is cached: the same terms give the same query, in any order', () => {
    const world = new World()
    const q1 = world.query({ with: [Position, Velocity] })
    const q2 = world.query({ with: [Velocity, Position], optional: [Label] })
    expect(q2).toBe(q1)
    expect(world.query({ with: [Position] })).not.toBe(q1)
  })

  it('finds a defineQuery handle by identity, and shares its query with equal terms', () => {
    const world = new World()
    const Moving = defineQuery({ with: [Position, Velocity] })
    const q = world.query(Moving)
    expect(world.query(Moving)).toBe(q)
    expect(world.query({ with: [Velocity, Position] })).toBe(q)
    expect(Object.isFrozen(Moving) && Object.isFrozen(Moving.with)).toBe(true)
    const e = world.spawn()
    world.add(e, Position)
    world.add(e, Velocity)
    expect(world.query(Moving).count).toBe(1)
  })

  it('picks up entities that existed before it was created', () => {
    const world = new World()
    for (let k = 0; k < 10; k++) {
      const e = world.spawn()
      world.add(e, Position)
      if (k % 2) world.add(e, Velocity)
    }
    expect(world.query({ with: [Position], without: [Velocity] }).count).toBe(5)
  })

  it('needs at least one with term', () => {
    expect(() => new World().query({ with: [] })).toThrow(/at least one `with`/)
  })

  it('reports entities added to it since the running system last ran', () => {
    const world = new World()
    const q = world.query({ with: [Position] })
    const a = world.spawn()
    world.add(a, Position)
    const since = world.tick
    world.tick++
    const b = world.spawn()
    world.add(b, Position)
    expect(q.added(since)).toEqual([entityIndex(b)])
    expect(q.added(0)).toEqual([entityIndex(a), entityIndex(b)])
  })

  it('reports removed entities by handle and changed components by index', () => {
    const world = new World()
    const q = world.query({ with: [Position] })
    const [a, b] = [world.spawn(), world.spawn()]
    world.add(a, Position)
    world.add(b, Position)
    const since = world.tick
    world.tick++
    world.markChanged(entityIndex(b), Position)
    world.despawn(a)
    expect(q.removed(since)).toEqual([a])
    expect(q.changed(Position, since)).toEqual([entityIndex(b)])
  })
})

describe('resources', () => {
  class Score {
    constructor(public value = 0) {}
  }
  class Missing {}

  it('stores typed singletons by class', () => {
    const world = new World()
    world.insertResource(new Score(3))
    world.resource(Score).value++
    expect(world.resource(Score).value).toBe(4)
    expect(world.tryResource(Missing)).toBeUndefined()
  })

  it('names the missing resource and how to provide it', () => {
    expect(() => new World().resource(Missing)).toThrow(/Resource Missing is missing: insert it/)
  })
})
