// Benchmark runner: `npm run bench` runs every benchmark, `npm run bench -- <name> [...]` the named ones.
// Each writes bench/results/<name>.json in the shape of /work/shared/BENCH.md and prints it to stdout.

import { spawnSync } from 'node:child_process'
import { mkdirSync, writeFileSync } from 'node:fs'
import { cpus } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Bench, BenchResult } from './lib.ts'

/** Benchmarks by name; each loads lazily so one bench's heavy imports never slow or break another. */
export const BENCHES: Record<string, () => Promise<Bench>> = {
  ecs: async () => (await import('./ecs.ts')).ecsBench,
  frame: async () => (await import('./frame.ts')).frameBench,
  avatar: async () => (await import('./avatar.ts')).avatarBench,
  lm: async () => (await import('./lm.ts')).lmBench,
  gan: async () => (await import('./gan.ts')).ganBench,
  mocap: async () => (await import('./mocap.ts')).mocapBench,
  voice: async () => (await import('./voice.ts')).voiceBench,
  broadcast: async () => (await import('./broadcast.ts')).broadcastBench,
}

/** One results file, exactly as BENCH.md describes it. */
export interface BenchReport {
  name: string
  date: string
  machine: { cpus: number; node: string; browser: string | null; gpu: string | null }
  figures: Record<string, number | null>
  notes: string
}

const RESULTS_DIR = join(dirname(fileURLToPath(import.meta.url)), 'results')

/** Wraps a bench's result with its name, the date and the machine it ran on. */
function toReport(name: string, result: BenchResult): BenchReport {
  return {
    name,
    date: new Date().toISOString(),
    machine: { cpus: cpus().length, node: process.version, browser: result.browser ?? null, gpu: result.gpu ?? null },
    figures: result.figures,
    notes: result.notes,
  }
}

/** Runs one benchmark by name, writes its results file and prints the JSON to stdout. */
async function runOne(name: string): Promise<BenchReport> {
  process.stderr.write(`bench ${name}: running…\n`)
  const bench = await BENCHES[name]()
  const report = toReport(name, await bench())
  const json = JSON.stringify(report, null, 2)
  mkdirSync(RESULTS_DIR, { recursive: true })
  writeFileSync(join(RESULTS_DIR, `${name}.json`), json + '\n')
  process.stdout.write(json + '\n')
  return report
}

/**
 * Runs each named bench in a fresh Node process, so one bench's JIT state and process-wide
 * component ids never skew another's figures; returns how many failed.
 */
function runIsolated(names: readonly string[]): number {
  let failed = 0
  for (const name of names) {
    const child = spawnSync(process.execPath, [...process.execArgv, fileURLToPath(import.meta.url), name], { stdio: 'inherit' })
    if (child.status !== 0) failed++
  }
  return failed
}

/** Entry point: validates the names, then runs one bench here or several in fresh processes; a failing bench never stops the rest. */
async function main(args: readonly string[]): Promise<number> {
  const known = Object.keys(BENCHES)
  const unknown = args.filter((a) => !(a in BENCHES))
  if (unknown.length > 0) {
    process.stderr.write(`Unknown benchmark ${unknown.map((u) => `"${u}"`).join(', ')}. Known benchmarks: ${known.join(', ')}.\n` +
      'Run `npm run bench` for all of them or `npm run bench -- <name>` for one.\n')
    return 2
  }
  const names = args.length > 0 ? args : known
  if (names.length > 1) return runIsolated(names) > 0 ? 1 : 0
  try {
    await runOne(names[0])
    return 0
  } catch (err) {
    process.stderr.write(`bench ${names[0]} failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    return 1
  }
}

process.exitCode = await main(process.argv.slice(2))
