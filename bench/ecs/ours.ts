// The five ecs-benchmark cases written for GenAnchor's engine the way its docs say to write systems:
// queries built once, `q.ids[0..q.count)` iterated, `world.store(C)` re-read on every run (its arrays
// may be replaced when they grow), and structural changes made while iterating go through
// `world.commands`, applied between the two systems as the app applies them at a stage boundary.

import { defineComponent, defineTag, World } from '../../engine/index.ts'
import { COUNT, LETTERS, type LibraryCases, type Op } from './cases.ts'

/**
 * How entity_cycle and add_remove make their structural changes: 'commands' queues them on
 * `world.commands` (what a system is told to do while it iterates a query) and applies the queue
 * after each system; 'direct' calls world.spawn/add/remove/despawn at once while iterating a
 * snapshot of the query's ids (what a user may do outside a query loop), to show the queue's cost.
 */
export type OursStructuralMode = 'commands' | 'direct'

type ValueComponent = ReturnType<typeof valueComponent>

const valueComponent = (name: string) => defineComponent(name, { value: 'i32' })

/**
 * Ends a structural op as the app ends a frame: `world.endFrame()` trims each query's log of
 * departed entities (kept for `q.removed()`), which would otherwise grow by 1000 entries an op.
 * The iteration cases change no structure, so they leave it out like the suite's other libraries.
 */
function asFrame(world: World, op: Op): Op {
  return () => {
    const touched = op()
    world.endFrame()
    return touched
  }
}

function spawnWith(world: World, components: readonly ValueComponent[], init: number): void {
  const e = world.spawn()
  for (const c of components) world.add(e, c, { value: init })
}

function packed5(): Op {
  const world = new World()
  const comps = ['A', 'B', 'C', 'D', 'E'].map(valueComponent)
  for (let i = 0; i < COUNT.packed_5; i++) spawnWith(world, comps, 1)
  const doublers = comps.map((c) => {
    const q = world.query({ with: [c] })
    return (): number => {
      const v = world.store(c).value
      const ids = q.ids
      const n = q.count
      for (let k = 0; k < n; k++) v[ids[k]] *= 2
      return n
    }
  })
  return () => doublers[0]() + doublers[1]() + doublers[2]() + doublers[3]() + doublers[4]()
}

function simpleIter(): Op {
  const world = new World()
  const [A, B, C, D, E] = ['A', 'B', 'C', 'D', 'E'].map(valueComponent)
  const n = COUNT.simple_iter
  for (let i = 0; i < n; i++) spawnWith(world, [A, B], 1)
  for (let i = 0; i < n; i++) spawnWith(world, [A, B, C], 1)
  for (let i = 0; i < n; i++) spawnWith(world, [A, B, C, D], 1)
  for (let i = 0; i < n; i++) spawnWith(world, [A, B, C, E], 1)
  const swapper = (X: ValueComponent, Y: ValueComponent) => {
    const q = world.query({ with: [X, Y] })
    return (): number => {
      const x = world.store(X).value
      const y = world.store(Y).value
      const ids = q.ids
      const count = q.count
      for (let k = 0; k < count; k++) {
        const i = ids[k]
        const t = x[i]
        x[i] = y[i]
        y[i] = t
      }
      return count
    }
  }
  const ab = swapper(A, B)
  const cd = swapper(C, D)
  const ce = swapper(C, E)
  return () => ab() + cd() + ce()
}

function fragIter(): Op {
  const world = new World()
  const Data = valueComponent('Data')
  const letters = LETTERS.map(valueComponent)
  for (const letter of letters) for (let i = 0; i < COUNT.frag_iter; i++) spawnWith(world, [letter, Data], 1)
  const doubler = (X: ValueComponent) => {
    const q = world.query({ with: [X] })
    return (): number => {
      const x = world.store(X).value
      const ids = q.ids
      const count = q.count
      for (let k = 0; k < count; k++) x[ids[k]] *= 2
      return count
    }
  }
  const doubleData = doubler(Data)
  const doubleZ = doubler(letters[25])
  return () => doubleData() + doubleZ()
}

/** Copies a query's current ids into a reusable buffer, so direct structural changes cannot disturb the loop. */
function snapshot(buffer: { ids: Int32Array }, ids: Int32Array, count: number): Int32Array {
  if (buffer.ids.length < count) buffer.ids = new Int32Array(ids.length)
  buffer.ids.set(ids.subarray(0, count))
  return buffer.ids
}

function entityCycle(mode: OursStructuralMode): Op {
  const world = new World()
  const [A, B] = ['A', 'B'].map(valueComponent)
  for (let i = 0; i < COUNT.entity_cycle; i++) spawnWith(world, [A], i)
  const withA = world.query({ with: [A] })
  const withB = world.query({ with: [B] })
  if (mode === 'commands') {
    return asFrame(world, () => {
      const a = world.store(A).value
      const idsA = withA.ids
      const countA = withA.count
      for (let k = 0; k < countA; k++) world.commands.spawn().insert(B, { value: a[idsA[k]] })
      world.commands.apply()
      const idsB = withB.ids
      const countB = withB.count
      for (let k = 0; k < countB; k++) world.commands.entity(world.entityAt(idsB[k])).despawn()
      world.commands.apply()
      return countA + countB
    })
  }
  const buffer = { ids: new Int32Array(0) }
  return asFrame(world, () => {
    const a = world.store(A).value
    const idsA = withA.ids
    const countA = withA.count
    // Adding B never changes withA, so iterating it directly is safe here.
    for (let k = 0; k < countA; k++) {
      const e = world.spawn()
      world.add(e, B, { value: a[idsA[k]] })
    }
    const countB = withB.count
    const idsB = snapshot(buffer, withB.ids, countB)
    for (let k = 0; k < countB; k++) world.despawn(world.entityAt(idsB[k]))
    return countA + countB
  })
}

function addRemove(mode: OursStructuralMode): Op {
  const world = new World()
  const A = valueComponent('A')
  // The suite's B carries no data in every library, so here it is a tag.
  const B = defineTag('B')
  for (let i = 0; i < COUNT.add_remove; i++) spawnWith(world, [A], i)
  const withA = world.query({ with: [A] })
  const withB = world.query({ with: [B] })
  if (mode === 'commands') {
    return asFrame(world, () => {
      const idsA = withA.ids
      const countA = withA.count
      for (let k = 0; k < countA; k++) world.commands.entity(world.entityAt(idsA[k])).insert(B)
      world.commands.apply()
      const idsB = withB.ids
      const countB = withB.count
      for (let k = 0; k < countB; k++) world.commands.entity(world.entityAt(idsB[k])).remove(B)
      world.commands.apply()
      return countA + countB
    })
  }
  const buffer = { ids: new Int32Array(0) }
  return asFrame(world, () => {
    const idsA = withA.ids
    const countA = withA.count
    // Adding B never changes withA, so iterating it directly is safe here.
    for (let k = 0; k < countA; k++) world.add(world.entityAt(idsA[k]), B)
    const countB = withB.count
    const idsB = snapshot(buffer, withB.ids, countB)
    for (let k = 0; k < countB; k++) world.remove(world.entityAt(idsB[k]), B)
    return countA + countB
  })
}

/** GenAnchor engine implementations of every case, with structural changes made the given way. */
export function oursCases(mode: OursStructuralMode): LibraryCases {
  return {
    packed_5: packed5,
    simple_iter: simpleIter,
    frag_iter: fragIter,
    entity_cycle: () => entityCycle(mode),
    add_remove: () => addRemove(mode),
  }
}
