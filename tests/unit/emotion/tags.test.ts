// Stage tags in the reply: removed in the dialogue's reply path before any text is shown or spoken,
// even split over streamed tokens; handed to the sentence they belong to; read by the inline source;
// and never taken from what a viewer writes.
import { afterEach, describe, expect, it } from 'vitest'
import { ReplyFilter } from '../../../systems/dialogue/replyFilter.ts'
import { emotionApp, type EmotionTestApp } from './emotionApp.ts'

const settings = { blocklist: ['shit'], maxReplyChars: 300 }

/** Streams pieces through a fresh filter; what each push showed, and every tag it removed. */
function stream(pieces: readonly string[]) {
  const filter = new ReplyFilter(settings)
  const shown: string[] = []
  const tags: string[] = []
  for (const p of [...pieces, null]) {
    shown.push(p === null ? filter.flush() : filter.push(p))
    for (const t of filter.takeTags()) tags.push(t.key ? `${t.key}:${t.name}` : t.name)
  }
  return { shown, all: shown.join(''), tags }
}

/** Every way to cut `text` in two. */
function splits(text: string): [string, string][] {
  return [...Array(text.length + 1).keys()].map((k) => [text.slice(0, k), text.slice(k)])
}

describe('ReplyFilter: stage tags', () => {
  it('removes each tag form and hands it on, lower-cased', () => {
    const r = stream(['[happy] 太好了！[Emotion:SAD]唉。<surprised>哇</surprised>[gesture = wave]<gesture:nod/>好'])
    expect(r.all).toBe(' 太好了！唉。哇好')
    expect(r.tags).toEqual(['happy', 'emotion:sad', 'surprised', 'gesture:wave', 'gesture:nod'])
  })

  it('never shows any part of a tag split across two streamed tokens, at any split point', () => {
    for (const text of ['[happy] 太好了！谢谢你的礼物！', 'ok <emotion:sad> bye', 'a [gesture:wave] b']) {
      for (const [a, b] of splits(text)) {
        const r = stream([a, b])
        expect(r.shown.join('|')).not.toMatch(/[[\]<>]|happy|emotion|gesture/)
        expect(r.tags.length).toBe(1)
      }
    }
  })

  it('never shows a tag streamed one character at a time', () => {
    const r = stream([...'[happy]太好了！<gesture:clap>'])
    expect(r.shown.join('')).toBe('太好了！')
    expect(r.shown.every((s) => !/[[<]/.test(s))).toBe(true)
    expect(r.tags).toEqual(['happy', 'gesture:clap'])
  })

  it('leaves text that only looks like a tag: numbers, Chinese, spaces, comparisons, hearts', () => {
    for (const text of ['see [1] and [2]', '【开心】[开心]', '[happy birthday] to you', 'a < b > c', 'I <3 you', 'x<y and a>b']) {
      expect(stream([text]).all).toBe(text)
    }
  })

  it('stays safe on hostile replies: tags in a loop, never closed, nested, huge', () => {
    const loop = stream(['[happy]'.repeat(500) + 'hi'])
    expect(loop.all).toBe('hi')
    expect(loop.tags.length).toBe(64) // MAX_TAGS_PER_REPLY: the rest removed, not kept
    expect(stream(['hi [hap']).all).toBe('hi ') // a tag begun and never closed is dropped at the end
    expect(stream(['hi [', 'x' + 'y'.repeat(40)]).all).toBe('hi [x' + 'y'.repeat(40)) // too long to be a tag: shown
    expect(stream(['[[happy]]']).all).toBe('[]')
    expect(stream(['<|im_start|>[happy]shit']).all).toBe('****') // markers and blocked words still handled
  })
})

describe('the dialogue reply path with tags', () => {
  let t: EmotionTestApp
  afterEach(() => t.dispose())

  it('shows and speaks no tag, and gives each sentence its own tags', () => {
    t = emotionApp()
    const id = t.ask('送你礼物')
    // Sentences end at 。 here: the dialogue's splitter does not end one at a full-width ！ (systems/dialogue sentences.ts).
    t.stream(id, '[hap', 'py] 太好了', '。[gesture:', 'bow]谢谢你的礼物。[sad', '] 可是要下播了。')
    t.step()
    t.finish(id)
    t.step()
    expect(t.seen.tokens.join('')).toBe(' 太好了。谢谢你的礼物。 可是要下播了。')
    expect(t.seen.tokens.join('|')).not.toMatch(/[[\]]/)
    expect(t.seen.sentences).toEqual([
      { text: '太好了。', tags: [{ key: null, name: 'happy' }] },
      { text: '谢谢你的礼物。', tags: [{ key: 'gesture', name: 'bow' }] },
      { text: '可是要下播了。', tags: [{ key: null, name: 'sad' }] },
    ])
    expect(t.seen.done).toEqual(['太好了。谢谢你的礼物。 可是要下播了。'])
    expect(t.seen.moods.map((m) => [m.emotion, m.gesture, m.origin])).toEqual([['happy', null, 'inline'], ['happy', 'bow', 'carried'], ['sad', null, 'inline']])
  })

  it('lets an inline tag win over the classifier', () => {
    t = emotionApp()
    const id = t.ask('hi')
    t.stream(id, '[sad]太好了！')
    t.step()
    t.finish(id)
    t.step()
    expect(t.seen.moods).toMatchObject([{ emotion: 'sad', intensity: 1, origin: 'inline' }])
  })

  it('takes no tag from what a viewer writes: viewer text is user content, only the reply is parsed', () => {
    t = emotionApp()
    const id = t.ask('[angry][gesture:clap] <angry> say something')
    t.stream(id, '今天的游戏是我的世界。')
    t.step()
    t.finish(id)
    t.step()
    expect(t.seen.sentences).toEqual([{ text: '今天的游戏是我的世界。', tags: [] }])
    expect(t.seen.moods).toMatchObject([{ emotion: 'neutral', gesture: null, origin: 'carried' }])
    expect(t.seen.gestures).toEqual([])
    t.step(40)
    expect(t.holds('happy') || t.holds('sad')).toBe(false)
  })

  it('counts unknown gestures and ignores them', () => {
    t = emotionApp()
    const id = t.ask('hi')
    t.stream(id, '[gesture:moonwalk][happy]好耶。[gesture:wave]拜拜。')
    t.step()
    t.finish(id)
    t.step()
    expect(t.seen.moods.map((m) => m.gesture)).toEqual([null, 'wave'])
    expect(t.seen.gestures).toEqual(['wave'])
    expect(t.mood().stats).toMatchObject({ unknownGestures: 1, unknownGestureNames: ['moonwalk'], gestures: 1 })
  })
})
