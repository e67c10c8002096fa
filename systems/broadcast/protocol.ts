// The JSON messages on the broadcast server's three WebSocket paths, declared once for both sides:
// server/broadcast/ (Node) and the studio's StreamLink / RelayClient (browser). No DOM, no Node APIs.
// /control (token): studio ⇄ stream pages; /chat (public): viewers; /relay (token): the recorder's WebM to RTMP.
import type { ChatGift, ChatSource } from './chatMessage.ts'

/** Paths the server upgrades. */
export const SocketPath = { control: '/control', chat: '/chat', relay: '/relay' } as const

/** Sent first on /control and /relay; the connection closes if it does not come within the auth timeout. */
export interface AuthMessage {
  readonly type: 'auth'
  readonly token: string
}

/** The server's answer to a good `AuthMessage`. */
export interface ReadyMessage {
  readonly type: 'ready'
}

/** A command a control client sends to the others (the studio to stream pages): opaque to the server. */
export interface ControlCommand {
  readonly type: 'command'
  readonly command: { readonly kind: string; readonly [key: string]: unknown }
}

/** The host's line for viewers' chat pages (the studio sends it on /control). */
export interface HostLine {
  readonly type: 'host'
  readonly text: string
}

/** A viewer's message (viewer → server on /chat; server → viewers and control clients once accepted). */
export interface ChatLine {
  readonly type: 'chat'
  /** Display name, cleaned by moderation. */
  readonly viewer: string
  readonly text: string
  /** The gift's worth in the platform's unit (see `IncomingChat.bits`); absent or 0 for plain chat. */
  readonly bits?: number
  /** One of `ChatSource`. */
  readonly source?: ChatSource
  /** Platform-qualified viewer id (`bilibili:12345`); sent to control clients only, never to viewer pages. */
  readonly viewerId?: string
  /** What was given, when the message came with a gift, super chat or bits (control clients only). */
  readonly gift?: ChatGift
}

/** Where a platform's chat adapter is. */
export const ChatPlatformState = {
  /** First connection (or waiting for the stream to start). */
  connecting: 'connecting',
  /** Connected and receiving chat. */
  live: 'live',
  /** The connection dropped; retrying with backoff. */
  reconnecting: 'reconnecting',
  /** Not working and not retrying soon: bad credentials, quota used up; `detail` says what to do. */
  down: 'down',
  /** The stream or its chat ended; the adapter stopped. */
  ended: 'ended',
} as const
/** One of `ChatPlatformState`. */
export type ChatPlatformState = (typeof ChatPlatformState)[keyof typeof ChatPlatformState]

/** One platform's chat as the server sees it. */
export interface ChatPlatformStatus {
  /** `twitch`, `bilibili` or `youtube`. */
  readonly platform: ChatSource
  /** What it is attached to: the channel, room id or video id. */
  readonly channel: string
  readonly state: ChatPlatformState
  /** One sentence for the performer (why it is down, when it retries), or null. Never a key or token. */
  readonly detail: string | null
  /** Chat events received since the server started. */
  readonly received: number
  /** Packets or responses that could not be read (dropped, counted). */
  readonly malformed: number
  /** Reconnections after a dropped connection. */
  readonly reconnects: number
}

/** Every platform's state; the server sends it on /control after `ready` and whenever one changes. */
export interface ChatPlatformsMessage {
  readonly type: 'platforms'
  readonly platforms: readonly ChatPlatformStatus[]
}

/** Starts the relay: `url` is the ingest (rtmp:// or rtmps://), `key` the stream key, never echoed or logged. */
export interface RelayStart {
  readonly type: 'start'
  readonly url: string
  readonly key: string
  /** Whether the recording has an audio track (default true). */
  readonly audio?: boolean
}

/** Ends the relay. */
export interface RelayStop {
  readonly type: 'stop'
}

/** Relay state, sent to the relay client about once a second. */
export interface RelayStats {
  readonly type: 'stats'
  readonly state: RelayState
  /** Output bitrate ffmpeg reports, in kbit/s (0 before the first report). */
  readonly bitrateKbps: number
  /** Frames ffmpeg dropped so far (this connection). */
  readonly droppedFrames: number
  /** Frames sent to the ingest so far (this connection). */
  readonly frames: number
  /** Reconnections after the ingest dropped. */
  readonly reconnects: number
  /** WebM bytes received from the recorder. */
  readonly receivedBytes: number
  /** A message for the performer (never containing the key), or null. */
  readonly error: string | null
}

/** Where the relay is. */
export const RelayState = { idle: 'idle', connecting: 'connecting', live: 'live', reconnecting: 'reconnecting', stopped: 'stopped' } as const
/** One of `RelayState`. */
export type RelayState = (typeof RelayState)[keyof typeof RelayState]

/** An error the server reports on a socket before it goes on (bad JSON, a rejected chat line). */
export interface ErrorReply {
  readonly type: 'error'
  readonly reason: string
}

/** What the server sends a control client. */
export type ControlDown = ReadyMessage | ControlCommand | ChatLine | ChatPlatformsMessage | ErrorReply

/** Checks an untrusted `platforms` list (from the wire) and returns it, or null when it is not one. */
export function readChatPlatforms(value: unknown): ChatPlatformStatus[] | null {
  if (!Array.isArray(value)) return null
  const states = Object.values(ChatPlatformState) as string[]
  const out: ChatPlatformStatus[] = []
  for (const p of value as Record<string, unknown>[]) {
    if (typeof p !== 'object' || p === null) return null
    const { platform, channel, state, detail, received, malformed, reconnects } = p
    if (typeof platform !== 'string' || typeof channel !== 'string' || typeof state !== 'string' || !states.includes(state)) return null
    if (detail !== null && typeof detail !== 'string') return null
    const count = (x: unknown) => (typeof x === 'number' && Number.isFinite(x) && x >= 0 ? x : 0)
    out.push({
      platform: platform as ChatSource, channel: channel.slice(0, 200), state: state as ChatPlatformState,
      detail: detail === null ? null : detail.slice(0, 500), received: count(received), malformed: count(malformed), reconnects: count(reconnects),
    })
  }
  return out
}
