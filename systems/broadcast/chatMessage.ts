// What a chat message is, wherever it came from (viewer page, Twitch, Bilibili, YouTube, the studio), before and after moderation.

/** Where a message came from. */
export const ChatSource = { viewerPage: 'viewer-page', twitch: 'twitch', bilibili: 'bilibili', youtube: 'youtube', studio: 'studio' } as const
/** One of `ChatSource`. */
export type ChatSource = (typeof ChatSource)[keyof typeof ChatSource]

/** Kinds of paid attention a platform sends with (or instead of) a message. */
export const GiftKind = {
  /** Twitch cheer: `value` in bits. */
  bits: 'bits',
  /** A Bilibili gift: `value` in gold coins (金瓜子, 1,000 = ¥1; free silver gifts are 0). */
  gift: 'gift',
  /** A Bilibili or YouTube super chat: `value` in `currency`'s main unit (¥, $, …). */
  superChat: 'super_chat',
  /** A YouTube super sticker: `value` in `currency`'s main unit. */
  superSticker: 'super_sticker',
} as const
/** One of `GiftKind`. */
export type GiftKind = (typeof GiftKind)[keyof typeof GiftKind]

/** What was given, as the platform reported it (untrusted, checked by the adapter). */
export interface ChatGift {
  readonly kind: GiftKind
  /** The gift's name (`辣条`, `Super Chat`), at most 60 characters. */
  readonly name: string
  /** How many (1 for super chats and bits). */
  readonly count: number
  /** The whole gift's worth, in the unit `kind` states. */
  readonly value: number
  /** ISO 4217 code for money (`CNY`, `USD`), or null for platform currencies (bits, gold coins). */
  readonly currency: string | null
}

/** A message as it arrives: untrusted text, not yet moderated. */
export interface IncomingChat {
  /** The viewer's display name (untrusted). */
  readonly viewer: string
  /** The message (untrusted). */
  readonly text: string
  readonly source: ChatSource
  /**
   * A gift's worth in the platform's unit (default 0); any value above 0 puts the message in the
   * queue's gift tier. Twitch: bits; Bilibili: gold coins; YouTube: the currency's main unit, rounded up.
   */
  readonly bits?: number
  /**
   * Who sent it, qualified by platform so two platforms' viewers never collide: `twitch:amy`,
   * `bilibili:12345` (uid), `youtube:UC…` (channel id), `viewer-page:amy` (default: from the name).
   */
  readonly viewerId?: string
  /** The gift, super chat or bits, when there was one. */
  readonly gift?: ChatGift
}

/** A message that passed moderation: cleaned text, a sequence number, its priority tier. */
export interface AcceptedChat {
  /** Increases by one per accepted message; the oldest has the smallest. */
  readonly seq: number
  readonly viewer: string
  readonly text: string
  readonly source: ChatSource
  readonly bits: number
  /** Whether the message names the host. */
  readonly mention: boolean
  /** When it was accepted, ms on the moderator's clock. */
  readonly atMs: number
}
