// The control channel between the studio and stream pages: BroadcastChannel in one browser, the
// server's /control WebSocket across machines. Commands are small JSON objects checked on arrival.
// The wire messages are `protocol.ts`'s, shared with server/broadcast/.
import type { ChatGift } from './chatMessage.ts'
import { SocketPath, readChatPlatforms, type AuthMessage, type ChatPlatformStatus, type ControlCommand, type HostLine } from './protocol.ts'

/** What the studio tells stream pages. */
export type StreamCommand =
  /** The anchor's face and head this frame: mixed expression weights (0..1), head pose (deg, m) and gaze (deg). */
  | { readonly kind: 'pose'; readonly weights: Readonly<Record<string, number>>; readonly head: readonly number[]; readonly gaze: readonly number[] }
  /** The message the host is answering ('' text clears it), or the idle topic. */
  | { readonly kind: 'caption'; readonly viewer: string; readonly text: string }
  /** The reply so far ('' clears it). */
  | { readonly kind: 'reply'; readonly text: string }
  /** Shows or hides the chat overlay. */
  | { readonly kind: 'overlay'; readonly show: boolean }
  /** A chat line for the overlay (already moderated). */
  | { readonly kind: 'chat'; readonly viewer: string; readonly text: string }

/** The BroadcastChannel name studio and stream pages share. */
export const STREAM_CHANNEL = 'genanchor-stream'

/** Longest text a command may carry, in UTF-16 units; longer text is cut on arrival. */
const MAX_TEXT = 2000

/** Checks an untrusted value and returns it as a command, or null when it is not one. */
export function readStreamCommand(value: unknown): StreamCommand | null {
  if (typeof value !== 'object' || value === null) return null
  const v = value as Record<string, unknown>
  const text = (x: unknown) => (typeof x === 'string' ? x.slice(0, MAX_TEXT) : null)
  switch (v.kind) {
    case 'pose': {
      const nums = (x: unknown, n: number) => (Array.isArray(x) && x.length === n && x.every((k) => typeof k === 'number' && Number.isFinite(k)) ? (x as number[]) : null)
      const head = nums(v.head, 6)
      const gaze = nums(v.gaze, 2)
      if (!head || !gaze || typeof v.weights !== 'object' || v.weights === null) return null
      const weights: Record<string, number> = {}
      for (const [name, w] of Object.entries(v.weights as Record<string, unknown>)) {
        if (typeof w === 'number' && Number.isFinite(w)) weights[name] = Math.min(1, Math.max(0, w))
      }
      return { kind: 'pose', weights, head, gaze }
    }
    case 'caption': {
      const viewer = text(v.viewer)
      const body = text(v.text)
      return viewer !== null && body !== null ? { kind: 'caption', viewer, text: body } : null
    }
    case 'reply': {
      const body = text(v.text)
      return body !== null ? { kind: 'reply', text: body } : null
    }
    case 'overlay':
      return typeof v.show === 'boolean' ? { kind: 'overlay', show: v.show } : null
    case 'chat': {
      const viewer = text(v.viewer)
      const body = text(v.text)
      return viewer !== null && body !== null ? { kind: 'chat', viewer, text: body } : null
    }
    default:
      return null
  }
}

/** Where to reach the server's control channel. */
export interface ControlAddress {
  /** e.g. `ws://127.0.0.1:8790` */
  readonly server: string
  readonly token: string
}

/** A chat line the server passed on (untrusted text: display with textContent only). */
export interface LinkedChat {
  readonly viewer: string
  readonly text: string
  /** The gift's worth in the platform's unit; 0 for plain chat. */
  readonly bits: number
  /** One of `ChatSource` (`viewer-page`, `twitch`, `bilibili`, `youtube`). */
  readonly source: string
  /** Platform-qualified viewer id (`bilibili:12345`): two platforms' viewers never share one. */
  readonly viewerId: string
  /** What was given, or null. */
  readonly gift: ChatGift | null
}

/**
 * Sends and receives stream commands over a BroadcastChannel and, when given an address, the
 * server's /control socket (reconnecting with backoff). Chat lines from the server's viewers and
 * platforms arrive through `onChat`; each platform's chat state through `onPlatforms` and `platforms`.
 */
