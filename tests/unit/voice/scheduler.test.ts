// The speech schedule on a fake audio clock: gapless chaining, late chunks, barge-in.
import { describe, expect, it } from 'vitest'
import { START_LEAD_S, SpeechScheduler } from '../../../systems/voice/scheduler.ts'

function fakeClock(start = 10) {
  const clock = { t: start, now: () => clock.t }
  return clock
}

describe('SpeechScheduler', () => {
  it('starts the first chunk one lead after now and chains the next chunks of the utterance without gaps', () => {
    const clock = fakeClock()
    const s = new SpeechScheduler(clock)
    const a = s.place(1, 0, 0.5)
    expect(a.startS).toBeCloseTo(10 + START_LEAD_S, 9)
    const b = s.place(1, 0.5, 0.5)
    expect(b.startS).toBeCloseTo(a.startS + 0.5, 9)
    expect(b.utteranceStartS).toBe(a.utteranceStartS)
    expect(s.endS).toBeCloseTo(a.startS + 1, 9)
  })

  it('queues the next utterance right after the current one', () => {
    const clock = fakeClock()
    const s = new SpeechScheduler(clock)
    s.place(1, 0, 2)
    const next = s.place(2, 0, 1)
    expect(next.startS).toBeCloseTo(10 + START_LEAD_S + 2, 9)
  })

  it('moves the rest of an utterance later when a chunk arrives after its slot, keeping audio and phonemes together', () => {
    const clock = fakeClock()
    const s = new SpeechScheduler(clock)
    const first = s.place(1, 0, 0.2)
    clock.t += 0.5 // the second chunk is 0.3 s late
    const late = s.place(1, 0.2, 0.2)
    expect(late.startS).toBeCloseTo(clock.t + START_LEAD_S, 9)
    expect(late.utteranceStartS).toBeCloseTo(late.startS - 0.2, 9)
    expect(late.utteranceStartS).toBeGreaterThan(first.utteranceStartS)
  })

  it('is speaking until its audio has played', () => {
    const clock = fakeClock()
    const s = new SpeechScheduler(clock)
    s.place(1, 0, 1)
    expect(s.speaking).toBe(true)
    clock.t += 1.1
    expect(s.speaking).toBe(false)
  })

  it('cuts everything on stop, and the next utterance starts from now', () => {
    const clock = fakeClock()
    const s = new SpeechScheduler(clock)
    s.place(1, 0, 5)
    clock.t += 1
    s.stop()
    expect(s.speaking).toBe(false)
    const fresh = s.place(2, 0, 1)
    expect(fresh.startS).toBeCloseTo(clock.t + START_LEAD_S, 9)
    expect(s.startOf(1)).toBeNull()
  })

  it('keeps its schedule while the clock stands still (autoplay blocked): nothing is lost, all plays once the clock runs', () => {
    const clock = fakeClock(0)
    const s = new SpeechScheduler(clock)
    const a = s.place(1, 0, 1)
    const b = s.place(2, 0, 1)
    expect(b.startS).toBeCloseTo(a.startS + 1, 9)
    expect(s.endS).toBeCloseTo(START_LEAD_S + 2, 9)
  })
})
