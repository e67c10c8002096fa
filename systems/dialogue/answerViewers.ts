// update stage: a viewer's message starts a reply, cancelling the one in flight.
// input stage, before receiveReplies: the performer's interrupt stops the reply before more of it shows.
import type { World } from '../../engine/index.ts'
import { Dialogue } from './dialogue.ts'
import { InterruptReply, ReplyStarted, ViewerMessage } from './events.ts'
import { endReply } from './receiveReplies.ts'
import { ReplyFilter } from './replyFilter.ts'
import { SentenceSplitter } from './sentences.ts'
import { DialogueSettings } from './settings.ts'

/** Makes the system; readers are created once, here. */
export function createAnswerViewers(world: World): (world: World) => void {
  const messages = world.reader(ViewerMessage)
  return function answerViewers(w: World): void {
    const dialogue = w.resource(Dialogue)
    const incoming = messages.read()
    if (incoming.length === 0) return
    // Only the newest message of a frame is answered: each would cancel the one before it anyway.
    const { viewer, text } = incoming[incoming.length - 1]
    const settings = w.resource(DialogueSettings)
    const trimmed = text.trim()
    if (!trimmed) return
    cancelReply(w, dialogue)
    const chars = [...trimmed]
    const message = chars.slice(0, settings.maxMessageChars).join('')
    const id = dialogue.nextId++
    // The model was trained on "<viewer>: <message>" lines (models/lm/data.py).
    const line = viewer ? `${viewer}: ${message}` : message
    dialogue.current = { id, viewer, message, line, text: '', sentences: 0, splitter: new SentenceSplitter(), filter: new ReplyFilter(settings.filter), cancelRequested: false }
    w.send(ReplyStarted, { replyId: id, viewer, message, cappedChars: Math.max(0, chars.length - settings.maxMessageChars) })
    dialogue.backend.generate({ id, persona: settings.persona, history: dialogue.history, message: line, sampling: settings.sampling })
  }
}

/**
 * Makes the system that ends a reply stopped by `InterruptReply` or `Dialogue.cancel()`; it runs
 * before `receiveReplies`, so no token that arrived meanwhile shows.
 */
export function createInterruptReplies(world: World): (world: World) => void {
  const interrupts = world.reader(InterruptReply)
  return function interruptReplies(w: World): void {
    const dialogue = w.resource(Dialogue)
    if (interrupts.read().length > 0 || dialogue.current?.cancelRequested) cancelReply(w, dialogue)
  }
}

/** Stops the reply in flight (if any): the backend stops at its next token; `ReplyDone` says `cancelled` at once, and late tokens are ignored. */
export function cancelReply(world: World, dialogue: Dialogue): void {
  if (!dialogue.current) return
  dialogue.cancel()
  endReply(world, dialogue, { reason: 'cancelled', error: null, tokens: 0, firstTokenMs: 0 })
}
