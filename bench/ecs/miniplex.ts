// The five ecs-benchmark cases written for miniplex 2.0 in its idiom: entities are plain objects,
// components are their fields, queries are `world.with(...)` iterated with for…of (newest first,
// which is what makes removing during iteration safe).

import { World } from 'miniplex'
import { COUNT, LETTERS, type LibraryCases, type Op } from './cases.ts'

/** The entity shape every case uses; a case sets only the fields it needs. */
type Entity = { A?: number; B?: number; C?: number; D?: number; E?: number; Z?: number; Data?: number; [letter: string]: number | undefined }

// Each system names its fields literally, as miniplex users write them (a computed key would make
// every property access a keyed lookup and undersell miniplex).
function packed5(): Op {
  const world = new World<Entity>()
  for (let i = 0; i < COUNT.packed_5; i++) world.add({ A: 1, B: 1, C: 1, D: 1, E: 1 })
  const [withA, withB, withC, withD, withE] = [world.with('A'), world.with('B'), world.with('C'), world.with('D'), world.with('E')]
  return () => {
    for (const e of withA) e.A *= 2
    for (const e of withB) e.B *= 2
    for (const e of withC) e.C *= 2
    for (const e of withD) e.D *= 2
    for (const e of withE) e.E *= 2
    return withA.size + withB.size + withC.size + withD.size + withE.size
  }
}

function simpleIter(): Op {
  const world = new World<Entity>()
  const n = COUNT.simple_iter
  for (let i = 0; i < n; i++) world.add({ A: 1, B: 1 })
  for (let i = 0; i < n; i++) world.add({ A: 1, B: 1, C: 1 })
  for (let i = 0; i < n; i++) world.add({ A: 1, B: 1, C: 1, D: 1 })
  for (let i = 0; i < n; i++) world.add({ A: 1, B: 1, C: 1, E: 1 })
  const withAB = world.with('A', 'B')
  const withCD = world.with('C', 'D')
  const withCE = world.with('C', 'E')
  return () => {
    for (const e of withAB) {
      const t = e.A
      e.A = e.B
      e.B = t
    }
    for (const e of withCD) {
      const t = e.C
      e.C = e.D
      e.D = t
    }
    for (const e of withCE) {
      const t = e.C
      e.C = e.E
      e.E = t
    }
    return withAB.size + withCD.size + withCE.size
  }
}

function fragIter(): Op {
  const world = new World<Entity>()
  for (const letter of LETTERS) for (let i = 0; i < COUNT.frag_iter; i++) world.add({ [letter]: 1, Data: 1 })
  const withData = world.with('Data')
  const withZ = world.with('Z')
  return () => {
    for (const e of withData) e.Data *= 2
    for (const e of withZ) e.Z *= 2
    return withData.size + withZ.size
  }
}

function entityCycle(): Op {
  const world = new World<Entity>()
  for (let i = 0; i < COUNT.entity_cycle; i++) world.add({ A: i })
  const withA = world.with('A')
  const withB = world.with('B')
  return () => {
    for (const e of withA) world.add({ B: e.A })
    const touched = withA.size + withB.size
    for (const e of withB) world.remove(e)
    return touched
  }
}

function addRemove(): Op {
  const world = new World<Entity>()
  for (let i = 0; i < COUNT.add_remove; i++) world.add({ A: i })
  const withA = world.with('A')
  const withB = world.with('B')
  return () => {
    for (const e of withA) world.addComponent(e, 'B', e.A)
    const touched = withA.size + withB.size
    for (const e of withB) world.removeComponent(e, 'B')
    return touched
  }
}

/** miniplex implementations of every case. */
export const miniplexCases: LibraryCases = {
  packed_5: packed5,
  simple_iter: simpleIter,
  frag_iter: fragIter,
  entity_cycle: entityCycle,
  add_remove: addRemove,
}
