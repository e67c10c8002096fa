// Moderation: cleaning, limits, blocklist and rate limit, each rejection counted with its reason.
import { describe, expect, it } from 'vitest'
import { ChatSource, Moderator, cleanChatText, type IncomingChat } from '../../../systems/broadcast/index.ts'

const chat = (text: string, viewer = 'amy', bits = 0): IncomingChat => ({ viewer, text, source: ChatSource.viewerPage, bits })

describe('cleanChatText', () => {
  it('strips zero-width, bidi and control characters and folds white space', () => {
    expect(cleanChatText('he\u200bl\u200dlo\u202e dlrow\u2066\u0007\n\nthere\ufeff')).toBe('hello dlrow there')
  })
  it('normalises to NFC, so a composed and a decomposed é compare equal', () => {
    expect(cleanChatText('cafe\u0301')).toBe('caf\u00e9')
  })
  it('drops lone surrogates but keeps emoji', () => {
    expect(cleanChatText('a\ud800b 😀')).toBe('ab 😀')
  })
  it('leaves HTML as text (escaping is the renderer\u2019s job, which uses textContent only)', () => {
    expect(cleanChatText('<img src=x onerror=alert(1)>')).toBe('<img src=x onerror=alert(1)>')
  })
})

describe('Moderator', () => {
  it('accepts a clean message with a sequence number, its tier hints and the cleaned text', () => {
    const m = new Moderator()
    const r = m.check(chat('小星 你好\u200b', 'b\u202eob:', 50), 0)
    expect(r).toMatchObject({ ok: true, message: { seq: 1, viewer: 'bob', text: '小星 你好', bits: 50, mention: true } })
    expect(m.counts.accepted).toBe(1)
  })

  it('rejects empty, too long, blocked, nameless and rate-limited messages and counts each reason', () => {
    const m = new Moderator({ maxChars: 10, blocklist: ['BadWord'], perViewerLimit: 2, perViewerWindowMs: 1000 })
    expect(m.check(chat('\u200b\u200c  '), 0)).toEqual({ ok: false, reason: 'empty' })
    expect(m.check(chat('x'.repeat(11)), 0)).toEqual({ ok: false, reason: 'too_long' })
    expect(m.check(chat('a badword'), 0)).toEqual({ ok: false, reason: 'blocked' })
    expect(m.check(chat('bad\u200bword'), 0)).toEqual({ ok: false, reason: 'blocked' })
    expect(m.check(chat('hi', '\u202e'), 0)).toEqual({ ok: false, reason: 'bad_viewer' })
    expect(m.check(chat('one'), 0).ok).toBe(true)
    expect(m.check(chat('two'), 10).ok).toBe(true)
    expect(m.check(chat('three'), 20)).toEqual({ ok: false, reason: 'rate_limited' })
    expect(m.check(chat('again'), 1000).ok).toBe(true)
    expect(m.counts.rejected).toEqual({ empty: 1, too_long: 1, rate_limited: 1, blocked: 2, bad_viewer: 1 })
    expect(m.rejectedTotal()).toBe(6)
  })

  it('counts length in characters, not UTF-16 units', () => {
    const m = new Moderator({ maxChars: 3 })
    expect(m.check(chat('😀😀😀'), 0).ok).toBe(true)
  })

  it('rate-limits viewers by name regardless of case, and forgets quiet viewers', () => {
    const m = new Moderator({ perViewerLimit: 1, perViewerWindowMs: 100 })
    expect(m.check(chat('a', 'Amy'), 0).ok).toBe(true)
    expect(m.check(chat('b', 'AMY'), 1).ok).toBe(false)
    for (let i = 0; i < 50; i++) m.check(chat('x', `v${i}`), 10)
    m.check(chat('late', 'zed'), 500)
    expect(m.trackedViewers()).toBe(1)
  })

  it('counts viewers per platform: one name on two platforms is two viewers, one id under two names is one', () => {
    const m = new Moderator({ perViewerLimit: 1, perViewerWindowMs: 100 })
    expect(m.check({ viewer: 'amy', text: 'a', source: ChatSource.twitch, viewerId: 'twitch:amy' }, 0).ok).toBe(true)
    expect(m.check({ viewer: 'amy', text: 'b', source: ChatSource.bilibili, viewerId: 'bilibili:42' }, 1).ok).toBe(true)
    expect(m.check({ viewer: 'amy2', text: 'c', source: ChatSource.bilibili, viewerId: 'bilibili:42' }, 2)).toEqual({ ok: false, reason: 'rate_limited' })
    expect(m.check({ viewer: 'amy', text: 'd', source: ChatSource.viewerPage }, 3).ok).toBe(true)
  })

  it('treats non-string fields as empty rather than throwing', () => {
    const m = new Moderator()
    expect(m.check({ viewer: 'a', text: 42 as unknown as string, source: ChatSource.twitch }, 0)).toEqual({ ok: false, reason: 'empty' })
  })
})
