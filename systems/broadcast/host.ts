// The `BroadcastHost` resource: moderation, the queue, what the host answers now, and the tally that proves no message is lost.
import type { Inbox, World } from '../../engine/index.ts'
import type { AcceptedChat, IncomingChat } from './chatMessage.ts'
import { ChatQueue, type ChatQueueSettings } from './chatQueue.ts'
import { Moderator, type ModerationSettings } from './moderation.ts'

/** Host behaviour; every field states its default. */
export interface HostSettings {
  /** Quiet chat for this long starts idle talk, in ms (default 20,000). */
  idleAfterMs: number
  /** Idle-talk topics; empty means "taken from the persona" (default []). */
  topics: string[]
  /** A turn whose reply has not started after this long ends as failed, so a lost request never stalls the host, in ms (default 10,000). */
  startTimeoutMs: number
}

/** The default host behaviour. */
export const DEFAULT_HOST: Readonly<HostSettings> = Object.freeze({ idleAfterMs: 20_000, topics: [], startTimeoutMs: 10_000 })

/** What the host is doing about one message or topic. */
export interface HostTurn {
  readonly message: AcceptedChat | null
  readonly topic: string | null
  /** The dialogue's reply id once `ReplyStarted` names it; null until then. */
  replyId: number | null
  /** When the host took it, ms on the app clock. */
  readonly atMs: number
}

/** How every accepted message ended so far. */
export interface HostTally {
  /** Replies that ended normally (`eos` or `length`). */
  answered: number
  /** Replies that ended in an error (a crashed or missing model). */
  failed: number
  /** Replies cancelled (by the performer, or by a message typed in the studio's own chat panel). */
  cancelled: number
  /** Idle-talk replies started. */
  idleTalks: number
}

/**
 * A resource: the host's side of the broadcast. Sockets, IRC and the studio hand raw messages to
 * `receive` at any time; they arrive as `ChatArrived` events at the next frame's input stage.
 */
export class BroadcastHost {
  readonly settings: HostSettings
  readonly moderator: Moderator
  readonly queue: ChatQueue
  /** The turn in progress, or null when the host is free. */
  turn: HostTurn | null = null
  readonly tally: HostTally = { answered: 0, failed: 0, cancelled: 0, idleTalks: 0 }
  /** Simulated-clock time of the last message taken or reply ended, in ms. */
  lastActivityMs = 0
  /**
   * Extra "the host is still talking" checks (integration point for the voice system: true while
   * a reply is still being spoken, so the next message waits for the voice, not just the text).
   */
  readonly busyChecks: ((world: World) => boolean)[] = []
  private nextTopic = 0
  /** The world's `ChatArrived` inbox, connected by `BroadcastPlugin`. */
  private arrivals: Inbox<IncomingChat> | null = null

  constructor(init: { host?: Partial<HostSettings>; moderation?: Partial<ModerationSettings>; queue?: Partial<ChatQueueSettings> } = {}) {
    this.settings = { ...DEFAULT_HOST, ...init.host, topics: [...(init.host?.topics ?? DEFAULT_HOST.topics)] }
    this.moderator = new Moderator(init.moderation)
    this.queue = new ChatQueue(init.queue)
  }

  /** Where `receive` posts (the plugin calls this with the world's `ChatArrived` inbox). */
  connect(arrivals: Inbox<IncomingChat>): void {
    this.arrivals = arrivals
  }

  /** Queues a raw message for moderation at the next frame. */
  receive(message: IncomingChat): void {
    if (!this.arrivals) throw new Error('BroadcastHost.receive was called before BroadcastPlugin was added; add the plugin first.')
    this.arrivals.post(message)
  }

  /** Accepted messages not accounted for: 0 unless a message was lost. */
  unaccounted(): number {
    const { answered, failed, cancelled } = this.tally
    const ended = answered + failed + cancelled + this.queue.skipped.stale + this.queue.skipped.overflow
    const inTurn = this.turn?.message ? 1 : 0
    return this.moderator.counts.accepted - ended - this.queue.size - inTurn
  }

  /** The next idle-talk topic, in turn. */
  takeTopic(fallback: readonly string[]): string {
    const topics = this.settings.topics.length > 0 ? this.settings.topics : fallback
    return topics[this.nextTopic++ % topics.length]
  }
}
