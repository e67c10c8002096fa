import { Commands } from './commands.ts'
import type { AddArgs, Component, StoreOf } from './component.ts'
import { EntityAllocator, entityIndex, formatEntity, type Entity } from './entity.ts'
import { EngineError } from './errors.ts'
import { EventReader, Events, type EventType } from './events.ts'
import { Inbox } from './inbox.ts'
import { Query, type QueryTerms } from './query.ts'
import { Resources, type ResourceKey } from './resources.ts'
import { ComponentStorage } from './storage.ts'

/**
 * Entities, their components, queries, resources, events and the command queue.
 *
 * Structural changes (spawn, add, remove, despawn) update every query that names the component at
 * once, so queries are never rebuilt. While iterating a query, make structural changes through
 * `world.commands`; direct changes would reorder the list being iterated.
 */
export class World {
  private readonly entities = new EntityAllocator()
  /** `words` u32 mask words per entity slot: bit c.id set when the entity has component c. */
  private masks: Uint32Array
  private words = 1
  private readonly storages: (ComponentStorage | undefined)[] = []
  private readonly queries: Query[] = []
  private readonly queryCache = new Map<string, Query>()
  /** The same queries by the identity of their terms object (a `defineQuery` handle): one lookup, no key built. */
  private readonly queryByTerms = new Map<QueryTerms, Query>()
  /** Queries to re-check when a component is added or removed, by component id. */
  private readonly queriesByComponent: Query[][] = []
  private readonly eventChannels = new Map<EventType<unknown>, Events<unknown>>()
  private readonly inboxes = new Map<EventType<unknown>, Inbox<unknown>>()
  private readonly resources = new Resources()
  /** Change tick: advances before each system runs and before commands are applied. */
  tick = 1
  /** Tick at which the running system last ran (0 before its first run). */
  systemLastRun = 0
  private trimBefore = 0
  /** Deferred structural changes, applied by the app at each stage boundary. */
  readonly commands: Commands

  constructor() {
    this.masks = new Uint32Array(this.entities.capacity * this.words)
    this.entities.onGrow = (capacity) => this.growSlots(capacity)
    this.commands = new Commands(this)
  }

  // ── entities ────────────────────────────────────────────────────────────────

  /** Creates an entity with no components and returns its handle. */
  spawn(): Entity {
    return this.entities.allocate()
  }

  /** Removes an entity and all its components; returns false when the handle is stale. */
  despawn(e: Entity): boolean {
    if (!this.entities.isAlive(e)) return false
    const index = entityIndex(e)
    const base = index * this.words
    for (let w = 0; w < this.words; w++) {
      let bits = this.masks[base + w]
      // Only the queries naming one of the entity's components can hold it.
      while (bits !== 0) {
        const bit = 31 - Math.clz32(bits)
        bits &= ~(1 << bit)
        const id = w * 32 + bit
        const qs = this.queriesByComponent[id]
        if (qs) for (let k = 0; k < qs.length; k++) if (qs[k].contains(index)) qs[k].delete(index, e, this.tick)
        this.storages[id]!.release(index)
      }
      this.masks[base + w] = 0
    }
    return this.entities.free(e)
  }

  /** True when the handle names a live entity (a stale handle of a recycled slot is not alive). */
  isAlive(e: Entity): boolean {
    return this.entities.isAlive(e)
  }

  /** The entity index of a handle: its row in every component store. */
  indexOf(e: Entity): number {
    return entityIndex(e)
  }

  /** The live handle of the entity at an index (from a query's `ids`). */
  entityAt(index: number): Entity {
    return this.entities.handleAt(index)
  }

  /** Number of live entities. */
  get entityCount(): number {
    return this.entities.alive
  }

  // ── components ──────────────────────────────────────────────────────────────

