// ECS benchmark: the five cases of the public ecs-benchmark suite (github.com/noctjs/ecs-benchmark)
// for GenAnchor's engine, bitECS 0.4 and miniplex 2.0, all in this process and the same run.

import { bitecsCases } from './ecs/bitecs.ts'
import { CASES, EXPECTED_TOUCHED, type CaseName, type LibraryCases } from './ecs/cases.ts'
import { miniplexCases } from './ecs/miniplex.ts'
import { oursCases } from './ecs/ours.ts'
import { compareOps, pairedRatio, printTable, sig, type BenchResult } from './lib.ts'

/** Cases whose ops make structural changes, where our engine is also measured without the command queue. */
const STRUCTURAL: ReadonlySet<CaseName> = new Set(['entity_cycle', 'add_remove'])

/** Contenders per case: the reported ones first, then the extra ones that explain them. */
function contendersFor(name: CaseName): Record<string, LibraryCases> {
  const libs: Record<string, LibraryCases> = {
    ours: oursCases('commands'),
    bitecs: bitecsCases('query'),
    miniplex: miniplexCases,
    bitecs_registered: bitecsCases('registered'),
  }
  if (STRUCTURAL.has(name)) libs.ours_direct = oursCases('direct')
  return libs
}

/** Builds each contender's world for a case and checks one op touches what the suite's definition implies. */
function setUp(name: CaseName): Record<string, () => void> {
  const ops: Record<string, () => void> = {}
  for (const [lib, cases] of Object.entries(contendersFor(name))) {
    const op = cases[name]()
    const touched = op()
    if (touched !== EXPECTED_TOUCHED[name]) {
      throw new Error(`ecs bench: ${lib}'s ${name} touched ${touched} entities per op, expected ${EXPECTED_TOUCHED[name]}; its case is wrong.`)
    }
    ops[lib] = op
  }
  return ops
}

const NOTES = [
  'ops/s of the five ecs-benchmark cases (suite README at 7b53a36: packed_5 1000 entities A..E, 5 doubling systems;',
  'simple_iter 4x1000 entities, 3 swap systems; frag_iter 26 letters x 100 entities with Data, doubling Data then Z;',
  'entity_cycle 1000 with A, each op spawns one B per A then despawns every B; add_remove 1000 with A, each op adds B to every A',
  'then removes B from every B). One op = one run of the case\'s systems over all entities. All libraries run in this process;',
  'samples are interleaved round-robin, 300 ms warm-up each, 21 rounds of ~50 ms samples; ops/s is the median sample,',
  'ratios are the median over rounds of the two contenders\' same-round ratio (robust to load that drifts between rounds).',
  'Ours: queries built once, q.ids/q.count iterated, world.store(C) re-read per system run; i32 fields.',
  'Structural changes go through world.commands applied after each system (as the app does at a stage boundary), and each',
  'structural op ends with world.endFrame() as every app frame does (it trims the log behind q.removed());',
  '<case>.ours_direct_ops is the same with direct spawn/add/remove/despawn over a snapshot of the ids.',
  'bitecs: typed-array SoA components, query(world, terms) called in each system run as its docs show (it hashes the terms every call);',
  '<case>.bitecs_registered_ops uses registerQuery once + commitRemovals + dense (its fastest public path), ratio_vs_bitecs_registered against it.',
  'miniplex: plain object fields, world.with(...) queries iterated with for...of, world.add/remove/addComponent/removeComponent.',
  'Ours and bitecs run the same inner loop in the iteration cases (typed array indexed through a dense id list), so their',
  'ratio there is parity and moves about +-5 % between runs on a shared machine.',
].join(' ')

/** Runs every case for every library and reports ops/s and our ratio to bitECS. */
export function ecsBench(): BenchResult {
  const figures: Record<string, number> = {}
  const rows: Record<string, string | number>[] = []
  for (const name of CASES) {
    process.stderr.write(`  ecs ${name}…\n`)
    const { hz, samples } = compareOps(setUp(name), { sampleMs: 50, repetitions: 21 })
    const ratio = pairedRatio(samples.ours, samples.bitecs)
    figures[`${name}.ours_ops`] = sig(hz.ours)
    figures[`${name}.bitecs_ops`] = sig(hz.bitecs)
    figures[`${name}.miniplex_ops`] = sig(hz.miniplex)
    figures[`${name}.ratio_vs_bitecs`] = sig(ratio, 3)
    figures[`${name}.bitecs_registered_ops`] = sig(hz.bitecs_registered)
    figures[`${name}.ratio_vs_bitecs_registered`] = sig(pairedRatio(samples.ours, samples.bitecs_registered), 3)
    if (hz.ours_direct !== undefined) figures[`${name}.ours_direct_ops`] = sig(hz.ours_direct)
    rows.push({
      case: name,
      ours: hz.ours,
      bitecs: hz.bitecs,
      miniplex: hz.miniplex,
      ratio_vs_bitecs: ratio,
      bitecs_registered: hz.bitecs_registered,
      ours_direct: hz.ours_direct ?? '-',
    })
  }
  printTable(rows)
  return { figures, notes: NOTES }
}
