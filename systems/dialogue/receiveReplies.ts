// input stage: what the backend reported since the last frame becomes events and state.
import type { World } from '../../engine/index.ts'
import type { BackendEvent } from './backend.ts'
import { Dialogue, DialogueStatus } from './dialogue.ts'
import { ReplyDone, ReplySentence, ReplyToken, type ReplyDoneInfo } from './events.ts'
import { DialogueSettings } from './settings.ts'

/** Drains `Dialogue.inbox`: load progress and status, then `ReplyToken`, `ReplySentence` and `ReplyDone` events. */
export function receiveReplies(world: World): void {
  const dialogue = world.resource(Dialogue)
  if (dialogue.inbox.length === 0) return
  // splice(0) hands over what arrived and leaves the inbox empty for the next reports.
  for (const event of dialogue.inbox.splice(0)) handle(world, dialogue, event)
}

function handle(world: World, dialogue: Dialogue, event: BackendEvent): void {
  switch (event.type) {
    case 'progress':
      dialogue.progress = event.progress
      return
    case 'ready':
      dialogue.status = DialogueStatus.ready
      dialogue.contextTokens = event.contextTokens
      dialogue.loadMs = event.loadMs
      dialogue.error = null
      return
    case 'error':
      if (event.id === null) {
        dialogue.status = DialogueStatus.error
        dialogue.error = event.message
      } else if (dialogue.current?.id === event.id) {
        endReply(world, dialogue, { reason: 'error', error: event.message, tokens: 0, firstTokenMs: 0 })
      }
      return
    case 'token': {
      const reply = dialogue.current
      if (!reply || reply.id !== event.id) return
      reply.text += event.text
      world.send(ReplyToken, { replyId: reply.id, text: event.text, soFar: reply.text })
      for (const text of reply.splitter.push(event.text)) world.send(ReplySentence, { replyId: reply.id, text, index: reply.sentences++ })
      return
    }
    case 'done': {
      if (event.result.reason === 'cancelled') dialogue.lastCancelledTokens = event.result.tokens
      const reply = dialogue.current
      if (!reply || reply.id !== event.id) return
      for (const text of reply.splitter.flush()) world.send(ReplySentence, { replyId: reply.id, text, index: reply.sentences++ })
      if (event.result.reason !== 'cancelled') {
        dialogue.history.push({ user: reply.line, assistant: reply.text.trim() })
        const keep = world.resource(DialogueSettings).maxHistoryTurns
        if (dialogue.history.length > keep) dialogue.history.splice(0, dialogue.history.length - keep)
      }
      const { reason, tokens, firstTokenMs } = event.result
      endReply(world, dialogue, { reason, error: null, tokens, firstTokenMs })
      return
    }
  }
}

/** Sends `ReplyDone` for the reply in flight and clears it. */
export function endReply(world: World, dialogue: Dialogue, end: Omit<ReplyDoneInfo, 'replyId' | 'text'>): void {
  const reply = dialogue.current
  if (!reply) return
  dialogue.current = null
  world.send(ReplyDone, { replyId: reply.id, text: reply.text.trim(), ...end })
}