  /** Adds a component (or overwrites its values when the entity has it already). */
  add<C extends Component>(e: Entity, component: C, ...args: AddArgs<C>): void
  add(e: Entity, component: Component, value?: unknown): void
  add(e: Entity, component: Component, value?: unknown): void {
    this.assertAlive(e, `add ${component.name} to`)
    const index = entityIndex(e)
    const storage = this.storage(component)
    if (this.hasIndex(index, component)) {
      storage.assign(index, value, this.tick)
      return
    }
    if (component.id >= this.words * 32) this.growWords(component.id)
    this.masks[index * this.words + (component.id >>> 5)] |= 1 << (component.id & 31)
    storage.init(index, value, this.tick)
    this.recheck(index, e, component)
  }

  /** Removes a component; returns false when the entity did not have it. */
  remove(e: Entity, component: Component): boolean {
    this.assertAlive(e, `remove ${component.name} from`)
    const index = entityIndex(e)
    if (!this.hasIndex(index, component)) return false
    this.masks[index * this.words + (component.id >>> 5)] &= ~(1 << (component.id & 31))
    this.storages[component.id]!.release(index)
    this.recheck(index, e, component)
    return true
  }

  /** True when a live entity has the component. */
  has(e: Entity, component: Component): boolean {
    return this.entities.isAlive(e) && this.hasIndex(entityIndex(e), component)
  }

  /** True when the entity at an index has the component. */
  hasIndex(index: number, component: Component): boolean {
    const word = component.id >>> 5
    return word < this.words && (this.masks[index * this.words + word] & (1 << (component.id & 31))) !== 0
  }

  /** The store of a component in this world: `{ field: TypedArray }` or `{ value: T[] }`, indexed by entity index. */
  store<C extends Component>(component: C): StoreOf<C> {
    return this.storage(component).data as StoreOf<C>
  }

  /** The value of an object component on an entity, or undefined. */
  get<T>(e: Entity, component: Component & { kind: 'object'; __type?: T }): T | undefined {
    if (!this.has(e, component)) return undefined
    return (this.storage(component).data.value as (T | undefined)[])[entityIndex(e)]
  }

  /** Marks a component of the entity at `index` changed, for `query.changed(component)`. Typed arrays cannot notice writes. */
  markChanged(index: number, component: Component): void {
    this.storage(component).changedTick[index] = this.tick
  }

  /** Change ticks of a component per entity index (queries read this). */
  changedTicks(component: Component): Uint32Array {
    return this.storage(component).changedTick
  }

  // ── queries ─────────────────────────────────────────────────────────────────

  /**
   * The cached query for these terms (the same object for the same `with` and `without`). Pass a
   * `defineQuery` handle: it is found by identity, so calling this every frame costs one map lookup.
   */
  query(terms: QueryTerms): Query {
    const known = this.queryByTerms.get(terms)
    if (known) return known
    if (terms.with.length === 0) {
      throw new EngineError('A query needs at least one `with` component; entities without components match nothing.')
    }
    const key = queryKey(terms)
    const cached = this.queryCache.get(key)
    if (cached) {
      if (Object.isFrozen(terms)) this.queryByTerms.set(terms, cached)
      return cached
    }
    const q = new Query(terms, this, this.words, this.entities.capacity)
    for (const c of [...terms.with, ...(terms.without ?? []), ...(terms.optional ?? [])]) {
      this.storage(c)
      if (c.id >= this.words * 32) this.growWords(c.id)
    }
    q.setWords(this.words)
    for (const c of q.watched) (this.queriesByComponent[c.id] ??= []).push(q)
    for (let i = 0; i < this.entities.highWater; i++) {
      if (this.entities.isIndexAlive(i) && q.matches(this.masks, i * this.words)) q.insert(i, this.tick)
    }
    this.queries.push(q)
    this.queryCache.set(key, q)
    // Only frozen terms (defineQuery handles) are remembered by identity: a terms literal built per
    // call would otherwise grow this map every frame.
    if (Object.isFrozen(terms)) this.queryByTerms.set(terms, q)
    return q
  }

  // ── resources and events ────────────────────────────────────────────────────

  /** Inserts or replaces a resource (a typed singleton keyed by its class). */
  insertResource<T extends object>(value: T, key?: ResourceKey<T>): T {
    return this.resources.insert(value, key)
  }

  /** The resource of a class; throws a clear error when it is missing. */
  resource<T>(key: ResourceKey<T>): T {
    return this.resources.get(key)
  }

