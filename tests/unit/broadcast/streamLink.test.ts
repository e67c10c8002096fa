// Stream commands from another page are checked before use: wrong shapes are dropped, numbers clamped, text cut.
import { describe, expect, it } from 'vitest'
import { readStreamCommand } from '../../../systems/broadcast/streamLink.ts'

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
