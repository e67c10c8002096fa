import { EngineError } from './errors.ts'

/** The key of a resource: its class. `world.resource(Time)` returns the `Time` instance. */
export type ResourceKey<T> = abstract new (...args: never[]) => T

/** Typed singletons keyed by class. */
export class Resources {
  private readonly map = new Map<ResourceKey<unknown>, unknown>()

  /** Inserts or replaces a resource; the key is its class unless given. */
  insert<T extends object>(value: T, key: ResourceKey<T> = value.constructor as ResourceKey<T>): T {
    this.map.set(key, value)
    return value
  }

  /** The resource of a class; throws a clear error when no plugin inserted it. */
  get<T>(key: ResourceKey<T>): T {
    const value = this.map.get(key)
    if (value === undefined) {
      throw new EngineError(
        `Resource ${key.name} is missing: insert it with world.insertResource(new ${key.name}(…)) or add the plugin that provides it.`,
      )
    }
    return value as T
  }

  /** The resource of a class, or undefined. */
  tryGet<T>(key: ResourceKey<T>): T | undefined {
    return this.map.get(key) as T | undefined
  }

  /** True when the resource exists. */
  has(key: ResourceKey<unknown>): boolean {
    return this.map.has(key)
  }

  /** Removes a resource; returns whether it existed. */
  remove(key: ResourceKey<unknown>): boolean {
    return this.map.delete(key)
  }
}
