// Hardening shared by every socket: JSON that is checked before use, a message-rate limit that
// disconnects floods, and a heartbeat that ends idle or half-open connections.
import type { WebSocket, RawData } from 'ws'

/** Limits; every field states its default. */
export interface GuardSettings {
  /** Messages per second a client may send on average (default 30). */
  ratePerS: number
  /** Messages a client may send at once before the rate applies (default 60). */
  burst: number
  /** Messages over the limit tolerated (dropped) before the client is disconnected (default 40). */
  maxDropped: number
  /** Ping interval; a client that has not answered the previous ping by the next is ended, in ms (default 15,000). */
  heartbeatMs: number
}

/** The default limits. */
export const DEFAULT_GUARD: Readonly<GuardSettings> = Object.freeze({ ratePerS: 30, burst: 60, maxDropped: 40, heartbeatMs: 15_000 })

/** WebSocket close codes the server uses. */
export const CloseCode = { policy: 1008, tooBig: 1009, unauthorized: 4401, authTimeout: 4408 } as const

/** Token bucket: `take()` is false when the client is over its rate. */
export class RateLimiter {
  private tokens: number
  private lastMs: number
  /** Messages refused so far. */
  dropped = 0

  constructor(private readonly ratePerS: number, private readonly burst: number, nowMs = Date.now()) {
    this.tokens = burst
    this.lastMs = nowMs
  }

  /** Spends one token if there is one. */
  take(nowMs = Date.now()): boolean {
    this.tokens = Math.min(this.burst, this.tokens + ((nowMs - this.lastMs) * this.ratePerS) / 1000)
    this.lastMs = nowMs
    if (this.tokens >= 1) {
      this.tokens -= 1
      return true
    }
    this.dropped++
    return false
  }
}

/** Parses a text frame as a JSON object with a string `type`; null for anything else (binary, bad JSON, arrays). */
export function parseMessage(data: RawData, isBinary: boolean): { type: string; [key: string]: unknown } | null {
  if (isBinary) return null
  let value: unknown
  try {
    value = JSON.parse(data.toString())
  } catch {
    return null
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return null
  return typeof (value as { type?: unknown }).type === 'string' ? (value as { type: string }) : null
}

/**
 * Guards one socket: `admit()` before handling each message (false means drop it; the socket is
 * closed once too many were dropped), and a heartbeat that terminates it when a ping goes unanswered.
 */
export function guardSocket(socket: WebSocket, settings: GuardSettings, onViolation: (why: string) => void): { admit(): boolean; dispose(): void } {
  const limiter = new RateLimiter(settings.ratePerS, settings.burst)
  let alive = true
  socket.on('pong', () => (alive = true))
  const beat = setInterval(() => {
    if (!alive) {
      onViolation('no answer to ping (idle or half-open)')
      socket.terminate()
      return
    }
    alive = false
    socket.ping()
  }, settings.heartbeatMs)
  beat.unref()
  socket.on('close', () => clearInterval(beat))
  return {
    admit() {
      if (limiter.take()) return true
      if (limiter.dropped > settings.maxDropped) {
        onViolation(`over ${settings.ratePerS} messages/s`)
        socket.close(CloseCode.policy, 'too many messages')
        // A flooding client may not read its close frame; don't wait for it.
        setTimeout(() => socket.terminate(), 1000).unref()
      }
      return false
    },
    dispose: () => clearInterval(beat),
  }
}

/** Sends a JSON message if the socket is open. */
export function sendJson(socket: WebSocket, message: object): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(message))
}
