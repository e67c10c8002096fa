// Bilibili live danmaku packets: a 16-byte big-endian header, then the body. Version 2 (zlib) and
// 3 (brotli) bodies hold further packets back to back. Written here rather than taken from npm:
// it is ~100 lines, and the adapter must count and skip a malformed packet, never throw on one.
// Protocol: https://github.com/SocialSisterYi/bilibili-API-collect/blob/master/docs/live/message_stream.md
import { brotliCompressSync, brotliDecompressSync, deflateSync, inflateSync } from 'node:zlib'

/** Header length in bytes; the header's own length field must say this. */
export const HEADER_BYTES = 16

/** What the body is: 0 JSON commands, 1 uncompressed (heartbeats, auth, the popularity reply), 2 zlib, 3 brotli. */
export const BodyVersion = { json: 0, plain: 1, zlib: 2, brotli: 3 } as const
/** One of `BodyVersion`. */
export type BodyVersion = (typeof BodyVersion)[keyof typeof BodyVersion]

/** What the packet is for. */
export const Operation = { heartbeat: 2, heartbeatReply: 3, command: 5, auth: 7, authReply: 8 } as const
/** One of `Operation`. */
export type Operation = (typeof Operation)[keyof typeof Operation]

/** One decoded packet (compressed ones already unpacked into the packets they hold). */
export interface Packet {
  readonly operation: number
  readonly version: number
  readonly body: Buffer
}

/** What `decodePackets` made of a frame. */
export interface Decoded {
  readonly packets: Packet[]
  /** Packets that could not be read: bad header, length past the end, a body that does not decompress. */
  readonly malformed: number
}

/** A decompressed body may not grow beyond this, in bytes (a compression bomb is counted as malformed). */
const MAX_INFLATED = 4 * 1024 * 1024

/** How deep compressed packets may nest (the real server nests once). */
const MAX_DEPTH = 2

/** Encodes one packet; `version` 2 or 3 compresses `body` (itself usually whole encoded packets). */
export function encodePacket(operation: number, body: Buffer | string, version: BodyVersion = BodyVersion.json): Buffer {
  let payload = typeof body === 'string' ? Buffer.from(body, 'utf8') : body
  if (version === BodyVersion.zlib) payload = deflateSync(payload)
  else if (version === BodyVersion.brotli) payload = brotliCompressSync(payload)
  const header = Buffer.alloc(HEADER_BYTES)
  header.writeUInt32BE(HEADER_BYTES + payload.length, 0)
  header.writeUInt16BE(HEADER_BYTES, 4)
  header.writeUInt16BE(version, 6)
  header.writeUInt32BE(operation, 8)
  header.writeUInt32BE(1, 12)
  return Buffer.concat([header, payload])
}

/** Decodes every packet in one WebSocket frame; never throws. */
export function decodePackets(frame: Buffer): Decoded {
  const packets: Packet[] = []
  const malformed = walk(frame, 0, packets)
  return { packets, malformed }
}

/** Appends the packets in `data` to `out` and returns how many were malformed. */
function walk(data: Buffer, depth: number, out: Packet[]): number {
  let malformed = 0
  let offset = 0
  while (offset < data.length) {
    if (data.length - offset < HEADER_BYTES) return malformed + 1
    const length = data.readUInt32BE(offset)
    const headerLength = data.readUInt16BE(offset + 4)
    // A length that cannot be right leaves no way to find the next packet: the rest of the frame is lost.
    if (headerLength !== HEADER_BYTES || length < HEADER_BYTES || offset + length > data.length) return malformed + 1
    const version = data.readUInt16BE(offset + 6)
    const operation = data.readUInt32BE(offset + 8)
    const body = data.subarray(offset + HEADER_BYTES, offset + length)
    offset += length
    if (version === BodyVersion.zlib || version === BodyVersion.brotli) {
      if (depth >= MAX_DEPTH) {
        malformed++
        continue
      }
      let inner: Buffer
      try {
        inner = version === BodyVersion.zlib ? inflateSync(body, { maxOutputLength: MAX_INFLATED }) : brotliDecompressSync(body, { maxOutputLength: MAX_INFLATED })
      } catch {
        malformed++
        continue
      }
      malformed += walk(inner, depth + 1, out)
    } else if (version === BodyVersion.json || version === BodyVersion.plain) out.push({ operation, version, body })
    else malformed++
  }
  return malformed
}

/** The auth packet's body, in the order the web client sends it. */
export interface AuthBody {
  /** The logged-in user's id, 0 for a guest. */
  readonly uid: number
  /** The real (long) room id. */
  readonly roomid: number
  /** 3: the server may send brotli bodies (it sends zlib to 2). */
  readonly protover: 2 | 3
  readonly platform: string
  readonly type: 2
  /** The token from getDanmuInfo ('' for servers that do not ask for one). */
  readonly key: string
  /** The browser id cookie the web client sends when it has one. */
  readonly buvid?: string
}

/** The auth packet (operation 7) for `body`. */
export function authPacket(body: AuthBody): Buffer {
  return encodePacket(Operation.auth, JSON.stringify(body), BodyVersion.plain)
}

/** The heartbeat packet (operation 2); the web client's body is this literal string. */
export function heartbeatPacket(): Buffer {
  return encodePacket(Operation.heartbeat, '[object Object]', BodyVersion.plain)
}
