import type { AddArgs, Component } from './component.ts'
import type { Entity } from './entity.ts'

/** What a command buffer needs from the world (kept narrow so commands do not import the world). */
export interface CommandTarget {
  spawn(): Entity
  isAlive(e: Entity): boolean
  add(e: Entity, component: Component, value?: unknown): void
  remove(e: Entity, component: Component): boolean
  despawn(e: Entity): boolean
}

const enum Op {
  Insert,
  Remove,
  Despawn,
}

/**
 * Deferred structural changes. Systems queue spawn / insert / remove / despawn here while they
 * iterate queries; the app applies the queue at the end of each stage, in the order queued.
 * A command whose entity is already gone (despawned twice, say) is skipped and counted.
 */
export class Commands {
  // Parallel arrays reused frame after frame: `count` slots are live, the rest are spare capacity.
  private ops: Op[] = []
  private entities: Entity[] = []
  private components: (Component | null)[] = []
  private values: unknown[] = []
  private count = 0
  /** Commands skipped because their entity was gone when they were applied. */
  skipped = 0

  constructor(private readonly target: CommandTarget) {}

  /** Number of queued commands. */
  get pending(): number {
    return this.count
  }

  /**
   * Spawns an entity now (so its handle can be stored at once) and queues its components.
   * It has no components until the stage ends, so no query sees it before then.
   */
  spawn(): EntityCommands {
    return new EntityCommands(this, this.target.spawn())
  }

  /** Commands for an existing entity. */
  entity(e: Entity): EntityCommands {
    return new EntityCommands(this, e)
  }

  /** Queues one command (EntityCommands calls this). */
  push(op: Op, e: Entity, component: Component | null, value: unknown): void {
    const k = this.count++
    this.ops[k] = op
    this.entities[k] = e
    this.components[k] = component
    this.values[k] = value
  }

  /** Applies every queued command in order and empties the queue. */
  apply(): void {
    // A command applied here may not queue more (add/remove/despawn never do), so `count` is fixed.
    const n = this.count
    for (let k = 0; k < n; k++) {
      const e = this.entities[k]
      if (!this.target.isAlive(e)) this.skipped++
      else if (this.ops[k] === Op.Insert) this.target.add(e, this.components[k]!, this.values[k])
      else if (this.ops[k] === Op.Remove) this.target.remove(e, this.components[k]!)
      else this.target.despawn(e)
      // Drop references so queued objects (meshes, audio handles) can be collected.
      this.components[k] = null
      this.values[k] = undefined
    }
    this.count = 0
  }
}

/** Queues commands for one entity; chainable. */
export class EntityCommands {
  constructor(
    private readonly commands: Commands,
    /** The entity these commands are for. */
    readonly id: Entity,
  ) {}

  /** Queues adding (or overwriting) a component. */
  insert<C extends Component>(component: C, ...args: AddArgs<C>): this {
    this.commands.push(Op.Insert, this.id, component, args[0])
    return this
  }

  /** Queues removing a component. */
  remove(component: Component): this {
    this.commands.push(Op.Remove, this.id, component, undefined)
    return this
  }

  /** Queues despawning the entity. */
  despawn(): void {
    this.commands.push(Op.Despawn, this.id, null, undefined)
  }
}
