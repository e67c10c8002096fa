import { describe, expect, it } from 'vitest'
import { defineComponent, defineTag, entityIndex, World, type Component, type Entity, type Query } from '../../engine/index.ts'

/** A small seeded PRNG (mulberry32), so a failing sequence can be replayed from its seed. */
function rng(seed: number) {
  let a = seed >>> 0
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
  return { next, int: (n: number) => Math.floor(next() * n), pick: <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)] }
}

const A = defineComponent('PA', { v: 'i32' })
const B = defineComponent('PB', { v: 'i32' })
const C = defineComponent('PC', { v: 'i32' })
const T1 = defineTag('PT1')
const T2 = defineTag('PT2')
// Components spread over two mask words, so cross-word matching is exercised too.
const far = Array.from({ length: 34 }, (_, k) => defineTag(`PFar${k}`))
const D = far[33]
const ALL: readonly Component[] = [A, B, C, T1, T2, D]
const NUMERIC = new Set<Component>([A, B, C])

/** The naive model: a map from live handle to its components and values. */
type Model = Map<Entity, Map<Component, number>>

interface Terms {
  with: Component[]
  without: Component[]
}

function randomTerms(r: ReturnType<typeof rng>): Terms {
  const shuffled = [...ALL].sort(() => r.next() - 0.5)
  const nWith = 1 + r.int(2)
  const nWithout = r.int(2)
  return { with: shuffled.slice(0, nWith), without: shuffled.slice(nWith, nWith + nWithout) }
}

function expected(model: Model, t: Terms): number[] {
  const out: number[] = []
  for (const [e, comps] of model) if (t.with.every((c) => comps.has(c)) && t.without.every((c) => !comps.has(c))) out.push(entityIndex(e))
  return out.sort((x, y) => x - y)
}

function actual(q: Query): number[] {
  return Array.from(q.ids.subarray(0, q.count)).sort((x, y) => x - y)
}

/** Compares the world with the model; returns a list of disagreements (empty when they agree). */
function disagreements(world: World, model: Model, queries: [Terms, Query][], issued: Entity[]): string[] {
  const out: string[] = []
  if (world.entityCount !== model.size) out.push(`entityCount ${world.entityCount} != ${model.size}`)
  for (const [t, q] of queries) {
    const [got, want] = [actual(q).join(','), expected(model, t).join(',')]
    if (got !== want) out.push(`query ${t.with.map((c) => c.name)} !${t.without.map((c) => c.name)}: [${got}] != [${want}]`)
  }
  for (const e of issued) if (world.isAlive(e) !== model.has(e)) out.push(`isAlive(${e}) != ${model.has(e)}`)
  for (const [e, comps] of model) {
    for (const c of ALL) {
      if (world.has(e, c) !== comps.has(c)) out.push(`has(${e}, ${c.name}) != ${comps.has(c)}`)
      else if (comps.has(c) && NUMERIC.has(c) && world.store(c as typeof A).v[entityIndex(e)] !== comps.get(c)) {
        out.push(`${c.name}.v of ${e} != ${comps.get(c)}`)
      }
    }
  }
  return out
}

function check(world: World, model: Model, queries: [Terms, Query][], issued: Entity[], step: number) {
  const found = disagreements(world, model, queries, issued)
  if (found.length > 0) expect(found.slice(0, 5), `after step ${step}`).toEqual([])
}

/** Runs one random sequence; returns the most entities alive at once. */
function runSequence(seed: number, steps: number): number {
  const r = rng(seed)
  const world = new World()
  const model: Model = new Map()
  const issued: Entity[] = []
  const queries: [Terms, Query][] = []
  const deferred: (() => void)[] = []
  const live = () => [...model.keys()]
  let peak = 0
  for (let step = 0; step < steps; step++) {
    const roll = r.next()
    if (roll < 0.02 || queries.length === 0) {
      // Queries are created mid-sequence too: they must pick up entities that already exist.
      const t = randomTerms(r)
      queries.push([t, world.query(t)])
    } else if (roll < 0.25 || model.size === 0) {
      const e = world.spawn()
      issued.push(e)
      model.set(e, new Map())
    } else if (roll < 0.35) {
      const e = r.pick(live())
      world.despawn(e)
      model.delete(e)
    } else if (roll < 0.4) {
      // Stale or dead handles must be refused without touching anything.
      const e = r.pick(issued)
      if (!model.has(e)) expect(world.despawn(e)).toBe(false)
    } else if (roll < 0.7) {
      const e = r.pick(live())
      const c = r.pick(ALL)
      const v = r.int(1000) - 500
      if (NUMERIC.has(c)) world.add(e, c as typeof A, { v })
      else world.add(e, c as typeof T1)
      model.get(e)!.set(c, NUMERIC.has(c) ? v : 0)
    } else if (roll < 0.9) {
      const e = r.pick(live())
      const c = r.pick(ALL)
      expect(world.remove(e, c)).toBe(model.get(e)!.has(c))
      model.get(e)!.delete(c)
    } else {
      // Deferred: queue through commands, apply the model at the same moment.
      const e = r.pick(live())
      const c = r.pick(ALL)
      if (r.next() < 0.3) {
        world.commands.entity(e).despawn()
        deferred.push(() => model.delete(e))
      } else {
        world.commands.entity(e).remove(c)
        deferred.push(() => model.get(e)?.delete(c))
      }
      if (r.next() < 0.5) {
        world.commands.apply()
        for (const f of deferred) f()
        deferred.length = 0
      }
    }
    peak = Math.max(peak, model.size)
    if (deferred.length === 0 && step % (step < 2000 ? 10 : 250) === 0) check(world, model, queries, issued, step)
  }
  world.commands.apply()
  for (const f of deferred) f()
  check(world, model, queries, issued, steps)
  return peak
}

describe('world against a naive model (property)', () => {
  for (const seed of [1, 2, 3, 42, 1337, 9001]) {
    it(`agrees after 3,000 random spawn / despawn / add / remove / query steps (seed ${seed})`, () => {
      runSequence(seed, 3000)
    })
  }

  it('agrees on a long sequence that grows the world past its initial capacity', () => {
    expect(runSequence(7, 20000)).toBeGreaterThan(1024)
  }, 60_000)
})
