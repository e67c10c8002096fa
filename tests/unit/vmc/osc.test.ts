import { describe, expect, it } from 'vitest'
import { OscError, decodePacket, encodeBundle, encodeMessage, int } from '../../../server/vmc/osc.ts'

describe('OSC codec', () => {
  it('encodes a message byte for byte as OSC 1.0 lays it out', () => {
    const bytes = encodeMessage({ address: '/VMC/Ext/OK', args: [int(1)] })
    // "/VMC/Ext/OK\0" (12), ",i\0\0" (4), int32 1 big-endian (4).
    expect([...bytes]).toEqual([...Buffer.from('/VMC/Ext/OK\0,i\0\0'), 0, 0, 0, 1])
  })

  it('round-trips every supported type through a bundle', () => {
    const blob = new Uint8Array([1, 2, 3])
    const messages = [
      { address: '/a', args: [int(-7), 1.5, 'Blink_L', true, false, null, blob] },
      { address: '/VMC/Ext/Blend/Apply', args: [] },
    ]
    const decoded = decodePacket(encodeBundle(messages))
    expect(decoded).toEqual(messages)
  })

  it('sends plain numbers as float32 (rounded) and ints as int32', () => {
    const [m] = decodePacket(encodeMessage({ address: '/x', args: [0.1, int(42)] }))
    expect(m.args[0]).toBeCloseTo(0.1, 7)
    expect(m.args[0]).not.toBe(0.1)
    expect(m.args[1]).toEqual({ int: 42 })
  })

  it('refuses malformed packets with an OscError that says what is wrong', () => {
    expect(() => decodePacket(new TextEncoder().encode('hello\0\0\0'))).toThrow(OscError)
    const cut = encodeMessage({ address: '/x', args: [1.5] }).subarray(0, 10)
    expect(() => decodePacket(cut)).toThrow(/cut short|no terminating zero/)
    const badTag = new Uint8Array([...Buffer.from('/x\0\0,q\0\0')])
    expect(() => decodePacket(badTag)).toThrow(/unsupported type tag "q"/)
    expect(() => encodeMessage({ address: 'x', args: [] })).toThrow(/starts with "\/"/)
  })
})
