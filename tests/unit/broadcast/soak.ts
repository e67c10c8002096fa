// The broadcast soak: the engine stepped on a manual clock, simulated chat at a fixed rate, the host
// answering through the dialogue plugin with the simulated model. Shared by the CI test (minutes of
// simulated time) and bench/broadcast (two hours).
import { App, Time } from '../../../engine/index.ts'
import { BroadcastHost, BroadcastPlugin, ChatRejected, ChatSource, RejectReason, type IncomingChat } from '../../../systems/broadcast/index.ts'
import { DIALOGUE_BACKENDS, DialoguePlugin, DialogueSettings, ReplyStarted, ReplyToken } from '../../../systems/dialogue/index.ts'
import { SimulatedModel } from './simulatedBackend.ts'

/** Soak settings. */
export interface SoakOptions {
  /** Simulated duration, in ms. */
  durationMs: number
  /** Chat messages per simulated second (default 10). */
  messagesPerS?: number
  /** Frame step, in ms of simulated time (default 50: 20 frames per simulated second). */
  frameMs?: number
  /** Called with (heapUsed bytes, simulated ms) every simulated minute; the bench samples heap growth with it. */
  onMinute?: (heapBytes: number, simMs: number) => void
}

/** What the soak saw. */
export interface SoakResult {
  sent: number
  accepted: number
  rejectedByReason: Record<RejectReason, number>
  rejectedEvents: number
  answered: number
  skipped: { stale: number; overflow: number }
  waiting: number
  unaccounted: number
  /** Simulated ms from a message being taken by the host to its first reply token. */
  takenToFirstTokenMs: number[]
  wallMs: number
  frames: number
}

/**
 * Chat mix (deterministic): 400 viewers in turn; each 50 messages open with a burst of 8 from one viewer
 * (rate-limited), every 97th holds a blocked word, every 89th is too long, every 83rd is only
 * invisible characters, every 20th mentions the host, every 40th carries bits.
 */
function messageAt(n: number): IncomingChat {
  const viewer = n % 50 < 8 ? 'spammer' : `viewer${n % 400}`
  let text = `第${n}条消息,主播好!`
  if (n % 97 === 0) text = `买 spamlink 点这里 ${n}`
  else if (n % 89 === 0) text = '长'.repeat(400)
  else if (n % 83 === 0) text = '\u200b\u202e\u2066'
  else if (n % 20 === 0) text = `小星,${text}`
  return { viewer, text, source: ChatSource.viewerPage, bits: n % 40 === 0 ? 100 : 0 }
}

/** Runs the soak and returns its tallies; throws nothing on a lost message (the caller asserts). */
export function runSoak(options: SoakOptions): SoakResult {
  const rate = options.messagesPerS ?? 10
  const frameMs = options.frameMs ?? 50
  const model = new SimulatedModel()
  model.register('soak-simulated')
  const app = new App({ maxDeltaMs: 1000 })
  app.world.insertResource(new DialogueSettings({ backend: 'soak-simulated' }))
  app.world.insertResource(new BroadcastHost({ moderation: { blocklist: ['spamlink'] } }))
  app.addPlugin(DialoguePlugin).addPlugin(BroadcastPlugin)
  const host = app.world.resource(BroadcastHost)
  const rejected = app.world.reader(ChatRejected)
  const started = app.world.reader(ReplyStarted)
  const tokens = app.world.reader(ReplyToken)
  const time = app.world.resource(Time)
  const startedAt = new Map<number, number>()
  const latencies: number[] = []
  let rejectedEvents = 0
  let sent = 0
  let nextMinute = 60_000
  const wallStart = performance.now()
  try {
    while (time.elapsedMs < options.durationMs) {
      const due = Math.floor(((time.elapsedMs + frameMs) * rate) / 1000)
      while (sent < due) host.receive(messageAt(sent++))
      model.advance(time.elapsedMs)
      app.step(frameMs)
      rejectedEvents += rejected.read().length
      for (const s of started.read()) startedAt.set(s.replyId, time.elapsedMs)
      for (const t of tokens.read()) {
        const at = startedAt.get(t.replyId)
        if (at !== undefined) {
          latencies.push(time.elapsedMs - at)
          startedAt.delete(t.replyId)
        }
      }
      if (time.elapsedMs >= nextMinute) {
        options.onMinute?.(process.memoryUsage().heapUsed, time.elapsedMs)
        nextMinute += 60_000
      }
    }
  } finally {
    app.cleanup()
    DIALOGUE_BACKENDS.delete('soak-simulated')
  }
  return {
    sent,
    accepted: host.moderator.counts.accepted,
    rejectedByReason: { ...host.moderator.counts.rejected },
    rejectedEvents,
    answered: host.tally.answered,
    skipped: { ...host.queue.skipped },
    waiting: host.queue.size,
    unaccounted: host.unaccounted(),
    takenToFirstTokenMs: latencies,
    wallMs: performance.now() - wallStart,
    frames: time.frame,
  }
}
