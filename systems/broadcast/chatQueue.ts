// The host's queue of accepted messages: gifts and bits first, then mentions, then the rest; oldest first within each tier.
import type { AcceptedChat } from './chatMessage.ts'

/** Priority tiers, highest first. */
export const ChatTier = { gift: 0, mention: 1, plain: 2 } as const
/** One of `ChatTier`. */
export type ChatTier = (typeof ChatTier)[keyof typeof ChatTier]

/** The tier a message goes in. */
export function tierOf(message: AcceptedChat): ChatTier {
  if (message.bits > 0) return ChatTier.gift
  return message.mention ? ChatTier.mention : ChatTier.plain
}

/** Why a queued message left without an answer. */
export const SkipReason = { stale: 'stale', overflow: 'overflow' } as const
/** One of `SkipReason`. */
export type SkipReason = (typeof SkipReason)[keyof typeof SkipReason]

/** Queue limits; every field states its default. */
export interface ChatQueueSettings {
  /** Most messages waiting; beyond it the oldest plain message leaves, counted as `overflow` (default 200). */
  capacity: number
  /** A plain message waiting longer than this leaves, counted as `stale`; gifts and mentions never go stale (default 120,000 ms). */
  maxWaitMs: number
}

/** The default limits. */
export const DEFAULT_QUEUE: Readonly<ChatQueueSettings> = Object.freeze({ capacity: 200, maxWaitMs: 120_000 })

/**
 * Three FIFO lanes (one per tier). A lane is an array with a moving head, compacted when half is
 * consumed, so push and take are O(1) amortised and nothing is copied per message.
 */
export class ChatQueue {
  readonly settings: ChatQueueSettings
  /** Messages that left unanswered, by reason; with answered + waiting they account for every accepted message. */
  readonly skipped: Record<SkipReason, number> = { stale: 0, overflow: 0 }
  private readonly lanes: AcceptedChat[][] = [[], [], []]
  private readonly heads = [0, 0, 0]

  constructor(settings: Partial<ChatQueueSettings> = {}) {
    this.settings = { ...DEFAULT_QUEUE, ...settings }
  }

  /** Messages waiting. */
  get size(): number {
    return this.lanes.reduce((n, lane, t) => n + lane.length - this.heads[t], 0)
  }

  /** Adds an accepted message; may push the oldest plain one out (counted). */
  push(message: AcceptedChat): void {
    this.lanes[tierOf(message)].push(message)
    if (this.size > this.settings.capacity) {
      // Plain chat gives way first; a queue full of gifts and mentions drops its oldest mention.
      const lane = this.laneLength(ChatTier.plain) > 0 ? ChatTier.plain : ChatTier.mention
      if (this.laneLength(lane) > 0) {
        this.shift(lane)
        this.skipped.overflow++
      }
    }
  }

  /** Removes plain messages that waited longer than `maxWaitMs` at `nowMs` (counted as `stale`). */
  expire(nowMs: number): number {
    let n = 0
    const lane = this.lanes[ChatTier.plain]
    while (this.heads[ChatTier.plain] < lane.length && nowMs - lane[this.heads[ChatTier.plain]].atMs > this.settings.maxWaitMs) {
      this.shift(ChatTier.plain)
      n++
    }
    this.skipped.stale += n
    return n
  }

  /** Takes the message the host should answer next, or null when none waits. */
  take(): AcceptedChat | null {
    for (let t = 0; t < this.lanes.length; t++) if (this.laneLength(t) > 0) return this.shift(t)
    return null
  }

  /** The messages waiting, in the order they would be taken (for display; allocates). */
  peekAll(): AcceptedChat[] {
    return this.lanes.flatMap((lane, t) => lane.slice(this.heads[t]))
  }

  private laneLength(t: number): number {
    return this.lanes[t].length - this.heads[t]
  }

  private shift(t: number): AcceptedChat {
    const lane = this.lanes[t]
    const message = lane[this.heads[t]++]
    if (this.heads[t] > 64 && this.heads[t] * 2 >= lane.length) {
      lane.splice(0, this.heads[t])
      this.heads[t] = 0
    }
    return message
  }
}
