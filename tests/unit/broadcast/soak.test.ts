// The short soak (CI): ten simulated minutes of chat at 10 msg/s; the long one is bench/broadcast.
import { describe, expect, it } from 'vitest'
import { runSoak } from './soak.ts'

describe('broadcast soak (short)', () => {
  it('loses no accepted message and counts every rejection with its reason', () => {
    const r = runSoak({ durationMs: 10 * 60_000 })
    expect(r.sent).toBe(6000)
    const rejected = Object.values(r.rejectedByReason).reduce((a, b) => a + b, 0)
    expect(r.accepted + rejected).toBe(r.sent)
    expect(r.rejectedEvents).toBe(rejected)
    expect(r.rejectedByReason.rate_limited).toBeGreaterThan(0)
    expect(r.rejectedByReason.blocked).toBeGreaterThan(0)
    expect(r.rejectedByReason.too_long).toBeGreaterThan(0)
    expect(r.rejectedByReason.empty).toBeGreaterThan(0)
    expect(r.unaccounted).toBe(0)
    expect(r.answered).toBeGreaterThan(100)
    // At most one message is being answered when the soak stops; the rest are answered, skipped (counted) or waiting.
    expect(r.accepted - r.answered - r.skipped.stale - r.skipped.overflow - r.waiting).toBeLessThanOrEqual(1)
  })
})
