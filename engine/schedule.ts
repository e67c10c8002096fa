import { ScheduleError } from './errors.ts'
import type { World } from './world.ts'

/**
 * The stages of a frame, in the order they run. Each has a job:
 * - `startup`: once, before the first frame: spawn the scene, load settings.
 * - `input`: what arrived since the last frame (camera frames, chat, model results) becomes events and components.
 * - `fixedUpdate`: physics at a fixed rate (spring bones), 0..n times a frame.
 * - `update`: behaviour: who speaks, what the face does.
 * - `lateUpdate`: resolve and apply: expression mixing, bone pose.
 * - `render`: sync the ECS into the renderer and draw.
 * - `postRender`: after the frame is drawn: capture, stats.
 */
export const Stage = {
  Startup: 'startup',
  Input: 'input',
  FixedUpdate: 'fixedUpdate',
  Update: 'update',
  LateUpdate: 'lateUpdate',
  Render: 'render',
  PostRender: 'postRender',
} as const

/** A stage name. */
export type Stage = (typeof Stage)[keyof typeof Stage]

/** Every stage, in run order. */
export const STAGES: readonly Stage[] = Object.values(Stage)

/** A system: a function of the world, run once per frame in its stage (or once per fixed step). */
export type System = (world: World) => void

/**
 * A typed handle other plugins order against: `export const MixExpressions = defineLabel('mixExpressions')`
 * in a capability's door, `{ label: MixExpressions }` on the system, `{ after: [MixExpressions] }` elsewhere.
 * It survives minification (function names do not) and a typo is a compile error, not a `ScheduleError`.
 */
export interface SystemLabel {
  /** Shown in timings and errors. */
  readonly name: string
  readonly kind: 'systemLabel'
}

/** Declares a system label. */
export function defineLabel(name: string): SystemLabel {
  return Object.freeze({ name, kind: 'systemLabel' as const })
}

/** What ordering refers to: a label (across plugins), or the system function itself (within a plugin). */
export type SystemRef = SystemLabel | System

/** Where a system runs relative to others in its stage, and when it is skipped. */
export interface SystemOptions {
  /** Name for errors and timings. Default: the label's name, else the function's name. */
  readonly name?: string
  /** The label other systems order against; at most one system of a stage carries a label. */
  readonly label?: SystemLabel
  /** Systems (by label or function) this one must run before. */
  readonly before?: readonly SystemRef[]
  /** Systems (by label or function) this one must run after. */
  readonly after?: readonly SystemRef[]
  /** The system runs only in frames where this returns true. */
  readonly runIf?: (world: World) => boolean
}

/** A system as the schedule holds it. */
export interface SystemEntry {
  readonly fn: System
  readonly name: string
  readonly stage: Stage
  readonly options: SystemOptions
  /** Insertion order: ties in the ordering constraints are broken by it, so the order is deterministic. */
  readonly seq: number
  /** World tick when the system last finished, for change detection. */
  lastRun: number
}

/**
 * Orders one stage's systems: every `before`/`after` constraint holds, and where the constraints
 * leave a choice, systems keep the order they were added in. Throws a `ScheduleError` naming the
 * systems on an unknown target or a cycle.
 */
export function orderStage(stage: Stage, entries: readonly SystemEntry[], all: readonly SystemEntry[]): SystemEntry[] {
  const byName = new Map<string, SystemEntry>()
  for (const e of entries) {
    if (byName.has(e.name)) {
      throw new ScheduleError(`Two systems are named "${e.name}" in stage ${stage}; give one a distinct { name } so timings and errors tell them apart.`)
    }
    if (e.options.label && entries.some((o) => o !== e && o.options.label === e.options.label)) {
      throw new ScheduleError(`Two systems in stage ${stage} carry the label "${e.options.label.name}"; a label names one system.`)
    }
    byName.set(e.name, e)
  }
  const refersTo = (e: SystemEntry, target: SystemRef) => (typeof target === 'function' ? e.fn === target : e.options.label === target)
  const resolve = (from: SystemEntry, target: SystemRef, relation: string): SystemEntry => {
    const found = entries.find((e) => refersTo(e, target))
    if (found) return found
    const label = target.name || '(anonymous function)'
    const elsewhere = all.find((e) => refersTo(e, target))
    const what = typeof target === 'function' ? 'that system was not added' : 'no system carries that label (is its plugin added?)'
    const hint = elsewhere
      ? `it is in stage ${elsewhere.stage}; ordering applies within one stage`
      : `${what}; systems in ${stage}: ${[...byName.keys()].join(', ') || '(none)'}`
    throw new ScheduleError(`System "${from.name}" is ordered ${relation} "${label}" in stage ${stage}, but ${hint}.`)
  }
  // Edges: `a → b` means a runs before b.
  const next = new Map<SystemEntry, SystemEntry[]>()
  const incoming = new Map<SystemEntry, number>()
  for (const e of entries) {
    next.set(e, [])
    incoming.set(e, 0)
  }
  const edge = (a: SystemEntry, b: SystemEntry) => {
    next.get(a)!.push(b)
    incoming.set(b, incoming.get(b)! + 1)
  }
  for (const e of entries) {
    for (const t of e.options.before ?? []) edge(e, resolve(e, t, 'before'))
    for (const t of e.options.after ?? []) edge(resolve(e, t, 'after'), e)
  }
  // Kahn's algorithm, always taking the earliest-added ready system.
  const ready = entries.filter((e) => incoming.get(e) === 0)
  const out: SystemEntry[] = []
  while (ready.length > 0) {
    let pick = 0
    for (let k = 1; k < ready.length; k++) if (ready[k].seq < ready[pick].seq) pick = k
    const e = ready.splice(pick, 1)[0]
    out.push(e)
    for (const n of next.get(e)!) {
      const left = incoming.get(n)! - 1
      incoming.set(n, left)
      if (left === 0) ready.push(n)
    }
  }
  if (out.length < entries.length) {
    const cycle = findCycle(entries.filter((e) => !out.includes(e)), next)
    throw new ScheduleError(`Systems in stage ${stage} form an ordering cycle: ${cycle.map((e) => e.name).join(' → ')}. Remove one of these before/after constraints.`)
  }
  return out
}

/** A cycle among systems Kahn's algorithm could not place, as a path that returns to its start. */
function findCycle(stuck: SystemEntry[], next: Map<SystemEntry, SystemEntry[]>): SystemEntry[] {
  const inStuck = new Set(stuck)
  const onPath: SystemEntry[] = []
  const seen = new Set<SystemEntry>()
  const visit = (e: SystemEntry): SystemEntry[] | null => {
    const at = onPath.indexOf(e)
    if (at >= 0) return [...onPath.slice(at), e]
    if (seen.has(e)) return null
    seen.add(e)
    onPath.push(e)
    for (const n of next.get(e)!) {
      if (!inStuck.has(n)) continue
      const found = visit(n)
      if (found) return found
    }
    onPath.pop()
    return null
  }
  for (const e of stuck) {
    const found = visit(e)
    if (found) return found
  }
  return stuck
}
