// The dialogue worker under the watchdog: unhealthy when its model failed or a reply stopped streaming; restarted in place.
import type { World } from '../../engine/index.ts'
import { DialogueStatus, DialogueStatusChanged, ReplyDone, ReplyStarted, ReplyToken, restartDialogue } from '../dialogue/index.ts'
import type { WatchedWorker } from './watchdog.ts'

/**
 * Watches the dialogue backend through its events (the watchdog checks once a frame). A reply that
 * gains no text for `stallMs` (default 20,000) counts as a hung worker; a load or worker error as a
 * crash. The restart is the dialogue's own `restartDialogue`.
 */
export function dialogueWorker(world: World, stallMs = 20_000): WatchedWorker {
  const statuses = world.reader(DialogueStatusChanged)
  const started = world.reader(ReplyStarted)
  const tokens = world.reader(ReplyToken)
  const done = world.reader(ReplyDone)
  let failure: string | null = null
  /** The reply in flight and when it last made progress, ms. */
  let reply: { id: number; progressAtMs: number } | null = null
  return {
    name: 'dialogue',
    check(_world, nowMs) {
      for (const s of statuses.read()) failure = s.status === DialogueStatus.error ? (s.error ?? 'the language model stopped') : null
      for (const s of started.read()) reply = { id: s.replyId, progressAtMs: nowMs }
      for (const t of tokens.read()) if (reply?.id === t.replyId) reply.progressAtMs = nowMs
      for (const d of done.read()) if (reply?.id === d.replyId) reply = null
      if (failure) return failure
      if (!reply) return null
      const quietMs = nowMs - reply.progressAtMs
      return quietMs > stallMs ? `reply ${reply.id} made no progress for ${Math.round(quietMs / 1000)} s` : null
    },
    restart(w) {
      reply = null
      restartDialogue(w)
    },
  }
}
