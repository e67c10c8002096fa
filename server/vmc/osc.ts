// Open Sound Control 1.0 (https://opensoundcontrol.stsci.edu/spec-1_0.html), the subset VMC uses:
// messages and bundles with int32 (i), float32 (f), string (s), blob (b), true/false (T/F) and nil (N).
// Our own ~120 lines rather than a library: the codec is small, and we control its errors.

/** An OSC argument: numbers go out as float32 unless wrapped with `int`. */
export type OscArg = number | string | boolean | null | Uint8Array | OscInt

/** An integer argument (OSC `i`); plain numbers are sent as floats (`f`). */
export interface OscInt {
  readonly int: number
}

/** Wraps a number to be sent as int32. */
export const int = (value: number): OscInt => ({ int: value })

/** One OSC message. */
export interface OscMessage {
  readonly address: string
  readonly args: readonly OscArg[]
}

/** A packet that does not follow OSC 1.0; the message says where. */
export class OscError extends Error {
  override name = 'OscError'
}

const textEncoder = new TextEncoder()
const textDecoder = new TextDecoder()

/** Length rounded up to a multiple of 4 (OSC aligns every field). */
const pad4 = (n: number) => (n + 3) & ~3

function encodeString(s: string): Uint8Array {
  const bytes = textEncoder.encode(s)
  const out = new Uint8Array(pad4(bytes.length + 1))
  out.set(bytes)
  return out
}

/** Encodes one message. */
export function encodeMessage(message: OscMessage): Uint8Array {
  if (!message.address.startsWith('/')) throw new OscError(`An OSC address starts with "/"; got "${message.address}".`)
  let tags = ','
  const parts: Uint8Array[] = []
  for (const arg of message.args) {
    if (arg === null) tags += 'N'
    else if (arg === true) tags += 'T'
    else if (arg === false) tags += 'F'
    else if (typeof arg === 'string') {
      tags += 's'
      parts.push(encodeString(arg))
    } else if (typeof arg === 'number') {
      tags += 'f'
      const b = new Uint8Array(4)
      new DataView(b.buffer).setFloat32(0, arg)
      parts.push(b)
    } else if (arg instanceof Uint8Array) {
      tags += 'b'
      const b = new Uint8Array(4 + pad4(arg.length))
      new DataView(b.buffer).setInt32(0, arg.length)
      b.set(arg, 4)
      parts.push(b)
    } else {
      tags += 'i'
      const b = new Uint8Array(4)
      new DataView(b.buffer).setInt32(0, arg.int)
      parts.push(b)
    }
  }
  return concat([encodeString(message.address), encodeString(tags), ...parts])
}

/** Encodes messages as one bundle with the "immediately" time tag. */
export function encodeBundle(messages: readonly OscMessage[]): Uint8Array {
  const header = new Uint8Array(16)
  header.set(encodeString('#bundle'))
  new DataView(header.buffer).setUint32(12, 1) // time tag 1 = immediately
  const parts: Uint8Array[] = [header]
  for (const m of messages) {
    const body = encodeMessage(m)
    const size = new Uint8Array(4)
    new DataView(size.buffer).setInt32(0, body.length)
    parts.push(size, body)
  }
  return concat(parts)
}

/** Decodes a packet (a message or a bundle, nested bundles flattened) into its messages, in order. */
export function decodePacket(packet: Uint8Array): OscMessage[] {
  const out: OscMessage[] = []
  decodeInto(packet, out)
  return out
}

function decodeInto(p: Uint8Array, out: OscMessage[]): void {
  const view = new DataView(p.buffer, p.byteOffset, p.byteLength)
  if (p.length >= 16 && readString(p, 0).value === '#bundle') {
    let at = 16
    while (at < p.length) {
      if (at + 4 > p.length) throw new OscError(`Bundle element size cut short at byte ${at}.`)
      const size = view.getInt32(at)
      if (size <= 0 || size % 4 !== 0 || at + 4 + size > p.length) throw new OscError(`Bundle element at byte ${at} has a bad size ${size}.`)
      decodeInto(p.subarray(at + 4, at + 4 + size), out)
      at += 4 + size
    }
    return
  }
  const address = readString(p, 0)
  if (!address.value.startsWith('/')) throw new OscError(`Not an OSC message: the address "${address.value.slice(0, 40)}" does not start with "/".`)
  const tags = readString(p, address.next)
  if (!tags.value.startsWith(',')) throw new OscError(`OSC message ${address.value} has no type tags.`)
  let at = tags.next
  const args: OscArg[] = []
  for (const tag of tags.value.slice(1)) {
    const need = (n: number) => {
      if (at + n > p.length) throw new OscError(`OSC message ${address.value} is cut short in its "${tag}" argument.`)
    }
    switch (tag) {
      case 'i': need(4); args.push(int(view.getInt32(at))); at += 4; break
      case 'f': need(4); args.push(view.getFloat32(at)); at += 4; break
      case 's': { const s = readString(p, at); args.push(s.value); at = s.next; break }
      case 'b': { need(4); const n = view.getInt32(at); need(4 + n); args.push(p.slice(at + 4, at + 4 + n)); at += 4 + pad4(n); break }
      case 'T': args.push(true); break
      case 'F': args.push(false); break
      case 'N': args.push(null); break
      default: throw new OscError(`OSC message ${address.value} has an unsupported type tag "${tag}".`)
    }
  }
  out.push({ address: address.value, args })
}

function readString(p: Uint8Array, at: number): { value: string; next: number } {
  const end = p.indexOf(0, at)
  if (end < 0) throw new OscError(`An OSC string at byte ${at} has no terminating zero.`)
  return { value: textDecoder.decode(p.subarray(at, end)), next: pad4(end + 1) }
}

function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, b) => n + b.length, 0))
  let at = 0
  for (const b of parts) {
    out.set(b, at)
    at += b.length
  }
  return out
}

/** The number in an `f` or `i` argument, or NaN. */
export function numberArg(arg: OscArg | undefined): number {
  if (typeof arg === 'number') return arg
  if (arg && typeof arg === 'object' && 'int' in arg) return arg.int
  return Number.NaN
}
