// What the voice is given to say: cleaning, escaping, the split by language, and chunking.
import { describe, expect, it } from 'vitest'
import { chunkText, cleanForSpeech, escapeForEspeak, prepareSpeech, splitByLanguage } from '../../../systems/voice/text.ts'

describe('cleanForSpeech', () => {
  it('drops emoji and symbols the voice cannot say, keeping the words around them apart', () => {
    expect(cleanForSpeech('hi😀there ✨ 大家好🎉')).toBe('hi there 大家好')
  })

  it('returns an empty string for text with nothing to say', () => {
    expect(cleanForSpeech('😀🎉✨')).toBe('')
    expect(cleanForSpeech('   \n\t ')).toBe('')
  })

  it('keeps markup-like characters, to be escaped and read out', () => {
    expect(cleanForSpeech('<b>bold</b> & more')).toBe('<b>bold</b> & more')
  })
})

describe('escapeForEspeak', () => {
  it('escapes the three characters espeak-ng would read as SSML', () => {
    expect(escapeForEspeak('<voice name="x"> & </voice>')).toBe('&lt;voice name="x"&gt; &amp; &lt;/voice&gt;')
  })

  it('escapes an ampersand before the brackets, so an entity is never doubled into markup', () => {
    expect(escapeForEspeak('&lt;')).toBe('&amp;lt;')
  })
})

describe('splitByLanguage', () => {
  it('splits mixed Chinese and English into runs of one script', () => {
    expect(splitByLanguage('今天我们玩Minecraft，好不好？OK!')).toEqual([
      { lang: 'zh', text: '今天我们玩' },
      { lang: 'en', text: 'Minecraft，' },
      { lang: 'zh', text: '好不好？' },
      { lang: 'en', text: 'OK!' },
    ])
  })

  it('keeps digits and punctuation with the run they follow', () => {
    expect(splitByLanguage('GPT-2 模型有 3 个 layers.')).toEqual([
      { lang: 'en', text: 'GPT-2' },
      { lang: 'zh', text: '模型有 3 个' },
      { lang: 'en', text: 'layers.' },
    ])
  })

  it('gives leading digits to the first run and letterless text to the fallback language', () => {
    expect(splitByLanguage('3 cats')).toEqual([{ lang: 'en', text: '3 cats' }])
    expect(splitByLanguage('49', 'zh')).toEqual([{ lang: 'zh', text: '49' }])
    expect(splitByLanguage('49', 'en')).toEqual([{ lang: 'en', text: '49' }])
  })

  it('drops runs with nothing to say', () => {
    expect(splitByLanguage('。。！')).toEqual([])
  })
})

describe('chunkText', () => {
  it('cuts at a sentence end within reach', () => {
    expect(chunkText('First one here. Second sentence is longer.', 20)).toEqual(['First one here.', 'Second sentence is', 'longer.'])
  })

  it('cuts Chinese without punctuation after maxChars characters', () => {
    expect(chunkText('一二三四五六七八九十一二三', 5)).toEqual(['一二三四五', '六七八九十', '一二三'])
  })

  it('prefers a clause break to a space', () => {
    expect(chunkText('alpha beta, gamma delta epsilon', 18)).toEqual(['alpha beta,', 'gamma delta', 'epsilon'])
  })

  it('refuses a zero length', () => {
    expect(() => chunkText('x', 0)).toThrow(RangeError)
  })
})

describe('prepareSpeech', () => {
  it('turns a 5,000-character reply into short pieces in order, losing no words', () => {
    const sentence = 'The anchor reads a long reply aloud, piece by piece. '
    const reply = sentence.repeat(Math.ceil(5000 / sentence.length)).slice(0, 5000)
    const pieces = prepareSpeech(reply, 120)
    expect(pieces.length).toBeGreaterThan(40)
    for (const p of pieces) expect([...p.text].length).toBeLessThanOrEqual(120)
    expect(pieces.map((p) => p.text).join(' ').replace(/\s+/g, ' ')).toBe(reply.trim().replace(/\s+/g, ' '))
  })

  it('says nothing for emoji-only or empty text', () => {
    expect(prepareSpeech('🎉🎉', 120)).toEqual([])
    expect(prepareSpeech('', 120)).toEqual([])
  })
})
