// The one contract every platform's chat adapter follows (Twitch, Bilibili, YouTube): it connects on
// `start`, reconnects with backoff by itself, reports typed events and its state to a sink, honours the
// platform's rate limits, and `close` shuts it down cleanly. An adapter never throws out of a callback:
// a platform going down is a state, never an exception that could stop the others.
import {
  ChatPlatformState, cleanChatText, type ChatGift, type ChatPlatformStatus, type ChatSource, type IncomingChat,
} from '../../systems/broadcast/node.ts'

/** A viewer as a platform names them. */
export interface PlatformViewer {
  /** Platform-qualified, never shared across platforms: `bilibili:12345`, `youtube:UC…`, `twitch:amy`. */
  readonly id: string
  /** Display name (untrusted). */
  readonly name: string
}

/** What an adapter reports, already checked for shape (the text itself is still untrusted). */
export type ChatEvent =
  /** A chat message. */
  | { readonly kind: 'message'; readonly platform: ChatSource; readonly viewer: PlatformViewer; readonly text: string }
  /** A gift, super chat or bits, with the text that came with it (or one the adapter wrote: `投喂 辣条 ×3`). */
  | { readonly kind: 'gift'; readonly platform: ChatSource; readonly viewer: PlatformViewer; readonly text: string; readonly gift: ChatGift }
  /** A viewer entered, followed or shared (Bilibili's INTERACT_WORD): counted, not queued. */
  | { readonly kind: 'join'; readonly platform: ChatSource; readonly viewer: PlatformViewer; readonly action: 'enter' | 'follow' | 'share' }

/** Where an adapter sends what it hears. */
export interface ChatSink {
  event(event: ChatEvent): void
  state(status: ChatPlatformStatus): void
}

/** A platform's chat. */
export interface ChatAdapter {
  readonly platform: ChatSource
  /** The channel, room id or video id it reads. */
  readonly channel: string
  /** Its state now. */
  status(): ChatPlatformStatus
  /** Connects and keeps connecting until `close`; reports to `sink`. Call once. */
  start(sink: ChatSink): void
  /** Stops: no more events or reconnects; resolves once the connection is closed. */
  close(): Promise<void>
}

/** Reconnect timing; every field states its default. */
export interface BackoffSettings {
  /** Wait before the first retry, in ms (default 1,000). */
  firstMs: number
  /** Longest wait, in ms (default 30,000). */
  maxMs: number
}

/** The default timing: 1 s doubling to 30 s, as the RTMP relay does. */
export const DEFAULT_BACKOFF: Readonly<BackoffSettings> = Object.freeze({ firstMs: 1000, maxMs: 30_000 })

/** Doubling waits between retries, reset once connected again. */
export class Backoff {
  private nextMs: number
  constructor(private readonly settings: BackoffSettings = DEFAULT_BACKOFF) {
    this.nextMs = settings.firstMs
  }
  /** The wait before the next retry, in ms; each call doubles the following one up to `maxMs`. */
  next(): number {
    const ms = this.nextMs
    this.nextMs = Math.min(this.nextMs * 2, this.settings.maxMs)
    return ms
  }
  /** Back to `firstMs` (call when live again). */
  reset(): void {
    this.nextMs = this.settings.firstMs
  }
}

/**
 * The bookkeeping every adapter shares: its status, counters, and a sink that cannot throw into the
 * adapter (a failing consumer is logged once per failure, and the adapter goes on).
 */
export class AdapterStatus {
  private current: ChatPlatformStatus
  private sink: ChatSink | null = null

  constructor(platform: ChatSource, channel: string, private readonly log: (line: string) => void) {
    this.current = { platform, channel, state: ChatPlatformState.connecting, detail: null, received: 0, malformed: 0, reconnects: 0 }
  }

  /** The status now. */
  get value(): ChatPlatformStatus {
    return this.current
  }

  /** Starts reporting to `sink`. */
  attach(sink: ChatSink): void {
    this.sink = sink
    this.report()
  }

  /** Moves to `state` with `detail`; reports only when either changed. */
  set(state: ChatPlatformState, detail: string | null = null): void {
    if (state === this.current.state && detail === this.current.detail) return
    if (state === ChatPlatformState.reconnecting && this.current.state === ChatPlatformState.live) this.current = { ...this.current, reconnects: this.current.reconnects + 1 }
    this.current = { ...this.current, state, detail }
    this.log(detail ? `${state}: ${detail}` : state)
    this.report()
  }

  /** Counts an unreadable packet or response. */
  malformed(): void {
    this.current = { ...this.current, malformed: this.current.malformed + 1 }
  }

  /** Passes an event on and counts it. */
  emit(event: ChatEvent): void {
    this.current = { ...this.current, received: this.current.received + 1 }
    try {
      this.sink?.event(event)
    } catch (err) {
      this.log(`a chat consumer failed: ${(err as Error).message}`)
    }
  }

  private report(): void {
    try {
      this.sink?.state(this.current)
    } catch (err) {
      this.log(`a state consumer failed: ${(err as Error).message}`)
    }
  }
}

/** The longest gift name kept, in characters. */
const MAX_GIFT_NAME = 60

/** A gift from untrusted fields, or null when they do not make one (names cleaned and cut, counts and values finite and ≥ 0). */
export function makeGift(kind: ChatGift['kind'], name: unknown, count: unknown, value: unknown, currency: unknown): ChatGift | null {
  const n = typeof count === 'number' ? count : Number(count)
  const v = typeof value === 'number' ? value : Number(value)
  if (typeof name !== 'string' || !Number.isFinite(n) || n < 0 || !Number.isFinite(v) || v < 0) return null
  const money = typeof currency === 'string' && /^[A-Z]{3}$/.test(currency) ? currency : null
  // The name travels to the studio beside the moderated text, so it is cleaned the same way.
  return { kind, name: [...cleanChatText(name)].slice(0, MAX_GIFT_NAME).join(''), count: Math.floor(n), value: v, currency: money }
}

/** The message the host's moderation and queue see for an event, or null for events that are not chat (joins). */
export function toIncomingChat(event: ChatEvent): IncomingChat | null {
  if (event.kind === 'join') return null
  const base = { viewer: event.viewer.name, viewerId: event.viewer.id, text: event.text, source: event.platform, bits: 0 }
  if (event.kind === 'message') return base
  // Anything paid ranks as a gift; the unit differs by platform, the queue only asks "more than 0".
  return { ...base, bits: event.gift.value > 0 ? Math.ceil(event.gift.value) : 0, gift: event.gift }
}
