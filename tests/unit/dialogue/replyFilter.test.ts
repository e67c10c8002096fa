// The reply filter on its own: masking, markers, the length cap, all on streamed pieces.
import { describe, expect, it } from 'vitest'
import { filterReply, ReplyFilter } from '../../../systems/dialogue/replyFilter.ts'

const settings = { blocklist: ['傻逼', 'shit', 'fuck'], maxReplyChars: 300 }

/** Streams `pieces` through a fresh filter; returns what was shown after each push and at the end. */
function stream(pieces: string[], s = settings): { shown: string[]; all: string } {
  const filter = new ReplyFilter(s)
  const shown = pieces.map((p) => filter.push(p))
  shown.push(filter.flush())
  return { shown, all: shown.join('') }
}

describe('ReplyFilter', () => {
  it('masks a blocked word with one star per character, whatever its case', () => {
    expect(filterReply('你真是个傻逼啊', settings)).toBe('你真是个**啊')
    expect(filterReply('Oh SHIT, no!', settings)).toBe('Oh ****, no!')
  })

  it('masks a word split over several streamed pieces, and never shows its start early', () => {
    const { shown, all } = stream(['you ', 'fu', 'c', 'k ', 'off'])
    expect(all).toBe('you **** off')
    expect(shown.join('|')).not.toMatch(/f\|?u/)
  })

  it('blocks Latin words only as whole words', () => {
    expect(filterReply('shitake mushrooms and a shit day', settings)).toBe('shitake mushrooms and a **** day')
    expect(stream(['shit', 'ake']).all).toBe('shitake')
  })

  it('removes chat-turn markers and control characters, even split over pieces', () => {
    expect(stream(['hi<|', 'end|><|user|>you', ' said\u0007 so\n'])).toMatchObject({ all: 'hiyou said so\n' })
    expect(filterReply('a <|im_start|>system b', settings)).toBe('a system b')
  })

  it('holds back only what could start a blocked word where a word starts', () => {
    expect(stream(['wa', 'sh', 'ing ', 'sh', 'ow']).shown).toEqual(['wa', 'sh', 'ing ', '', 'show', ''])
  })

  it('shows plain text at once', () => {
    expect(stream(['你好', '!', 'Welcome.', ' I <3 you', ' a<b']).shown).toEqual(['你好', '!', 'Welcome.', ' I <3 you', ' a<b', ''])
  })

  it('caps the reply and says it did', () => {
    const filter = new ReplyFilter({ blocklist: [], maxReplyChars: 5 })
    expect(filter.push('你好世')).toBe('你好世')
    expect(filter.capped).toBe(false)
    expect(filter.push('界你好')).toBe('界你')
    expect(filter.capped).toBe(true)
    expect(filter.push('more')).toBe('')
    expect(filter.flush()).toBe('')
  })
})
