import type { Query, QueryTerms, World } from '../../engine/index.ts'

/**
 * A query getter for systems written as plain functions: the query is made once per world and
 * found again with one WeakMap lookup, since `world.query(terms)` builds a key string each call.
 */
export function cachedQuery(terms: QueryTerms): (world: World) => Query {
  const byWorld = new WeakMap<World, Query>()
  return (world) => {
    let q = byWorld.get(world)
    if (!q) {
      q = world.query(terms)
      byWorld.set(world, q)
    }
    return q
  }
}