export class StreamLink {
  private readonly channel: BroadcastChannel | null
  private socket: WebSocket | null = null
  private retry: ReturnType<typeof setTimeout> | null = null
  private closed = false
  /** Whether the control socket has authenticated. */
  private ready = false
  /** Called with each valid command from another page. */
  onCommand: (command: StreamCommand) => void = () => {}
  /** Called with each viewer chat line the server passes on (untrusted text: display with textContent only). */
  onChat: (line: LinkedChat) => void = () => {}
  /** Called whenever a platform's chat state changes (the whole list; empty when the server runs no platform adapter). */
  onPlatforms: (platforms: readonly ChatPlatformStatus[]) => void = () => {}
  /** The latest state of each platform's chat the server reported (empty until it reports one). */
  platforms: readonly ChatPlatformStatus[] = []
  /** Called when the control socket's state changes: `off`, `connecting`, `ready`, or a message for the performer. */
  onSocketState: (state: string) => void = () => {}

  constructor(control: ControlAddress | null = null) {
    this.channel = typeof BroadcastChannel === 'undefined' ? null : new BroadcastChannel(STREAM_CHANNEL)
    if (this.channel) this.channel.onmessage = (event: MessageEvent) => this.receive(event.data)
    if (control) this.connect(control, 1000)
  }

  /** Sends a command to every other stream page (both transports). */
  send(command: StreamCommand): void {
    this.channel?.postMessage(command)
    if (this.socket?.readyState === WebSocket.OPEN && this.ready) this.socket.send(JSON.stringify({ type: 'command', command } satisfies ControlCommand))
  }

  /** Sends the host's line to the viewers' chat pages (server only). */
  sayToViewers(text: string): void {
    if (this.socket?.readyState === WebSocket.OPEN && this.ready) this.socket.send(JSON.stringify({ type: 'host', text } satisfies HostLine))
  }

  /** Closes both transports. */
  close(): void {
    this.closed = true
    if (this.retry) clearTimeout(this.retry)
    this.channel?.close()
    this.socket?.close()
    this.onSocketState('off')
  }

  private connect(control: ControlAddress, backoffMs: number): void {
    this.onSocketState('connecting')
    const socket = new WebSocket(new URL(SocketPath.control, control.server))
    this.socket = socket
    this.ready = false
    socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token: control.token } satisfies AuthMessage))
    socket.onmessage = (event: MessageEvent) => {
      let message: Record<string, unknown>
      try {
        message = JSON.parse(String(event.data))
      } catch {
        return
      }
      if (typeof message !== 'object' || message === null) return
      if (message.type === 'ready') {
        this.ready = true
        backoffMs = 1000
        this.onSocketState('ready')
      } else if (message.type === 'command') this.receive(message.command)
      else if (message.type === 'chat') {
        const line = readLinkedChat(message)
        if (line) this.onChat(line)
      } else if (message.type === 'platforms') {
        const platforms = readChatPlatforms(message.platforms)
        if (platforms) this.onPlatforms((this.platforms = platforms))
      }
    }
    socket.onclose = (event: CloseEvent) => {
      this.ready = false
      if (this.closed) return
      if (event.code === 4401) {
        this.onSocketState('The server refused the control token; copy it again from the server\u2019s console.')
        return
      }
      this.onSocketState(`disconnected; retrying in ${Math.round(backoffMs / 1000)} s`)
      this.retry = setTimeout(() => this.connect(control, Math.min(backoffMs * 2, 30_000)), backoffMs)
    }
  }

  private receive(data: unknown): void {
    const command = readStreamCommand(data)
    if (command) this.onCommand(command)
  }
}

/** A `chat` message from the server as a `LinkedChat`, or null when its fields are not the right types. */
export function readLinkedChat(message: Record<string, unknown>): LinkedChat | null {
  const { viewer, text, bits, source, viewerId, gift } = message
  if (typeof viewer !== 'string' || typeof text !== 'string') return null
  const from = typeof source === 'string' ? source : 'viewer-page'
  const g = gift as Partial<ChatGift> | null | undefined
  const okGift = typeof g === 'object' && g !== null && typeof g.kind === 'string' && typeof g.name === 'string' && typeof g.count === 'number' && typeof g.value === 'number'
  return {
    viewer, text, source: from,
    bits: typeof bits === 'number' && Number.isFinite(bits) && bits > 0 ? bits : 0,
    viewerId: typeof viewerId === 'string' ? viewerId : `${from}:${viewer.toLowerCase()}`,
    gift: okGift ? { kind: g.kind!, name: g.name!, count: g.count!, value: g.value!, currency: typeof g.currency === 'string' ? g.currency : null } : null,
  }
}
