// Viewer chat on the server: every line is moderated (the same rules as the studio's), then shown to
// viewers and passed to the control clients (the studio's host queue). Viewers never see anything else.
import type { WebSocket } from 'ws'
import { ChatSource, Moderator, type IncomingChat, type ModerationSettings } from '../../systems/broadcast/chat.ts'
import type { ChatLine, HostLine } from './protocol.ts'
import { sendJson } from './socketGuard.ts'

/** The chat room: viewer sockets, moderation, and the hand-off to control clients. */
export class ChatRoom {
  readonly moderator: Moderator
  private readonly viewers = new Set<WebSocket>()

  constructor(moderation: Partial<ModerationSettings>, private readonly toControl: (line: ChatLine) => void) {
    this.moderator = new Moderator(moderation)
  }

  /** Adds a viewer socket (removed when it closes). */
  join(socket: WebSocket): void {
    this.viewers.add(socket)
    socket.on('close', () => this.viewers.delete(socket))
  }

  /** Viewers connected now. */
  get size(): number {
    return this.viewers.size
  }

  /**
   * A message from any source (a viewer page, Twitch); returns the rejection reason, or null when it
   * was accepted and passed on.
   */
  say(incoming: IncomingChat): string | null {
    const result = this.moderator.check(incoming, Date.now())
    if (!result.ok) return result.reason
    const { viewer, text, bits, source } = result.message
    const line: ChatLine = { type: 'chat', viewer, text, bits, source }
    for (const v of this.viewers) sendJson(v, line)
    this.toControl(line)
    return null
  }

  /** Shows the host's line to every viewer. */
  host(text: string): void {
    const line: HostLine = { type: 'host', text }
    for (const v of this.viewers) sendJson(v, line)
  }
}

/** Reads a viewer's `{ type: 'chat', viewer, text }`, or null when fields are missing or not strings. */
export function viewerLine(message: { [key: string]: unknown }): IncomingChat | null {
  const { viewer, text } = message
  if (typeof viewer !== 'string' || typeof text !== 'string') return null
  // Viewers cannot claim bits: those come only from a platform adapter.
  return { viewer, text, source: ChatSource.viewerPage }
}
