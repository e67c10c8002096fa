import { describe, expect, it } from 'vitest'
import { AdaptiveRate } from '../../../systems/face/updateRate.ts'

/** Steps `seconds` of frames of `frameMs` each from `start`; returns the clock after. */
function run(rate: AdaptiveRate, start: number, seconds: number, frameMs: number): number {
  let now = start
  for (let t = 0; t < seconds * 1000; t += frameMs) {
    now += frameMs
    rate.observeFrame(now, frameMs)
  }
  return now
}

describe('the face update rate', () => {
  const limits = { maxHz: 30, minHz: 5, frameBudgetMs: 1000 / 30 }

  it('starts at the highest rate', () => {
    expect(new AdaptiveRate(limits).targetHz).toBe(30)
  })

  it('backs off to the lowest rate while frames are over budget', () => {
    const rate = new AdaptiveRate(limits)
    run(rate, 0, 1, 50)
    expect(rate.targetHz).toBeLessThan(30)
    run(rate, 1000, 10, 50)
    expect(rate.targetHz).toBe(5)
  })

  it('climbs back to the highest rate once frames are fast again', () => {
    const rate = new AdaptiveRate(limits)
    const t = run(rate, 0, 10, 50)
    run(rate, t, 10, 1000 / 60)
    expect(rate.targetHz).toBe(30)
  })

  it('holds the rate when frames sit just under budget', () => {
    const rate = new AdaptiveRate(limits)
    let t = run(rate, 0, 2, 60)
    // One second for the smoothed frame time to settle on the new frame time.
    t = run(rate, t, 1, 31)
    const held = rate.targetHz
    run(rate, t, 5, 31)
    expect(rate.targetHz).toBe(held)
  })

  it('spaces requests by the target rate', () => {
    const rate = new AdaptiveRate({ ...limits, maxHz: 10 })
    expect(rate.due(0)).toBe(true)
    rate.requested(0)
    expect(rate.due(50)).toBe(false)
    expect(rate.due(96)).toBe(true)
  })

  it('measures delivered images per second', () => {
    const rate = new AdaptiveRate(limits)
    for (let t = 0; t <= 2000; t += 50) rate.delivered(t)
    expect(rate.measuredHz(2000)).toBe(20)
    expect(rate.measuredHz(3500)).toBe(0)
  })

  it('refuses limits that make no sense', () => {
    expect(() => new AdaptiveRate({ maxHz: 5, minHz: 10, frameBudgetMs: 33 })).toThrow(/minHz <= maxHz/)
  })
})
