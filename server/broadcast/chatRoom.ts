// Viewer chat on the server: every line from every source (viewer page, Twitch, Bilibili, YouTube) is
// moderated by the same rules as the studio's, then shown to viewers and passed to the control clients
// (the studio's host queue). Viewers never see anything else, nor another viewer's platform id.
import type { WebSocket } from 'ws'
import { ChatSource, Moderator, type ChatLine, type HostLine, type IncomingChat, type ModerationSettings } from '../../systems/broadcast/node.ts'
import { sendJson } from './socketGuard.ts'

/** The chat room: viewer sockets, moderation, and the hand-off to control clients. */
export class ChatRoom {
  /** The studio's moderation rules; its per-viewer limit counts platform-qualified ids, so `amy` on Twitch and on Bilibili are two viewers. */
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
   * A message from any source; returns the rejection reason, or null when it was accepted and passed on.
   * `nowMs` is the moderation clock (default now).
   */
  say(incoming: IncomingChat, nowMs = Date.now()): string | null {
    const id = incoming.viewerId ?? `${incoming.source}:${typeof incoming.viewer === 'string' ? incoming.viewer.toLowerCase() : ''}`
    const result = this.moderator.check({ ...incoming, viewerId: id }, nowMs)
    if (!result.ok) return result.reason
    const { viewer, text, bits, source } = result.message
    const line: ChatLine = { type: 'chat', viewer, text, bits, source }
    for (const v of this.viewers) sendJson(v, line)
    this.toControl(incoming.gift ? { ...line, viewerId: id, gift: incoming.gift } : { ...line, viewerId: id })
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
  // Viewers cannot claim bits, gifts or another platform's id: those come only from a platform adapter.
  return { viewer, text, source: ChatSource.viewerPage }
}
