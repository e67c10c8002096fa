import { FieldTypes, fieldInfo, type Component, type FieldType } from './component.ts'

type NumericArray = InstanceType<(typeof FieldTypes)[FieldType]>

/**
 * One world's data for one component: the field arrays (numeric), the value array (object) or
 * nothing (tag), and the tick at which each entity's component was added and last changed.
 * Arrays grow by doubling; the store object keeps its identity, so holding it is safe while its
 * arrays are replaced.
 */
export class ComponentStorage {
  /** What `world.store(C)` returns: `{ field: TypedArray }`, `{ value: T[] }`, or `{}` for a tag. */
  readonly data: Record<string, NumericArray | unknown[]> = {}
  addedTick: Uint32Array
  changedTick: Uint32Array
  private readonly fields: readonly { name: string; type: FieldType; initial: number }[]

  constructor(
    readonly component: Component,
    private capacity: number,
  ) {
    this.fields =
      component.kind === 'numeric'
        ? component.fields.map((name) => ({ name, ...fieldInfo(component.schema[name]) }))
        : []
    for (const f of this.fields) this.data[f.name] = new FieldTypes[f.type](capacity)
    if (component.kind === 'object') this.data.value = new Array<unknown>(capacity).fill(undefined)
    this.addedTick = new Uint32Array(capacity)
    this.changedTick = new Uint32Array(capacity)
  }

  /** Grows every array to hold at least `index + 1` entities. */
  reserve(index: number): void {
    if (index < this.capacity) return
    let capacity = this.capacity
    while (capacity <= index) capacity *= 2
    for (const f of this.fields) {
      const next = new FieldTypes[f.type](capacity)
      next.set(this.data[f.name] as NumericArray)
      this.data[f.name] = next
    }
    if (this.component.kind === 'object') {
      const values = this.data.value as unknown[]
      for (let i = this.capacity; i < capacity; i++) values.push(undefined)
    }
    this.addedTick = grown(this.addedTick, capacity)
    this.changedTick = grown(this.changedTick, capacity)
    this.capacity = capacity
  }

  /** Writes a newly added component: given values (or the object), defaults for the rest. */
  init(index: number, values: unknown, tick: number): void {
    this.reserve(index)
    if (this.component.kind === 'numeric') {
      const given = values as Record<string, number> | undefined
      for (const f of this.fields) {
        const v = given?.[f.name]
        ;(this.data[f.name] as NumericArray)[index] = v ?? f.initial
      }
    } else if (this.component.kind === 'object') {
      ;(this.data.value as unknown[])[index] = values
    }
    this.addedTick[index] = tick
    this.changedTick[index] = tick
  }

  /** Overwrites the values of a component the entity already has. */
  assign(index: number, values: unknown, tick: number): void {
    if (this.component.kind === 'numeric') {
      const given = values as Record<string, number> | undefined
      if (given) for (const f of this.fields) if (given[f.name] !== undefined) (this.data[f.name] as NumericArray)[index] = given[f.name]
    } else if (this.component.kind === 'object') {
      ;(this.data.value as unknown[])[index] = values
    }
    this.changedTick[index] = tick
  }

  /** Drops what a removed component held; numbers stay (they are overwritten on the next add). */
  release(index: number): void {
    // Object values are cleared so a removed mesh or audio handle can be garbage-collected.
    if (this.component.kind === 'object') (this.data.value as unknown[])[index] = undefined
  }
}

function grown(a: Uint32Array, capacity: number): Uint32Array {
  const next = new Uint32Array(capacity)
  next.set(a)
  return next
}
