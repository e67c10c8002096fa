import { describe, expect, it } from 'vitest'
import { Blinked, createBlinkApp, Eyes, Sway } from '../../engine/examples/blink.ts'

describe('the engine README example', () => {
  it('blinks first at 2.5 s with eyes shut for ~150 ms, and its sway spring settles', () => {
    const app = createBlinkApp()
    const blinks = app.world.reader(Blinked)
    const times: number[] = []
    let shutFrames = 0
    for (let f = 0; f < 600; f++) {
      app.step(1000 / 60)
      for (const b of blinks.read()) times.push(b.atMs)
      if (f < 160 && app.world.store(Eyes).open[0] === 0) shutFrames++
    }
    expect(times[0]).toBeCloseTo(2500, -1)
    expect(times.length).toBeGreaterThanOrEqual(2)
    expect(shutFrames).toBeGreaterThanOrEqual(8)
    expect(shutFrames).toBeLessThanOrEqual(10)
    expect(Math.abs(app.world.store(Sway).angleRad[0])).toBeLessThan(0.01)
  })
})
