// The five ecs-benchmark cases written for bitECS 0.4 the way its docs show: components are plain
// objects holding typed arrays indexed by entity id, systems are functions of the world.

import {
  addComponent, addEntity, commitRemovals, createWorld, query, registerQuery, removeComponent, removeEntity,
  type World,
} from 'bitecs'
import { COUNT, LETTERS, type LibraryCases, type Op } from './cases.ts'

// Entity ids stay below this in every case (bitECS recycles removed ids); sized once, never grown.
const CAPACITY = 1 << 14

/** How a system gets its entities: `query(world, terms)` each run, or a query registered once. */
export type BitecsQueryMode = 'query' | 'registered'

/** A numeric component in bitECS's struct-of-arrays idiom. */
interface Value { value: Int32Array }

const value = (): Value => ({ value: new Int32Array(CAPACITY) })

/**
 * Returns a function giving a query's current entities. 'query' is what bitECS 0.4 users write
 * (it hashes the terms on every call); 'registered' is its fastest public path (registerQuery once,
 * then commit deferred removals and read the dense array), reported separately for honesty.
 */
function entitiesOf(world: World, terms: object[], mode: BitecsQueryMode): () => ArrayLike<number> {
  if (mode === 'query') return () => query(world, terms)
  const q = registerQuery(world, terms)
  return () => {
    commitRemovals(world)
    return q.dense as ArrayLike<number>
  }
}

function spawnWith(world: World, components: Value[], init: number): number {
  const eid = addEntity(world)
  for (const c of components) {
    addComponent(world, eid, c)
    c.value[eid] = init
  }
  return eid
}

function packed5(mode: BitecsQueryMode): Op {
  const world = createWorld()
  const comps = [value(), value(), value(), value(), value()]
  for (let i = 0; i < COUNT.packed_5; i++) spawnWith(world, comps, 1)
  const doublers = comps.map((c) => {
    const entities = entitiesOf(world, [c], mode)
    return (): number => {
      const ents = entities()
      const v = c.value
      for (let k = 0; k < ents.length; k++) v[ents[k]] *= 2
      return ents.length
    }
  })
  return () => doublers[0]() + doublers[1]() + doublers[2]() + doublers[3]() + doublers[4]()
}

function simpleIter(mode: BitecsQueryMode): Op {
  const world = createWorld()
  const [A, B, C, D, E] = [value(), value(), value(), value(), value()]
  const n = COUNT.simple_iter
  for (let i = 0; i < n; i++) spawnWith(world, [A, B], 1)
  for (let i = 0; i < n; i++) spawnWith(world, [A, B, C], 1)
  for (let i = 0; i < n; i++) spawnWith(world, [A, B, C, D], 1)
  for (let i = 0; i < n; i++) spawnWith(world, [A, B, C, E], 1)
  const swapper = (X: Value, Y: Value) => {
    const entities = entitiesOf(world, [X, Y], mode)
    return (): number => {
      const ents = entities()
      const x = X.value
      const y = Y.value
      for (let k = 0; k < ents.length; k++) {
        const eid = ents[k]
        const t = x[eid]
        x[eid] = y[eid]
        y[eid] = t
      }
      return ents.length
    }
  }
  const ab = swapper(A, B)
  const cd = swapper(C, D)
  const ce = swapper(C, E)
  return () => ab() + cd() + ce()
}

function fragIter(mode: BitecsQueryMode): Op {
  const world = createWorld()
  const Data = value()
  const letters = LETTERS.map(() => value())
  for (const letter of letters) for (let i = 0; i < COUNT.frag_iter; i++) spawnWith(world, [letter, Data], 1)
  const doubler = (X: Value) => {
    const entities = entitiesOf(world, [X], mode)
    return (): number => {
      const ents = entities()
      const x = X.value
      for (let k = 0; k < ents.length; k++) x[ents[k]] *= 2
      return ents.length
    }
  }
  const doubleData = doubler(Data)
  const doubleZ = doubler(letters[25])
  return () => doubleData() + doubleZ()
}

function entityCycle(mode: BitecsQueryMode): Op {
  const world = createWorld()
  const [A, B] = [value(), value()]
  for (let i = 0; i < COUNT.entity_cycle; i++) spawnWith(world, [A], i)
  const withA = entitiesOf(world, [A], mode)
  const withB = entitiesOf(world, [B], mode)
  return () => {
    const as = withA()
    for (let k = 0; k < as.length; k++) {
      const eid = addEntity(world)
      addComponent(world, eid, B)
      B.value[eid] = A.value[as[k]]
    }
    // bitECS defers query removals until the next query, so removing while iterating is safe.
    const bs = withB()
    for (let k = 0; k < bs.length; k++) removeEntity(world, bs[k])
    return as.length + bs.length
  }
}

function addRemove(mode: BitecsQueryMode): Op {
  const world = createWorld()
  const [A, B] = [value(), value()]
  for (let i = 0; i < COUNT.add_remove; i++) spawnWith(world, [A], i)
  const withA = entitiesOf(world, [A], mode)
  const withB = entitiesOf(world, [B], mode)
  return () => {
    const as = withA()
    for (let k = 0; k < as.length; k++) addComponent(world, as[k], B)
    const bs = withB()
    for (let k = 0; k < bs.length; k++) removeComponent(world, bs[k], B)
    return as.length + bs.length
  }
}

/** bitECS implementations of every case, with queries got the given way. */
export function bitecsCases(mode: BitecsQueryMode): LibraryCases {
  return {
    packed_5: () => packed5(mode),
    simple_iter: () => simpleIter(mode),
    frag_iter: () => fragIter(mode),
    entity_cycle: () => entityCycle(mode),
    add_remove: () => addRemove(mode),
  }
}
