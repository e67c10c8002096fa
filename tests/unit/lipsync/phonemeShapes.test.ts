// espeak-ng phonemes of English and Mandarin → mouth shapes.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { PhonemeKind, phonemeShape } from '../../../systems/lipsync/phonemeShapes.ts'
import { VISEMES, type VisemeVector } from '../../../systems/lipsync/visemes.ts'
import { EspeakSynth } from '../../../systems/voice/espeak/synth.ts'

/** The strongest viseme of a shape. */
function strongest(v: VisemeVector): string {
  let best = 0
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i
  return VISEMES[best]
}

describe('phonemeShape', () => {
  it.each([
    ['ɑː', 'aa'], ['a', 'aa'], ['æ', 'aa'], ['ʌ', 'aa'], // English open vowels
    ['iː', 'ih'], ['ɪ', 'ih'], ['i', 'ih'],
    ['uː', 'ou'], ['ʊ', 'ou'], ['u', 'ou'],
    ['ɛ', 'ee'], ['e', 'ee'],
    ['o', 'oh'], ['ɔ', 'oh'],
  ])('maps the vowel %s to %s', (phoneme, viseme) => {
    const s = phonemeShape(phoneme)
    expect(s.kind).toBe(PhonemeKind.vowel)
    expect(strongest(s.shapes[0])).toBe(viseme)
  })

  it('reads diphthongs and Mandarin triphthongs as glides through their vowels', () => {
    expect(phonemeShape('aɪ').shapes.map(strongest)).toEqual(['aa', 'ih'])
    expect(phonemeShape('oʊ').shapes.map(strongest)).toEqual(['oh', 'ou'])
    expect(phonemeShape('ɑu').shapes.map(strongest)).toEqual(['aa', 'ou'])
    expect(phonemeShape('iou').shapes.map(strongest)).toEqual(['ih', 'oh', 'ou'])
    expect(phonemeShape('uai').shapes.map(strongest)).toEqual(['ou', 'aa', 'ih'])
  })

  it('does not glide on a length mark', () => {
    expect(phonemeShape('iː').shapes).toHaveLength(1)
  })

  it('closes the lips for p, b, m and Mandarin ph, whatever the stress marks', () => {
    for (const p of ['p', 'b', 'm', 'ph', 'ˈm']) {
      const s = phonemeShape(p)
      expect(s.kind).toBe(PhonemeKind.closure)
      expect(s.shapes[0].every((w) => w === 0)).toBe(true)
    }
  })

  it('gives lip-shaped consonants their own shape and the rest a transparent one', () => {
    expect(phonemeShape('w').kind).toBe(PhonemeKind.shaped)
    expect(strongest(phonemeShape('w').shapes[0])).toBe('ou')
    expect(phonemeShape('s.').kind).toBe(PhonemeKind.shaped) // Mandarin "sh"
    for (const c of ['t', 'k', 'n', 'tɕ', 'χ', 'θ']) expect(phonemeShape(c).kind).toBe(PhonemeKind.transparent)
  })

  it('reads Mandarin apical vowels as a small spread opening and language markers as nothing', () => {
    expect(phonemeShape('i.').kind).toBe(PhonemeKind.vowel)
    expect(strongest(phonemeShape('i.').shapes[0])).toBe('ih')
    expect(phonemeShape('(en)').kind).toBe(PhonemeKind.marker)
    expect(phonemeShape('_').kind).toBe(PhonemeKind.pause)
  })
})

describe('every phoneme espeak-ng says in a Chinese and an English text', () => {
  const seen = new Map<string, Set<string>>()

  beforeAll(async () => {
    const gz = readFileSync(new URL('../../../systems/voice/espeak/zh-en.espeak.bin', import.meta.url))
    const synth = await EspeakSynth.create(gunzipSync(gz))
    const texts: [string, string][] = [
      ['en-us', 'The quick brown fox jumps over the lazy dog. She measured azure vision: church, judge, thin, this, yes, boy, cow, toy, hair, near, pure, bird.'],
      ['cmn', '大家好，欢迎来到直播间！今天我们一起玩我的世界，推荐的商品是保温杯，只要四十九元。谢谢你的礼物，小熊猫，下次见。日出而作，四是四，十是十。'],
    ]
    for (const [voice, text] of texts) {
      const names = new Set<string>()
      synth.synthesize(text, { voice, rateWpm: 175, pitch: 50 }, (chunk) => {
        for (const m of chunk.marks) names.add(m.phoneme)
        return false
      })
      seen.set(voice, names)
    }
  }, 60_000)

  it('gives every vowel espeak emits a non-closed shape', () => {
    for (const [voice, names] of seen) {
      expect(names.size, voice).toBeGreaterThan(15)
      for (const name of names) {
        const s = phonemeShape(name)
        if (s.kind === PhonemeKind.vowel) expect(Math.max(...s.shapes[0]), `${voice} ${name}`).toBeGreaterThan(0.3)
      }
    }
  })

  it('recognises the vowels of both languages as vowels, not as unknown consonants', () => {
    const vowels = (voice: string) => [...seen.get(voice)!].filter((n) => phonemeShape(n).kind === PhonemeKind.vowel)
    expect(vowels('en-us').length).toBeGreaterThan(8)
    expect(vowels('cmn').length).toBeGreaterThan(8)
    expect(seen.get('cmn')!.has('i.') || seen.get('cmn')!.has('i̪')).toBe(true)
  })
})
