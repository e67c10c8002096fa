// Moderation: every chat message passes here once; it is accepted (cleaned) or rejected with a counted reason.
// Plain TypeScript with no DOM and no Node APIs: the server and the studio run the same rules.
import { ChatSource, type AcceptedChat, type IncomingChat } from './chatMessage.ts'
import { cleanChatText, cleanViewerName } from './sanitize.ts'

/** Why a message was turned away. */
export const RejectReason = {
  empty: 'empty',
  tooLong: 'too_long',
  rateLimited: 'rate_limited',
  blocked: 'blocked',
  badViewer: 'bad_viewer',
} as const
/** One of `RejectReason`. */
export type RejectReason = (typeof RejectReason)[keyof typeof RejectReason]

/** Moderation rules; every field states its default. */
export interface ModerationSettings {
  /** Longest message after cleaning, in characters (code points); longer ones are rejected, not cut (default 300). */
  maxChars: number
  /** Longest viewer name, in characters (default 40). */
  maxViewerChars: number
  /** Messages one viewer may send per window (default 5). */
  perViewerLimit: number
  /** The rate-limit window, in ms (default 10,000). */
  perViewerWindowMs: number
  /** Words or phrases rejected anywhere in a message, matched case-insensitively after cleaning (default none). */
  blocklist: readonly string[]
  /** Names that count as a mention of the host, case-insensitive (default `['小星', '@host']`). */
  hostNames: readonly string[]
}

/** The default rules. */
export const DEFAULT_MODERATION: Readonly<ModerationSettings> = Object.freeze({
  maxChars: 300,
  maxViewerChars: 40,
  perViewerLimit: 5,
  perViewerWindowMs: 10_000,
  blocklist: [],
  hostNames: ['小星', '@host'],
})

/** What `Moderator.check` decided. */
export type ModerationResult = { readonly ok: true; readonly message: AcceptedChat } | { readonly ok: false; readonly reason: RejectReason }

/** Counts of what moderation decided, by reason. */
export interface ModerationCounts {
  accepted: number
  rejected: Record<RejectReason, number>
}

/**
 * Applies `ModerationSettings` to incoming messages, in arrival order, on a clock the caller gives
 * (so tests and the soak run on simulated time). Keeps per-viewer timestamps only inside the window.
 */
export class Moderator {
  readonly settings: ModerationSettings
  readonly counts: ModerationCounts = { accepted: 0, rejected: { empty: 0, too_long: 0, rate_limited: 0, blocked: 0, bad_viewer: 0 } }
  private readonly recent = new Map<string, number[]>()
  private blocked: readonly string[] = []
  private seq = 0
  private lastSweepMs = 0

  constructor(settings: Partial<ModerationSettings> = {}) {
    this.settings = { ...DEFAULT_MODERATION, ...settings }
    this.setBlocklist(this.settings.blocklist)
  }

  /** Replaces the blocklist (entries are cleaned and lower-cased the same way messages are). */
  setBlocklist(words: readonly string[]): void {
    this.settings.blocklist = words
    this.blocked = words.map((w) => cleanChatText(w).toLowerCase()).filter((w) => w.length > 0)
  }

  /** Decides on one message arriving at `nowMs`; a rejection is counted under its reason. */
  check(incoming: IncomingChat, nowMs: number): ModerationResult {
    const reason = this.findReason(incoming, nowMs)
    if (reason) {
      this.counts.rejected[reason]++
      return { ok: false, reason }
    }
    this.counts.accepted++
    const text = cleanChatText(incoming.text)
    const lower = text.toLowerCase()
    const message: AcceptedChat = {
      seq: ++this.seq,
      viewer: cleanViewerName(incoming.viewer),
      text,
      source: Object.values(ChatSource).includes(incoming.source) ? incoming.source : ChatSource.viewerPage,
      bits: Number.isFinite(incoming.bits) && incoming.bits! > 0 ? Math.floor(incoming.bits!) : 0,
      mention: this.settings.hostNames.some((n) => lower.includes(n.toLowerCase())),
      atMs: nowMs,
    }
    return { ok: true, message }
  }

  /** Total rejections over all reasons. */
  rejectedTotal(): number {
    return Object.values(this.counts.rejected).reduce((a, b) => a + b, 0)
  }

  private findReason(incoming: IncomingChat, nowMs: number): RejectReason | null {
    if (typeof incoming.text !== 'string' || typeof incoming.viewer !== 'string') return RejectReason.empty
    const viewer = cleanViewerName(incoming.viewer)
    if (!viewer || [...viewer].length > this.settings.maxViewerChars) return RejectReason.badViewer
    // Cleaning first: a message padded with invisible characters is judged by what shows.
    const text = cleanChatText(incoming.text)
    if (!text) return RejectReason.empty
    if ([...text].length > this.settings.maxChars) return RejectReason.tooLong
    const lower = text.toLowerCase()
    if (this.blocked.some((w) => lower.includes(w))) return RejectReason.blocked
    if (!this.admit(viewerKey(incoming, viewer), nowMs)) return RejectReason.rateLimited
    return null
  }

  /** Sliding-window limit per viewer; forgets viewers quiet for a whole window, so memory stays bounded. */
  private admit(key: string, nowMs: number): boolean {
    const windowMs = this.settings.perViewerWindowMs
    if (nowMs - this.lastSweepMs > windowMs) this.sweep(nowMs)
    let times = this.recent.get(key)
    if (!times) this.recent.set(key, (times = []))
    while (times.length > 0 && nowMs - times[0] >= windowMs) times.shift()
    if (times.length >= this.settings.perViewerLimit) return false
    times.push(nowMs)
    return true
  }

  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs
    for (const [key, times] of this.recent) if (times.length === 0 || nowMs - times[times.length - 1] >= this.settings.perViewerWindowMs) this.recent.delete(key)
  }

  /** Viewers currently tracked by the rate limit (for tests and the soak's memory check). */
  trackedViewers(): number {
    return this.recent.size
  }
}

/**
 * Who the rate limit counts: the adapter's platform-qualified id (`bilibili:12345`) when it gave one,
 * else the platform and the name, so "amy" on Twitch and "amy" on Bilibili are two viewers, and a
 * Bilibili viewer who renames is still one.
 */
function viewerKey(incoming: IncomingChat, cleanedName: string): string {
  const id = incoming.viewerId
  return typeof id === 'string' && id.length > 0 && id.length <= 200 ? id : `${String(incoming.source)}:${cleanedName.toLowerCase()}`
}
