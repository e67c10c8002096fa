// The dialogue capability's events: chat in, the host's reply out, token by token and sentence by sentence.
import { defineEvent } from '../../engine/index.ts'
import type { BackendEvent } from './backend.ts'
import type { DialogueStatus } from './dialogue.ts'
import type { StopReason } from './protocol.ts'

/** A viewer's chat message for the host to answer (from the chat panel or a stream's chat). */
export const ViewerMessage = defineEvent<{ readonly viewer: string; readonly text: string }>('ViewerMessage')

/** The performer interrupts: the reply being generated stops at its next token. */
export const InterruptReply = defineEvent<{ readonly reason: string }>('InterruptReply')

/** The host starts answering `message` (already capped to `maxMessageChars`). */
export const ReplyStarted = defineEvent<{ readonly replyId: number; readonly viewer: string; readonly message: string; readonly cappedChars: number }>('ReplyStarted')

/** A piece of the reply as it streams in; `soFar` is the whole reply up to here. */
export const ReplyToken = defineEvent<{ readonly replyId: number; readonly text: string; readonly soFar: string }>('ReplyToken')

/**
 * A stage tag the model wrote (`[happy]`, `[gesture:wave]`, `<happy>`), removed from the text: `key`
 * is what came before a `:` or `=` (lower case, null when none), `name` the rest (lower case). The
 * dialogue gives it no meaning; systems/emotion reads it.
 */
export interface ReplyTag {
  readonly key: string | null
  readonly name: string
}

/**
 * A finished sentence of the reply, for the voice system (`index` counts from 0). `tags` are the
 * stage tags written in it or just before it (after the previous sentence ended), never in `text`.
 */
export const ReplySentence = defineEvent<{ readonly replyId: number; readonly text: string; readonly index: number; readonly tags?: readonly ReplyTag[] }>('ReplySentence')

/** How a reply ended: `eos`, `length`, `cancelled` or `error` (then `error` is a message for the performer). */
export type ReplyEnd = StopReason | 'error'

/** What `ReplyDone` carries. */
export interface ReplyDoneInfo {
  readonly replyId: number
  readonly text: string
  readonly reason: ReplyEnd
  readonly error: string | null
  /** Tokens generated (0 when unknown). */
  readonly tokens: number
  /** From the request to the first token, in ms (0 when unknown). */
  readonly firstTokenMs: number
}

/** The reply ended; `text` is all of it (partial when cancelled). */
export const ReplyDone = defineEvent<ReplyDoneInfo>('ReplyDone')

/** The model's status changed (loading, ready, error); `error` is a message for the performer, or null. */
export const DialogueStatusChanged = defineEvent<{ readonly status: DialogueStatus; readonly error: string | null }>('DialogueStatusChanged')

/** What the backend reported (posted to its inbox from the worker or the fetch, read by `receiveReplies`); private to systems/dialogue. */
export const BackendReported = defineEvent<BackendEvent>('BackendReported')
