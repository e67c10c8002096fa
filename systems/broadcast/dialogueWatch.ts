// The dialogue worker under the watchdog: unhealthy when its model failed or a reply stopped streaming; restarted in place.
import type { World } from '../../engine/index.ts'
import { Dialogue, DialogueSettings, DialogueStatus, DIALOGUE_BACKENDS, ReplyDone } from '../dialogue/index.ts'
import type { WatchedWorker } from './watchdog.ts'

/**
 * Watches the dialogue backend. A reply in flight that gains no text for `stallMs` (default 20,000)
 * counts as a hung worker; a load or worker error counts as a crash.
 */
export function dialogueWorker(stallMs = 20_000): WatchedWorker {
  let seen = { id: -1, chars: -1, atMs: 0 }
  return {
    name: 'dialogue',
    check(world, nowMs) {
      const dialogue = world.resource(Dialogue)
      if (dialogue.status === DialogueStatus.error) return dialogue.error ?? 'the language model stopped'
      const reply = dialogue.current
      if (!reply) return null
      if (reply.id !== seen.id || reply.text.length !== seen.chars) seen = { id: reply.id, chars: reply.text.length, atMs: nowMs }
      return nowMs - seen.atMs > stallMs ? `reply ${reply.id} made no progress for ${Math.round((nowMs - seen.atMs) / 1000)} s` : null
    },
    restart: restartDialogue,
  }
}

/**
 * Replaces the dialogue backend with a fresh one of the same name and loads the model again. History
 * and reply ids carry over; a reply in flight ends with `ReplyDone` (error) so its turn is counted.
 */
export function restartDialogue(world: World): void {
  const old = world.resource(Dialogue)
  const settings = world.resource(DialogueSettings)
  const factory = DIALOGUE_BACKENDS.get(settings.backend)
  // An unknown backend cannot be restarted into anything better; the dialogue already says why.
  if (!factory) return
  old.backend.dispose()
  const reply = old.current
  if (reply) {
    world.send(ReplyDone, { replyId: reply.id, text: reply.text.trim(), reason: 'error', error: 'The language model restarted.', tokens: 0, firstTokenMs: 0 })
  }
  const inbox = old.inbox
  inbox.length = 0
  const fresh = new Dialogue(factory((event) => inbox.push(event)), inbox)
  fresh.history.push(...old.history)
  fresh.nextId = old.nextId
  world.insertResource(fresh)
  fresh.backend.load(settings)
}
