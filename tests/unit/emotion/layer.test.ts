// The emotion layer on a manual clock: the ease in/out curve, holding until the next tag, release
// after the reply, timing to the voice's sound, and the layer order that keeps mocap above it.
import { afterEach, describe, expect, it } from 'vitest'
import { EXPRESSION_SOURCES } from '../../../systems/avatar/index.ts'
import { easeInOut } from '../../../systems/emotion/index.ts'
import { emotionApp, type EmotionTestApp } from './emotionApp.ts'

let current: EmotionTestApp | undefined
afterEach(() => {
  current?.dispose()
  current = undefined
})

let t: EmotionTestApp

/** Asks, streams one reply and ends it; the sentences arrive at the next frame. */
function reply(text: string): number {
  const id = t.ask('hi')
  t.stream(id, text)
  t.finish(id)
  return id
}

describe('easeInOut', () => {
  it('is smoothstep: flat at both ends, symmetric, clamped', () => {
    expect([0, 0.25, 0.5, 0.75, 1].map(easeInOut)).toEqual([0, 0.15625, 0.5, 0.84375, 1])
    expect(easeInOut(-1)).toBe(0)
    expect(easeInOut(2)).toBe(1)
  })
})

describe('the emotion layer', () => {
  it('eases happy in over easeInMs (300 ms) to strength × intensity (0.8), frame by frame', () => {
    t = current = emotionApp()
    reply('[happy]太好了。')
    t.step() // the sentence arrives and its mood shows at this frame's time
    const values: number[] = []
    for (let f = 0; f < 13; f++) {
      values.push(Number(t.layer('happy').toFixed(4)))
      t.step()
    }
    // One value per 25 ms frame: 0.8 × smoothstep(k / 12).
    expect(values).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].map((k) => Number((0.8 * easeInOut(k / 12)).toFixed(4))))
    expect(t.resolved('happy')).toBeCloseTo(0.8, 5)
  })

  it('holds the emotion across untagged sentences until the next tag, then crosses over', () => {
    t = current = emotionApp({ settings: { releaseHoldMs: 10_000 } })
    const id = t.ask('hi')
    t.stream(id, '[happy]好的。今天玩我的世界。')
    t.step(20)
    expect(t.seen.moods.map((m) => [m.emotion, m.origin])).toEqual([['happy', 'inline'], ['happy', 'carried']])
    expect(t.layer('happy')).toBeCloseTo(0.8, 5)
    t.stream(id, '[sad]可是要下播了。')
    t.step()
    // Mid-way through the crossing: happy falls over 500 ms, sad rises over 300 ms.
    t.step(6) // 150 ms in
    expect(t.layer('sad')).toBeCloseTo(0.8 * 0.5, 5)
    expect(t.layer('happy')).toBeCloseTo(0.8 * (1 - easeInOut(150 / 500)), 5)
    t.step(20)
    expect(t.layer('sad')).toBeCloseTo(0.8, 5)
    expect(t.holds('happy')).toBe(false) // faded out: released, not left at 0
  })

  it('releases the layer releaseHoldMs after the reply ends, easing out over easeOutMs', () => {
    t = current = emotionApp({ settings: { releaseHoldMs: 1000, easeOutMs: 500 } })
    reply('[surprised]哇。')
    t.step(2) // the sentence, then ReplyDone
    let frames = 0
    while (t.mood().emotion !== 'neutral' && frames < 200) {
      t.step()
      frames++
    }
    // Released 1000 ms (40 frames) after the reply ended, give or take the frame it ended in.
    expect(frames).toBeGreaterThanOrEqual(39)
    expect(frames).toBeLessThanOrEqual(41)
    expect(t.layer('surprised')).toBeCloseTo(0.8, 5) // the fade starts from here
    t.step(10) // 250 ms into the 500 ms fade
    expect(t.layer('surprised')).toBeCloseTo(0.8 * (1 - easeInOut(250 / 500)), 5)
    t.step(10)
    expect(t.holds('surprised')).toBe(false)
    t.step()
    expect(t.resolved('surprised')).toBe(0)
  })

  it('treats [neutral] as the layer released', () => {
    t = current = emotionApp({ settings: { releaseHoldMs: 60_000 } })
    const id = t.ask('hi')
    t.stream(id, '[sad]唉。')
    t.step(20)
    t.stream(id, '[neutral]好了。')
    t.step(30)
    expect(t.holds('sad')).toBe(false)
  })

  it('writes only the presets the avatar has, so no unknown names appear', () => {
    t = current = emotionApp()
    const before = [...t.weights.names]
    reply('[angry]气死我了。')
    t.step(20)
    expect(t.mood().emotion).toBe('angry')
    expect(t.weights.names).toEqual(before)
  })

  it('keeps the layer order idle < emotion < mocap < lipsync < manual: mocap and lipsync still win', () => {
    expect(EXPRESSION_SOURCES).toEqual(['idle', 'emotion', 'mocap', 'lipsync', 'manual'])
    t = current = emotionApp({ settings: { releaseHoldMs: 60_000 } })
    reply('[happy]太好了。')
    t.step(20)
    expect(t.resolved('happy')).toBeCloseTo(0.8, 5)
    t.weights.set('happy', 0.1, 'mocap') // a tracked face smiling a little
    t.step()
    expect(t.resolved('happy')).toBeCloseTo(0.1, 5)
    expect(t.layer('happy')).toBeCloseTo(0.8, 5) // the emotion is still held underneath
    t.weights.unset('happy', 'mocap')
    t.step()
    expect(t.resolved('happy')).toBeCloseTo(0.8, 5)
    t.weights.set('happy', 0, 'manual')
    t.step()
    expect(t.resolved('happy')).toBe(0)
  })
})

