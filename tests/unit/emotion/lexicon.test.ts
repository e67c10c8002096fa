// The bilingual lexicon classifier: accuracy over labelled sentences in both languages, negation,
// intensity, gestures, and that it is deterministic.
import { describe, expect, it } from 'vitest'
import { classifyMood, type Emotion } from '../../../systems/emotion/index.ts'
import { HELD_OUT, LABELLED_EN, LABELLED_ZH, type Labelled } from './labelledSentences.ts'

const label = (text: string): Emotion => classifyMood(text).emotion ?? 'neutral'

/** Accuracy and the misses of a list, printed as a table. */
function score(name: string, list: readonly Labelled[]): number {
  const misses = list.filter(([text, want]) => label(text) !== want)
  const accuracy = 1 - misses.length / list.length
  console.log(`${name}: ${list.length - misses.length}/${list.length} = ${(accuracy * 100).toFixed(1)} %`)
  for (const [text, want] of misses) console.log(`  miss: "${text}" labelled ${want}, read ${label(text)}`)
  return accuracy
}

describe('classifyMood', () => {
  it('labels at least 40 sentences of both languages, each language above 90 %', () => {
    expect(LABELLED_ZH.length + LABELLED_EN.length).toBeGreaterThanOrEqual(40)
    expect(LABELLED_ZH.length).toBeGreaterThanOrEqual(20)
    expect(LABELLED_EN.length).toBeGreaterThanOrEqual(20)
    expect(score('zh (tuned on)', LABELLED_ZH)).toBeGreaterThanOrEqual(0.9)
    expect(score('en (tuned on)', LABELLED_EN)).toBeGreaterThanOrEqual(0.9)
    // Every emotion and neutral appear in each list, so a classifier answering one label cannot pass.
    for (const list of [LABELLED_ZH, LABELLED_EN]) expect(new Set(list.map(([, e]) => e)).size).toBe(6)
  })

  it('reads sentences written after tuning well above chance (six labels: 17 %)', () => {
    expect(score('held out', HELD_OUT)).toBeGreaterThanOrEqual(0.75)
  })

  it('turns negated cues: "not happy" and 不开心 read sad, 不生气 and "not angry" calm', () => {
    expect(label('I am happy.')).toBe('happy')
    expect(label("I'm not happy.")).toBe('sad')
    expect(label('I am not very happy.')).toBe('sad')
    expect(label('我很开心。')).toBe('happy')
    expect(label('我不开心。')).toBe('sad')
    expect(label('我不是很开心。')).toBe('sad')
    expect(label('我不生气。')).toBe('relaxed')
    expect(label("I'm not angry.")).toBe('relaxed')
    expect(label('Not surprised at all.')).toBe('neutral')
  })

  it('keeps phrases that contain a negator as their own cue (不错, 没关系, "not bad", "no worries")', () => {
    expect(label('这个不错。')).toBe('happy')
    expect(label('没关系。')).toBe('relaxed')
    expect(label('Not bad at all.')).toBe('happy')
    expect(label('No worries.')).toBe('relaxed')
    // 非常 and 无比 intensify; they are not 非 and 无 negating.
    expect(label('非常开心！')).toBe('happy')
  })

  it('lets a negator reach only its own clause', () => {
    expect(label("I don't know, but I'm happy!")).toBe('happy')
    expect(label('不知道，但是我很开心。')).toBe('happy')
  })

  it('grows intensity with intensifiers and exclamation marks', () => {
    const plain = classifyMood('I am happy.').intensity
    const very = classifyMood('I am very happy.').intensity
    const loud = classifyMood('I am very happy!!').intensity
    expect(plain).toBeGreaterThan(0.35)
    expect(very).toBeGreaterThan(plain)
    expect(loud).toBeGreaterThan(very)
    expect(loud).toBeLessThanOrEqual(1)
    expect(classifyMood('好开心').scores.happy).toBeGreaterThan(classifyMood('开心').scores.happy)
  })

  it('reads emoji, and "?!" as surprise', () => {
    expect(label('🎉🎉')).toBe('happy')
    expect(label('😭')).toBe('sad')
    expect(label('😡')).toBe('angry')
    expect(label('什么？！')).toBe('surprised')
    expect(label('What?!')).toBe('surprised')
  })

  it('finds no mood in plain statements, and a lone weak cue is not enough', () => {
    expect(classifyMood('今天卖保温杯。')).toMatchObject({ emotion: null, intensity: 0 })
    expect(classifyMood('Cool.').emotion).toBeNull()
    expect(classifyMood('Cool!').emotion).toBe('happy')
  })

  it('suggests the first gesture cue, on word starts only', () => {
    expect(classifyMood('大家好，欢迎来到直播间！').gesture).toBe('wave')
    expect(classifyMood('谢谢你的礼物！').gesture).toBe('bow')
    expect(classifyMood('Hello and thank you!').gesture).toBe('wave')
    expect(classifyMood('His name is Bob.').gesture).toBeNull()
    expect(classifyMood('让我想想……').gesture).toBe('think')
  })

  it('gives the same reading for the same sentence every time', () => {
    const all = [...LABELLED_ZH, ...LABELLED_EN, ...HELD_OUT].map(([t]) => t)
    const once = all.map((t) => JSON.stringify(classifyMood(t)))
    expect(all.map((t) => JSON.stringify(classifyMood(t)))).toEqual(once)
  })
})
