// Shared helpers for the benchmarks: the result shape, timing with warm-up, repetitions and medians.
// See /work/shared/BENCH.md for the contract every benchmark follows.

import { performance } from 'node:perf_hooks'

/** What one benchmark module returns; the runner adds name, date and machine. */
export interface BenchResult {
  /** Flat map of figures; `null` where a figure cannot be measured here (say why in `notes`). */
  figures: Record<string, number | null>
  /** What was measured and how, in plain words. */
  notes: string
  /** Browser name and version, only when the benchmark ran in a browser. */
  browser?: string
  /** GPU description, only when the benchmark used one. */
  gpu?: string
}

/** A benchmark: runs its cases and reports figures. */
export type Bench = () => BenchResult | Promise<BenchResult>

/** Timing settings for `compareOps`; every field documents its default. */
export interface OpsOptions {
  /** Time spent running each contender before measuring, in ms (default 300). */
  warmupMs?: number
  /** Target length of one measured sample, in ms (default 100). */
  sampleMs?: number
  /** Measured samples per contender; the median is reported (default 9). */
  repetitions?: number
}

/** Median of a list of numbers (the mean of the two middle values for an even count). */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new Error('median: no values; run at least one repetition')
  const sorted = [...values].sort((a, b) => a - b)
  const mid = sorted.length >> 1
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2
}

/** The value below which `p` (0..1) of the values fall, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) throw new Error('percentile: no values; run at least one repetition')
  const sorted = [...values].sort((a, b) => a - b)
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))
  return sorted[rank]
}

/** Rounds to `digits` significant digits, so JSON figures stay readable. */
export function sig(value: number, digits = 4): number {
  return Number.isFinite(value) && value !== 0 ? Number(value.toPrecision(digits)) : value
}

/** Runs `fn` `count` times and returns the elapsed wall time in ms. */
function runBatch(fn: () => void, count: number): number {
  const start = performance.now()
  for (let i = 0; i < count; i++) fn()
  return performance.now() - start
}

/** Runs `fn` for about `ms` and returns how many calls fit in `targetMs`, at least 1. */
function calibrate(fn: () => void, ms: number, targetMs: number): number {
  let count = 1
  let spent = 0
  let perCallMs = Infinity
  // Double the batch until it is long enough to time reliably, like the ecs-benchmark suite does.
  while (spent < ms) {
    const elapsed = runBatch(fn, count)
    spent += elapsed
    if (elapsed > 0) perCallMs = elapsed / count
    count *= 2
  }
  return Math.max(1, Math.round(targetMs / perCallMs))
}

/** What `compareOps` measured: each contender's median ops/s and its per-round samples. */
export interface OpsComparison {
  /** Median ops/s per contender. */
  hz: Record<string, number>
  /** ops/s of each round per contender; index r of every list was measured in the same round. */
  samples: Record<string, number[]>
}

/**
 * Measures several contenders' throughput in the same process and returns their ops/s.
 * Samples are interleaved round-robin (rotating the order each round) so that machine noise
 * hits every contender alike and their ratios hold on a noisy machine.
 */
export function compareOps(contenders: Record<string, () => void>, options: OpsOptions = {}): OpsComparison {
  const warmupMs = options.warmupMs ?? 300
  const sampleMs = options.sampleMs ?? 100
  const repetitions = options.repetitions ?? 9
  const names = Object.keys(contenders)
  const batch = new Map<string, number>()
  for (const name of names) batch.set(name, calibrate(contenders[name], warmupMs, sampleMs))
  const samples: Record<string, number[]> = {}
  for (const name of names) samples[name] = []
  for (let round = 0; round < repetitions; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]
      const count = batch.get(name)!
      const elapsed = runBatch(contenders[name], count)
      samples[name].push((count / elapsed) * 1000)
    }
  }
  const hz: Record<string, number> = {}
  for (const name of names) hz[name] = median(samples[name])
  return { hz, samples }
}

/**
 * Median over rounds of a[r] / b[r]: the ratio of two contenders measured side by side, which
 * shrugs off load that changes between rounds better than the ratio of their medians does.
 */
export function pairedRatio(a: readonly number[], b: readonly number[]): number {
  if (a.length !== b.length) throw new Error('pairedRatio: the two sample lists differ in length; take them from one compareOps call')
  return median(a.map((x, r) => x / b[r]))
}

/** Per-frame timings in ms of `frame()` after `warmupFrames` untimed calls. */
export function timeFrames(frame: () => void, warmupFrames: number, frames: number): number[] {
  for (let i = 0; i < warmupFrames; i++) frame()
  const times = new Array<number>(frames)
  for (let i = 0; i < frames; i++) {
    const start = performance.now()
    frame()
    times[i] = performance.now() - start
  }
  return times
}

/** Prints rows as an aligned text table to stderr (stdout carries the JSON). */
export function printTable(rows: ReadonlyArray<Record<string, string | number>>): void {
  if (rows.length === 0) return
  const columns = Object.keys(rows[0])
  const cell = (v: string | number): string => (typeof v === 'number' ? formatNumber(v) : v)
  const widths = columns.map((c) => Math.max(c.length, ...rows.map((r) => cell(r[c]).length)))
  const line = (values: string[]): string => values.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ')
  process.stderr.write(line(columns) + '\n')
  process.stderr.write(line(widths.map((w) => '-'.repeat(w))) + '\n')
  for (const row of rows) process.stderr.write(line(columns.map((c) => cell(row[c]))) + '\n')
}

/** Formats a number for the table: thousands separators for large values, 3 decimals for small ones. */
function formatNumber(v: number): string {
  return Math.abs(v) >= 100 ? Math.round(v).toLocaleString('en-US') : v.toFixed(3)
}