describe('timing to the voice', () => {
  it('shows each sentence\'s mood when its sound starts on the audio clock, not when its text arrives', () => {
    t = current = emotionApp({ voice: true, settings: { releaseHoldMs: 60_000 } })
    const id = t.ask('hi')
    t.stream(id, '[happy]太好了。[sad]可是要下播了。')
    t.step()
    expect(t.seen.moods.map((m) => m.emotion)).toEqual(['happy', 'sad'])
    expect(t.engine().requests.map((r) => r.text)).toEqual(['太好了。', '可是要下播了。'])
    t.step(10)
    expect(t.holds('happy')).toBe(false) // nothing sounds yet
    t.audioClock.s = 0.5
    t.engine().play(1) // 太好了: scheduled just after the clock's now (the voice leads by 12 ms), 0.512 s → 1.512 s
    t.engine().play(2) // 可是要下播了: 1.512 s → 3.512 s
    t.step(5)
    expect(t.holds('happy')).toBe(false) // scheduled, not yet sounding
    t.audioClock.s = 0.52
    t.step(13)
    expect(t.layer('happy')).toBeCloseTo(0.8, 5)
    expect(t.holds('sad')).toBe(false)
    t.audioClock.s = 1.52
    t.step(21) // happy's 500 ms fade, from the frame that saw the clock pass 1.512 s
    expect(t.layer('sad')).toBeCloseTo(0.8, 5)
    expect(t.holds('happy')).toBe(false)
  })

  it('waits for the last sound before the release hold starts', () => {
    t = current = emotionApp({ voice: true, settings: { releaseHoldMs: 500 } })
    reply('[happy]太好了。')
    t.step(2)
    t.engine().play(2) // 0.012 → 2.012 s on the audio clock
    t.audioClock.s = 0.02
    t.step(40) // 1 s of frames, the reply long done, the sound still playing
    expect(t.layer('happy')).toBeCloseTo(0.8, 5)
    t.audioClock.s = 2.02
    t.step(21) // the 500 ms hold
    expect(t.mood().emotion).toBe('neutral')
  })

  it('counts a mixed-language sentence as several utterances, so the next mood waits for its own', () => {
    t = current = emotionApp({ voice: true, settings: { releaseHoldMs: 60_000 } })
    const id = t.ask('hi')
    t.stream(id, '[happy]今天玩 Minecraft 吧。[sad]好累。')
    t.step()
    expect(t.engine().requests.map((r) => r.text)).toEqual(['今天玩', 'Minecraft', '吧。', '好累。'])
    for (let k = 0; k < 3; k++) t.engine().play(1)
    t.audioClock.s = 2.5
    t.step(20)
    expect(t.mood().emotion).toBe('happy') // three utterances heard, all of the first sentence
    t.engine().play(1)
    t.audioClock.s = 3.02
    t.step(20)
    expect(t.mood().emotion).toBe('sad')
  })

  it('shows the mood anyway after voiceWaitMs when the sound never comes', () => {
    t = current = emotionApp({ voice: true, settings: { voiceWaitMs: 1000 } })
    reply('[happy]太好了。')
    t.step(39)
    expect(t.mood().emotion).toBe('neutral')
    t.step(2)
    expect(t.mood().emotion).toBe('happy')
    expect(t.mood().stats.voiceTimeouts).toBe(1)
  })

  it('drops the moods of a reply cut by a new message', () => {
    t = current = emotionApp({ voice: true })
    const first = t.ask('one')
    t.stream(first, '[angry]哼。')
    t.step()
    const second = t.ask('two')
    t.stream(second, '[happy]好的。')
    t.step()
    t.audioClock.s = 1
    t.engine().play(1)
    t.audioClock.s = 1.02
    t.step(20)
    expect(t.mood().emotion).toBe('happy')
    expect(t.mood().replyId).toBe(second)
  })
})
