// input stage: what the backend reported since the last frame becomes events and state.
import type { World } from '../../engine/index.ts'
import type { BackendEvent } from './backend.ts'
import { Dialogue, DialogueStatus, type ReplyInFlight } from './dialogue.ts'
import { BackendReported, DialogueStatusChanged, ReplyDone, ReplySentence, ReplyToken, type ReplyDoneInfo, type ReplyTag } from './events.ts'
import type { StopReason } from './protocol.ts'
import { DialogueSettings } from './settings.ts'

/**
 * Makes the system that turns the backend's reports (`BackendReported`, posted to the world's inbox)
 * into load progress and status, then `ReplyToken`, `ReplySentence` and `ReplyDone` events. Reply
 * text passes the reply's `ReplyFilter` first, whichever backend wrote it.
 */
export function createReceiveReplies(world: World): (world: World) => void {
  const reports = world.reader(BackendReported)
  return function receiveReplies(w: World): void {
    const events = reports.read()
    if (events.length === 0) return
    const dialogue = w.resource(Dialogue)
    for (const event of events) handle(w, dialogue, event)
  }
}

/** Sets the model's status and tells other plugins (`DialogueStatusChanged`). */
export function setDialogueStatus(world: World, dialogue: Dialogue, status: DialogueStatus, error: string | null): void {
  dialogue.status = status
  dialogue.error = error
  world.send(DialogueStatusChanged, { status, error })
}

function handle(world: World, dialogue: Dialogue, event: BackendEvent): void {
  switch (event.type) {
    case 'progress':
      dialogue.progress = event.progress
      return
    case 'ready':
      dialogue.contextTokens = event.contextTokens
      dialogue.loadMs = event.loadMs
      setDialogueStatus(world, dialogue, DialogueStatus.ready, null)
      return
    case 'error':
      if (event.id === null) {
        setDialogueStatus(world, dialogue, DialogueStatus.error, event.message)
      } else if (dialogue.current?.id === event.id) {
        endReply(world, dialogue, { reason: 'error', error: event.message, tokens: 0, firstTokenMs: 0 })
      }
      return
    case 'token': {
      const reply = dialogue.current
      if (!reply || reply.id !== event.id) return
      show(world, reply, reply.filter.push(event.text))
      // Past the length cap the backend is stopped and the reply ends here, as if it had reached its limit.
      if (reply.filter.capped) {
        dialogue.backend.cancel(reply.id)
        finish(world, dialogue, 'length', 0, 0)
      }
      return
    }
    case 'done': {
      if (event.result.reason === 'cancelled') dialogue.lastCancelledTokens = event.result.tokens
      const reply = dialogue.current
      if (!reply || reply.id !== event.id) return
      show(world, reply, reply.filter.flush())
      const { reason, tokens, firstTokenMs } = event.result
      finish(world, dialogue, reason, tokens, firstTokenMs)
      return
    }
  }
}

/**
 * Stage tags seen and not yet given to a sentence, per reply (a tag waits for the sentence it is in).
 * Kept beside the reply rather than on it because only this file needs them.
 */
const waitingTags = new WeakMap<ReplyInFlight, ReplyTag[]>()

const NO_TAGS: readonly ReplyTag[] = Object.freeze([])

/**
 * Shows filtered reply text: a `ReplyToken`, and a `ReplySentence` for each sentence it completes.
 * The filter removed the stage tags; the text goes to the splitter in pieces cut where each tag was,
 * so a tag belongs to the sentence open when it appeared (or the next one, right after a sentence end).
 */
function show(world: World, reply: ReplyInFlight, text: string): void {
  const tags = reply.filter.takeTags()
  if (text) {
    reply.text += text
    world.send(ReplyToken, { replyId: reply.id, text, soFar: reply.text })
  }
  let from = 0
  for (const tag of tags) {
    sendSentences(world, reply, reply.splitter.push(text.slice(from, tag.at)))
    let waiting = waitingTags.get(reply)
    if (!waiting) waitingTags.set(reply, (waiting = []))
    waiting.push({ key: tag.key, name: tag.name })
    from = tag.at
  }
  if (from < text.length) sendSentences(world, reply, reply.splitter.push(text.slice(from)))
}

/** Sends each sentence, with the stage tags waiting for it. */
function sendSentences(world: World, reply: ReplyInFlight, sentences: readonly string[]): void {
  for (const text of sentences) {
    const tags = waitingTags.get(reply)
    waitingTags.delete(reply)
    world.send(ReplySentence, { replyId: reply.id, text, index: reply.sentences++, tags: tags ?? NO_TAGS })
  }
}

/** Ends the reply in flight: its last sentence, the exchange remembered (unless cancelled), `ReplyDone`. */
function finish(world: World, dialogue: Dialogue, reason: StopReason, tokens: number, firstTokenMs: number): void {
  const reply = dialogue.current!
  sendSentences(world, reply, reply.splitter.flush())
  waitingTags.delete(reply) // tags after the last sentence belong to none
  if (reason !== 'cancelled') {
    dialogue.history.push({ user: reply.line, assistant: reply.text.trim() })
    const keep = world.resource(DialogueSettings).maxHistoryTurns
    if (dialogue.history.length > keep) dialogue.history.splice(0, dialogue.history.length - keep)
  }
  endReply(world, dialogue, { reason, error: null, tokens, firstTokenMs })
}

/** Sends `ReplyDone` for the reply in flight and clears it. */
export function endReply(world: World, dialogue: Dialogue, end: Omit<ReplyDoneInfo, 'replyId' | 'text'>): void {
  const reply = dialogue.current
  if (!reply) return
  dialogue.current = null
  world.send(ReplyDone, { replyId: reply.id, text: reply.text.trim(), ...end })
}
