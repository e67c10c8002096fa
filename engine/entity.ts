import { EngineError } from './errors.ts'

/**
 * An entity handle: a slot index in the low 20 bits and that slot's generation above it.
 * A handle stays a small non-negative integer (< 2^31), so it is a V8 small integer and fits an i32/u32 field.
 */
export type Entity = number & { readonly __entity: unique symbol }

/** Bits of a handle that hold the slot index: up to 1,048,576 entity slots. */
export const INDEX_BITS = 20
/** Mask that extracts the slot index from a handle. */
export const INDEX_MASK = (1 << INDEX_BITS) - 1
/** Highest generation a slot reaches; after that the slot is retired, never reused (see `EntityAllocator`). */
export const MAX_GENERATION = (1 << (31 - INDEX_BITS)) - 1

/** The slot index of a handle: the row of this entity in every component store. */
export function entityIndex(e: Entity): number {
  return e & INDEX_MASK
}

/** The generation of a handle. */
export function entityGeneration(e: Entity): number {
  return e >>> INDEX_BITS
}

/** Packs a slot index and a generation into a handle. */
export function makeEntity(index: number, generation: number): Entity {
  return ((generation << INDEX_BITS) | index) as Entity
}

/** Formats a handle for messages: `12v3` is slot 12, generation 3. */
export function formatEntity(e: Entity): string {
  return `${entityIndex(e)}v${entityGeneration(e)}`
}

/**
 * Hands out entity slots and their generations.
 *
 * A freed slot comes back with its generation bumped, so an old handle to it no longer matches
 * (`isAlive` is false). Rather than wrapping the generation (which would let a very old handle
 * alias a new entity) a slot whose generation is spent is retired for good: the world then holds
 * about 2^31 spawns in all, e.g. 24 days of 1,000 spawn+despawn pairs per second.
 * Free slots are reused last-in, first-out, so the order is deterministic.
 */
export class EntityAllocator {
  /** Generation of each slot ever used. */
  private generations = new Uint16Array(1024)
  /** 1 where the slot holds a live entity. */
  private liveFlags = new Uint8Array(1024)
  private freeList: number[] = []
  private nextIndex = 0
  private liveCount = 0
  private retiredCount = 0

  /** Called with the new capacity when slot arrays grow, so the world can grow its per-entity arrays. */
  onGrow: ((capacity: number) => void) | null = null

  /** Number of live entities. */
  get alive(): number {
    return this.liveCount
  }

  /** Number of slots ever used (the highest index + 1). */
  get highWater(): number {
    return this.nextIndex
  }

  /** Number of slots retired because their generation was spent. */
  get retired(): number {
    return this.retiredCount
  }

  /** Slots the per-entity arrays currently hold. */
  get capacity(): number {
    return this.generations.length
  }

  /** Takes a slot and returns the handle of the new live entity. */
  allocate(): Entity {
    let index: number
    if (this.freeList.length > 0) {
      index = this.freeList.pop()!
    } else {
      index = this.nextIndex
      if (index > INDEX_MASK) {
        throw new EngineError(
          `Entity limit reached: ${INDEX_MASK + 1} slots are in use or retired. ` +
            'Despawn entities you no longer need, or split the content across worlds.',
        )
      }
      this.nextIndex++
      if (index >= this.generations.length) this.grow(index + 1)
    }
    this.liveFlags[index] = 1
    this.liveCount++
    return makeEntity(index, this.generations[index])
  }

  /** Frees the slot of a live handle; returns false when the handle is stale or was never issued. */
  free(e: Entity): boolean {
    if (!this.isAlive(e)) return false
    const index = entityIndex(e)
    this.liveFlags[index] = 0
    this.liveCount--
    const next = this.generations[index] + 1
    if (next > MAX_GENERATION) {
      this.retiredCount++
      return true
    }
    this.generations[index] = next
    this.freeList.push(index)
    return true
  }

  /** True when the handle names a live entity of the current generation of its slot. */
  isAlive(e: Entity): boolean {
    const index = e & INDEX_MASK
    return index < this.nextIndex && this.liveFlags[index] === 1 && this.generations[index] === e >>> INDEX_BITS
  }

  /** True when the slot holds a live entity, whatever handle named it. */
  isIndexAlive(index: number): boolean {
    return index < this.nextIndex && this.liveFlags[index] === 1
  }

  /** The handle of the live entity in a slot; throws when the slot is empty. */
  handleAt(index: number): Entity {
    if (!this.isIndexAlive(index)) throw new EngineError(`No live entity in slot ${index}.`)
    return makeEntity(index, this.generations[index])
  }

  private grow(minCapacity: number): void {
    let capacity = this.generations.length
    while (capacity < minCapacity) capacity *= 2
    const generations = new Uint16Array(capacity)
    generations.set(this.generations)
    const live = new Uint8Array(capacity)
    live.set(this.liveFlags)
    this.generations = generations
    this.liveFlags = live
    this.onGrow?.(capacity)
  }
}
