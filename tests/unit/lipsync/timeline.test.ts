// The viseme timeline and track: smooth transitions centred on phoneme onsets, coarticulation, barge-in.
import { describe, expect, it } from 'vitest'
import { VisemeTimeline } from '../../../systems/lipsync/timeline.ts'
import { VisemeTrack } from '../../../systems/lipsync/track.ts'
import { CLOSED, shape } from '../../../systems/lipsync/visemes.ts'

const AA = shape({ aa: 1 })
const OU = shape({ ou: 1 })
const out = new Float32Array(5)

function at(timeline: VisemeTimeline, t: number): number[] {
  timeline.sample(t, out)
  return [...out].map((x) => Math.round(x * 1000) / 1000)
}

describe('VisemeTimeline', () => {
  it('is closed when empty and before the first key’s transition', () => {
    const tl = new VisemeTimeline(0.03)
    expect(at(tl, 5)).toEqual([0, 0, 0, 0, 0])
    tl.push(1, AA)
    expect(at(tl, 0.9)).toEqual([0, 0, 0, 0, 0])
  })

  it('is half-way to a key at its time, starts moving one half-width before and arrives one half-width after', () => {
    const tl = new VisemeTimeline(0.03)
    tl.push(1, AA)
    tl.push(2, CLOSED)
    expect(at(tl, 0.97)[0]).toBe(0)
    expect(at(tl, 0.985)[0]).toBeGreaterThan(0)
    expect(at(tl, 1)[0]).toBeCloseTo(0.5, 3)
    expect(at(tl, 1.03)[0]).toBe(1)
    expect(at(tl, 1.5)[0]).toBe(1)
    expect(at(tl, 2)[0]).toBeCloseTo(0.5, 3)
    expect(at(tl, 2.1)[0]).toBe(0)
  })

  it('narrows transitions between close keys so each is still half-way at its own time', () => {
    const tl = new VisemeTimeline(0.05)
    tl.push(1, AA)
    tl.push(1.02, OU)
    tl.push(1.2, CLOSED)
    const mid = at(tl, 1.02)
    expect(mid[0]).toBeCloseTo(0.5, 3)
    expect(mid[2]).toBeCloseTo(0.5, 3)
  })

  it('changes continuously (no jumps bigger than a smooth step allows)', () => {
    const tl = new VisemeTimeline(0.035)
    const keys = [[0.1, AA], [0.16, OU], [0.19, CLOSED], [0.3, AA], [0.5, CLOSED]] as const
    for (const [t, s] of keys) tl.push(t, s)
    let prev = at(tl, 0)
    for (let t = 0.001; t < 0.6; t += 0.001) {
      const now = at(tl, t)
      for (let v = 0; v < 5; v++) expect(Math.abs(now[v] - prev[v])).toBeLessThan(0.06)
      prev = now
    }
  })

  it('drops keys after a time on truncate, and old keys on prune without changing what is sampled later', () => {
    const tl = new VisemeTimeline(0.03)
    for (let i = 0; i < 200; i++) tl.push(i * 0.1, i % 2 ? AA : OU)
    const before = at(tl, 15.05)
    tl.pruneBefore(15)
    expect(tl.count).toBeLessThan(60)
    expect(at(tl, 15.05)).toEqual(before)
    tl.truncateAfter(16)
    expect(tl.lastTimeS).toBeCloseTo(16, 9)
  })
})

describe('VisemeTrack', () => {
  it('turns phonemes into keys once the next phoneme gives their length, and closes at the end', () => {
    const track = new VisemeTrack(new VisemeTimeline(0.03))
    track.add(1.0, 'ɑː')
    expect(track.timeline.count).toBe(0)
    track.add(1.2, '_')
    expect(track.timeline.count).toBe(1)
    track.end(1.4)
    expect(at(track.timeline, 1.1)[0]).toBe(1)
    expect(at(track.timeline, 1.3)).toEqual([0, 0, 0, 0, 0])
  })

  it('glides through a diphthong: aɪ reaches ih half-way through', () => {
    const track = new VisemeTrack(new VisemeTimeline(0.02))
    track.add(1.0, 'aɪ')
    track.end(1.4)
    expect(at(track.timeline, 1.1)[0]).toBe(1)
    expect(at(track.timeline, 1.3)[1]).toBeGreaterThan(0.7)
  })

  it('lets t and k borrow the next vowel’s rounding (coarticulation) but keeps m closed', () => {
    const track = new VisemeTrack(new VisemeTimeline(0.01))
    track.add(1.0, 't')
    track.add(1.1, 'uː')
    track.add(1.3, 'm')
    track.add(1.4, 'uː')
    track.end(1.6)
    const t = at(track.timeline, 1.05)
    expect(t[2]).toBeGreaterThan(0.5) // rounded during the t of "too"
    expect(at(track.timeline, 1.35)).toEqual([0, 0, 0, 0, 0]) // lips shut for m
  })

  it('ignores language markers, which take no time', () => {
    const track = new VisemeTrack(new VisemeTimeline(0.01))
    track.add(1.0, 'a')
    track.add(1.1, '(en)')
    track.add(1.2, '_')
    track.end(1.3)
    expect(at(track.timeline, 1.15)[0]).toBe(1)
  })

  it('closes the mouth within one transition of a barge-in and forgets what was scheduled after it', () => {
    const track = new VisemeTrack(new VisemeTimeline(0.03))
    track.add(1.0, 'a')
    track.add(3.0, '_')
    track.add(3.2, 'a')
    track.stop(1.5)
    expect(at(track.timeline, 1.49)[0]).toBe(1)
    expect(at(track.timeline, 1.6)).toEqual([0, 0, 0, 0, 0])
    expect(at(track.timeline, 3.3)).toEqual([0, 0, 0, 0, 0])
    expect(track.holding).toBe(false)
  })
})
