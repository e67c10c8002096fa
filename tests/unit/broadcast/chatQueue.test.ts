// The host's queue: gifts, then mentions, then the rest, oldest first; overflow and staleness counted.
import { describe, expect, it } from 'vitest'
import { ChatQueue, ChatSource, type AcceptedChat } from '../../../systems/broadcast/index.ts'

let seq = 0
const msg = (text: string, atMs: number, extra: Partial<AcceptedChat> = {}): AcceptedChat => ({
  seq: ++seq, viewer: 'v', text, source: ChatSource.viewerPage, bits: 0, mention: false, atMs, ...extra,
})

describe('ChatQueue', () => {
  it('takes gifts first, then mentions, then the oldest plain message', () => {
    const q = new ChatQueue()
    q.push(msg('plain1', 0))
    q.push(msg('mention', 1, { mention: true }))
    q.push(msg('plain2', 2))
    q.push(msg('gift', 3, { bits: 100 }))
    expect([q.take(), q.take(), q.take(), q.take(), q.take()].map((m) => m?.text ?? null)).toEqual(['gift', 'mention', 'plain1', 'plain2', null])
  })

  it('drops the oldest plain message when full, and counts it', () => {
    const q = new ChatQueue({ capacity: 2 })
    q.push(msg('a', 0))
    q.push(msg('g', 0, { bits: 1 }))
    q.push(msg('b', 0))
    expect(q.size).toBe(2)
    expect(q.skipped.overflow).toBe(1)
    expect(q.peekAll().map((m) => m.text)).toEqual(['g', 'b'])
  })

  it('expires stale plain messages but keeps waiting gifts and mentions', () => {
    const q = new ChatQueue({ maxWaitMs: 100 })
    q.push(msg('old', 0))
    q.push(msg('m', 0, { mention: true }))
    q.push(msg('new', 90))
    expect(q.expire(150)).toBe(1)
    expect(q.skipped.stale).toBe(1)
    expect(q.peekAll().map((m) => m.text)).toEqual(['m', 'new'])
  })

  it('stays in order across compaction of a long lane', () => {
    const q = new ChatQueue({ capacity: 10_000 })
    for (let i = 0; i < 1000; i++) q.push(msg(String(i), i))
    const out: string[] = []
    for (let i = 0; i < 500; i++) out.push(q.take()!.text)
    for (let i = 1000; i < 1200; i++) q.push(msg(String(i), i))
    while (q.size > 0) out.push(q.take()!.text)
    expect(out).toEqual(Array.from({ length: 1200 }, (_, i) => String(i)))
  })
})
