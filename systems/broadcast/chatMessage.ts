// What a chat message is, wherever it came from (viewer page, Twitch IRC, the studio), before and after moderation.

/** Where a message came from. */
export const ChatSource = { viewerPage: 'viewer-page', twitch: 'twitch', studio: 'studio' } as const
/** One of `ChatSource`. */
export type ChatSource = (typeof ChatSource)[keyof typeof ChatSource]

/** A message as it arrives: untrusted text, not yet moderated. */
export interface IncomingChat {
  /** The viewer's display name (untrusted). */
  readonly viewer: string
  /** The message (untrusted). */
  readonly text: string
  readonly source: ChatSource
  /** Bits, a gift or a donation attached to the message, in the platform's unit (default 0). */
  readonly bits?: number
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
