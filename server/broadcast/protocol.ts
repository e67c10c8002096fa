// The JSON messages on the server's three WebSocket paths, shared by the server, the studio and the pages.
// /control (token): studio ⇄ stream pages; /chat (public): viewers; /relay (token): the recorder's WebM to RTMP.

/** Paths the server upgrades. */
export const SocketPath = { control: '/control', chat: '/chat', relay: '/relay' } as const

/** Sent first on /control and /relay; the connection closes if it does not come within the auth timeout. */
export interface AuthMessage {
  readonly type: 'auth'
  readonly token: string
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
  readonly viewer: string
  readonly text: string
  readonly bits?: number
  readonly source?: string
}

/** Starts the relay: `url` is the ingest (rtmp:// or rtmps://), `key` the stream key, never echoed or logged. */
export interface RelayStart {
  readonly type: 'start'
  readonly url: string
  readonly key: string
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
