/** Milliseconds from a monotonic clock: `performance.now()` where it exists (browsers, Node), else `Date.now()`. */
export const now: () => number = (() => {
  const perf = (globalThis as { performance?: { now(): number } }).performance
  return perf ? () => perf.now() : () => Date.now()
})()
