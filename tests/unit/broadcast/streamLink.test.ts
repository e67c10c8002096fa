// Stream commands from another page are checked before use: wrong shapes are dropped, numbers clamped, text cut.
import { describe, expect, it } from 'vitest'
import { readChatPlatforms } from '../../../systems/broadcast/protocol.ts'
import { readLinkedChat, readStreamCommand } from '../../../systems/broadcast/streamLink.ts'

describe('readStreamCommand', () => {
  it('accepts a pose, clamping weights to 0..1 and dropping non-numbers', () => {
    const pose = readStreamCommand({ kind: 'pose', weights: { aa: 1.7, happy: -1, bad: 'x' }, head: [1, 2, 3, 0, 0, 0], gaze: [4, 5] })
    expect(pose).toEqual({ kind: 'pose', weights: { aa: 1, happy: 0 }, head: [1, 2, 3, 0, 0, 0], gaze: [4, 5] })
  })
  it('refuses poses with the wrong number of values or non-finite ones', () => {
    expect(readStreamCommand({ kind: 'pose', weights: {}, head: [1, 2], gaze: [0, 0] })).toBeNull()
    expect(readStreamCommand({ kind: 'pose', weights: {}, head: [0, 0, 0, 0, 0, NaN], gaze: [0, 0] })).toBeNull()
  })
  it('keeps caption text as given (it is shown with textContent) but cuts it at 2,000 units', () => {
    const c = readStreamCommand({ kind: 'caption', viewer: '<b>x</b>', text: '<img onerror=1>'.padEnd(5000, 'a') })
    expect(c).toMatchObject({ kind: 'caption', viewer: '<b>x</b>' })
    expect((c as { text: string }).text).toHaveLength(2000)
  })
  it('drops unknown kinds and non-objects', () => {
    for (const v of [null, 'pose', 42, { kind: 'eval', code: 'x' }, { kind: 'overlay', show: 'yes' }, { kind: 'chat', viewer: 1, text: 'x' }]) expect(readStreamCommand(v)).toBeNull()
  })
})

describe('what the stream link reads from the server', () => {
  it('reads each platform\u2019s chat state, refusing unknown states and wrong types', () => {
    const ok = { platform: 'bilibili', channel: '7734', state: 'reconnecting', detail: 'the danmaku connection dropped; retrying in 2 s.', received: 12, malformed: 1, reconnects: 1 }
    expect(readChatPlatforms([ok, { ...ok, platform: 'youtube', state: 'ended', detail: null, received: -4 }])).toEqual([ok, { ...ok, platform: 'youtube', state: 'ended', detail: null, received: 0 }])
    for (const bad of [null, {}, [{ ...ok, state: 'exploded' }], [{ ...ok, detail: 5 }], [{ ...ok, channel: null }], ['x']]) expect(readChatPlatforms(bad)).toBeNull()
  })
  it('reads a chat line with its platform id and gift, defaulting what an older server leaves out', () => {
    const gift = { kind: 'super_chat', name: 'Super Chat', count: 1, value: 5, currency: 'USD' }
    expect(readLinkedChat({ type: 'chat', viewer: 'amy', text: 'hi', bits: 5, source: 'youtube', viewerId: 'youtube:UCamy', gift })).toEqual({ viewer: 'amy', text: 'hi', bits: 5, source: 'youtube', viewerId: 'youtube:UCamy', gift })
    expect(readLinkedChat({ type: 'chat', viewer: 'Amy', text: 'hi' })).toEqual({ viewer: 'Amy', text: 'hi', bits: 0, source: 'viewer-page', viewerId: 'viewer-page:amy', gift: null })
    expect(readLinkedChat({ type: 'chat', viewer: 'a', text: 'b', bits: -3, gift: { kind: 'x' } })).toMatchObject({ bits: 0, gift: null })
    expect(readLinkedChat({ type: 'chat', viewer: 1, text: 'b' })).toBeNull()
  })
})
