import type { Component } from './component.ts'
import type { Entity } from './entity.ts'

/** The terms of a query: entities that have every `with`, none of `without`; `optional` ones may be read. */
export interface QueryTerms {
  readonly with: readonly Component[]
  readonly without?: readonly Component[]
  readonly optional?: readonly Component[]
}

/**
 * Declares a query once, at module level: `const Speakers = defineQuery({ with: [Avatar, Speaking] })`.
 * `world.query(Speakers)` finds its query by this object's identity, so a system may call it every
 * frame without building terms or a key; the terms are frozen so the cached query cannot drift.
 */
export function defineQuery<T extends QueryTerms>(terms: T): Readonly<T> {
  return Object.freeze({
    ...terms,
    with: Object.freeze([...terms.with]),
    ...(terms.without ? { without: Object.freeze([...terms.without]) } : {}),
    ...(terms.optional ? { optional: Object.freeze([...terms.optional]) } : {}),
  })
}

/** Reads what a query needs from its world without importing the world (one-way layering). */
export interface QueryHost {
  /** Tick before which the running system has already seen everything. */
  readonly systemLastRun: number
  changedTicks(component: Component): Uint32Array
}

/**
 * A cached set of entities matching some terms, kept up to date on every structural change.
 *
 * It is a sparse set: `ids[0..count)` is a dense list of entity indices (iterate it), `slot[index]`
 * is each entity's position in it (or -1), so membership tests, insertion and swap-removal are O(1).
 */
export class Query {
  /** Dense entity indices; only the first `count` are valid. Re-read after structural changes (it grows). */
  ids = new Int32Array(64)
  /** Number of matching entities. */
  count = 0
  /** Position in `ids` of each entity index, or -1. */
  private slot = new Int32Array(0)
  /** Tick at which each entity index entered the query. */
  private enteredAt = new Uint32Array(0)
  /** Handles that left the query and the tick when they left; trimmed each frame. */
  private leftHandles: Entity[] = []
  private leftTicks: number[] = []
  /** Live entries of the two arrays above; the rest is reused capacity. */
  private leftCount = 0
  private scratch: number[] = []
  private scratchHandles: Entity[] = []
  /** Bit masks per 32-component word: all of `withMask` and none of `withoutMask` must be set. */
  withMask = new Uint32Array(1)
  withoutMask = new Uint32Array(1)
  /** Components this query names (with, without, optional): its entities are re-checked when these change. */
  readonly watched: readonly Component[]

  constructor(
    readonly terms: QueryTerms,
    private readonly host: QueryHost,
    words: number,
    capacity: number,
  ) {
    this.watched = [...terms.with, ...(terms.without ?? [])]
    this.setWords(words)
    this.reserve(capacity)
  }

  /** Rebuilds the masks for a new number of mask words per entity. */
  setWords(words: number): void {
    this.withMask = new Uint32Array(words)
    this.withoutMask = new Uint32Array(words)
    for (const c of this.terms.with) this.withMask[c.id >>> 5] |= 1 << (c.id & 31)
    for (const c of this.terms.without ?? []) this.withoutMask[c.id >>> 5] |= 1 << (c.id & 31)
  }

  /** Grows the per-entity arrays to `capacity` entity slots. */
  reserve(capacity: number): void {
    if (capacity <= this.slot.length) return
    const slot = new Int32Array(capacity).fill(-1)
    slot.set(this.slot)
    this.slot = slot
    const entered = new Uint32Array(capacity)
    entered.set(this.enteredAt)
    this.enteredAt = entered
  }

  /** True when an entity mask (at `offset` in `masks`) satisfies the terms. */
  matches(masks: Uint32Array, offset: number): boolean {
    const w = this.withMask
    const wo = this.withoutMask
    for (let k = 0; k < w.length; k++) {
      const m = masks[offset + k]
      if ((m & w[k]) !== w[k] || (m & wo[k]) !== 0) return false
    }
    return true
  }

  /** True when the entity index is in the query. */
  contains(index: number): boolean {
    return index < this.slot.length && this.slot[index] >= 0
  }

  /** Adds an entity index (the world calls this). */
  insert(index: number, tick: number): void {
    if (this.count === this.ids.length) {
      const ids = new Int32Array(this.ids.length * 2)
      ids.set(this.ids)
      this.ids = ids
    }
    this.slot[index] = this.count
    this.ids[this.count++] = index
    this.enteredAt[index] = tick
  }

  /** Removes an entity index by swapping the last one into its place (the world calls this). */
  delete(index: number, handle: Entity, tick: number): void {
    const at = this.slot[index]
    const last = this.ids[--this.count]
    this.ids[at] = last
    this.slot[last] = at
    this.slot[index] = -1
    this.leftHandles[this.leftCount] = handle
    this.leftTicks[this.leftCount++] = tick
  }

  /** Entity indices that entered since the running system last ran (or since `sinceTick`). Valid until the next call. */
  added(sinceTick = this.host.systemLastRun): readonly number[] {
    const out = this.scratch
    out.length = 0
    for (let k = 0; k < this.count; k++) {
      const i = this.ids[k]
      if (this.enteredAt[i] > sinceTick) out.push(i)
    }
    return out
  }

  /** Handles that left (component removed or despawned) since the running system last ran. Valid until the next call. */
  removed(sinceTick = this.host.systemLastRun): readonly Entity[] {
    const out = this.scratchHandles
    out.length = 0
    for (let k = 0; k < this.leftCount; k++) if (this.leftTicks[k] > sinceTick) out.push(this.leftHandles[k])
    return out
  }

  /** Entity indices whose `component` was added or marked changed since the running system last ran. Valid until the next call. */
  changed(component: Component, sinceTick = this.host.systemLastRun): readonly number[] {
    const ticks = this.host.changedTicks(component)
    const out = this.scratch
    out.length = 0
    for (let k = 0; k < this.count; k++) {
      const i = this.ids[k]
      if (ticks[i] > sinceTick) out.push(i)
    }
    return out
  }

  /** Forgets departures at or before `tick` (the world calls this once a frame). */
  trim(tick: number): void {
    const ticks = this.leftTicks
    const handles = this.leftHandles
    let drop = 0
    while (drop < this.leftCount && ticks[drop] <= tick) drop++
    if (drop === 0) return
    // Compacted in place, keeping the arrays' capacity: nothing is allocated frame after frame.
    const keep = this.leftCount - drop
    for (let k = 0; k < keep; k++) {
      ticks[k] = ticks[k + drop]
      handles[k] = handles[k + drop]
    }
    this.leftCount = keep
  }
}