  /** The resource of a class, or undefined. */
  tryResource<T>(key: ResourceKey<T>): T | undefined {
    return this.resources.tryGet(key)
  }

  /** Removes a resource; returns whether it existed. */
  removeResource(key: ResourceKey<unknown>): boolean {
    return this.resources.remove(key)
  }

  /** The channel of an event type (created on first use). */
  events<T>(type: EventType<T>): Events<T> {
    let channel = this.eventChannels.get(type as EventType<unknown>) as Events<T> | undefined
    if (!channel) {
      channel = new Events(type)
      this.eventChannels.set(type as EventType<unknown>, channel as Events<unknown>)
    }
    return channel
  }

  /** Sends an event. */
  send<T>(type: EventType<T>, event: T): void {
    this.events(type).send(event)
  }

  /** A new reader of an event type; create it once per system, outside the system function. */
  reader<T>(type: EventType<T>): EventReader<T> {
    return this.events(type).reader()
  }

  /**
   * The inbox of an event type (created on first use): what is posted to it from outside the frame
   * loop (a worker, a socket) arrives as events of that type at the next frame's input stage.
   */
  inbox<T>(type: EventType<T>): Inbox<T> {
    let inbox = this.inboxes.get(type as EventType<unknown>) as Inbox<T> | undefined
    if (!inbox) {
      inbox = new Inbox(type, this.events(type))
      this.inboxes.set(type as EventType<unknown>, inbox as Inbox<unknown>)
    }
    return inbox
  }

  // ── frame bookkeeping (the app calls these) ─────────────────────────────────

  /** Delivers every inbox's messages as events (before the input stage). */
  deliverInboxes(): void {
    for (const inbox of this.inboxes.values()) inbox.deliver()
  }

  /** Ends a frame: swaps event buffers and forgets query departures every system has now seen. */
  endFrame(): void {
    for (const channel of this.eventChannels.values()) channel.update()
    // Departures logged before the previous frame began have been seen by every system that runs each frame.
    for (const q of this.queries) q.trim(this.trimBefore)
    this.trimBefore = this.tick
  }

  // ── internals ───────────────────────────────────────────────────────────────

  private storage(component: Component): ComponentStorage {
    let s = this.storages[component.id]
    if (!s) {
      s = new ComponentStorage(component, this.entities.capacity)
      this.storages[component.id] = s
    }
    return s
  }

  /** Re-checks the queries that name `component` for one entity after its mask changed. */
  private recheck(index: number, e: Entity, component: Component): void {
    const qs = this.queriesByComponent[component.id]
    if (!qs) return
    const offset = index * this.words
    for (let k = 0; k < qs.length; k++) {
      const q = qs[k]
      const inside = q.contains(index)
      const match = q.matches(this.masks, offset)
      if (match && !inside) q.insert(index, this.tick)
      else if (!match && inside) q.delete(index, e, this.tick)
    }
  }

  private assertAlive(e: Entity, action: string): void {
    if (!this.entities.isAlive(e)) {
      throw new EngineError(`Cannot ${action} entity ${formatEntity(e)}: it is not alive (despawned, or a stale handle).`)
    }
  }

  private growSlots(capacity: number): void {
    const masks = new Uint32Array(capacity * this.words)
    masks.set(this.masks)
    this.masks = masks
    for (const q of this.queries) q.reserve(capacity)
  }

  /** Widens every entity mask so component id `id` has a bit. */
  private growWords(id: number): void {
    const words = (id >>> 5) + 1
    const capacity = this.entities.capacity
    const masks = new Uint32Array(capacity * words)
    for (let i = 0; i < capacity; i++) for (let w = 0; w < this.words; w++) masks[i * words + w] = this.masks[i * this.words + w]
    this.masks = masks
    this.words = words
    for (const q of this.queries) q.setWords(words)
  }
}

function queryKey(terms: QueryTerms): string {
  const ids = (cs: readonly Component[] | undefined) => (cs ?? []).map((c) => c.id).sort((a, b) => a - b).join(',')
  return `${ids(terms.with)}|${ids(terms.without)}`
}
