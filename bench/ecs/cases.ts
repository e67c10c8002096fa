// The five cases of the public ecs-benchmark suite (github.com/noctjs/ecs-benchmark, README at 7b53a36),
// shared by every library's implementation so that all of them build the same data set.

/** Case names, in the order the suite lists them. */
export const CASES = ['packed_5', 'simple_iter', 'frag_iter', 'entity_cycle', 'add_remove'] as const

/** One of the suite's case names. */
export type CaseName = (typeof CASES)[number]

/**
 * One op of a case: runs every system of the case once over all its entities and returns how many
 * entities the systems' queries held, summed over systems (a cheap check that the case did its work).
 */
export type Op = () => number

/** Builds a case's world and returns its op; called once per library per case. */
export type CaseSetup = () => Op

/** A library's implementation of every case. */
export type LibraryCases = Record<CaseName, CaseSetup>

/** Entities per case, as in the suite (frag_iter: per letter). */
export const COUNT: Record<CaseName, number> = {
  packed_5: 1000,
  simple_iter: 1000,
  frag_iter: 100,
  entity_cycle: 1000,
  add_remove: 1000,
}

/** What one op's return value must be for each case: the summed query sizes the suite's definition implies. */
export const EXPECTED_TOUCHED: Record<CaseName, number> = {
  packed_5: 5 * 1000, // five systems over 1000 entities each
  simple_iter: 4000 + 1000 + 1000, // (A,B) holds all four groups; (C,D) and (C,E) one group each
  frag_iter: 26 * 100 + 100, // Data on every entity, plus the Z group
  entity_cycle: 1000 + 1000, // 1000 with A, then the 1000 B just spawned
  add_remove: 1000 + 1000, // 1000 with A, then the same 1000 with B
}

/** The 26 letters of frag_iter's component types. */
export const LETTERS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ'.split('')
