// The dialogue state the studio reads: model status, load progress, history and the reply in flight.
import type { DialogueBackend } from './backend.ts'
import type { LoadProgress } from './protocol.ts'
import type { ChatTurn } from './prompt.ts'
import type { ReplyFilter } from './replyFilter.ts'
import type { SentenceSplitter } from './sentences.ts'

/** Where the model is: `loading` until `ready`, or `error` (then `Dialogue.error` says why). */
export const DialogueStatus = { loading: 'loading', ready: 'ready', error: 'error' } as const
/** One of `DialogueStatus`. */
export type DialogueStatus = (typeof DialogueStatus)[keyof typeof DialogueStatus]

/** The reply being generated. */
export interface ReplyInFlight {
  readonly id: number
  readonly viewer: string
  readonly message: string
  /** The user line sent to the model (`viewer: message`). */
  readonly line: string
  text: string
  sentences: number
  /** Set by `Dialogue.cancel()`; the reply ends (cancelled) in the next input stage. */
  cancelRequested: boolean
  readonly splitter: SentenceSplitter
  /** Masks blocked words and caps the length before any text is shown (settings of the moment the reply started). */
  readonly filter: ReplyFilter
}

/** A resource: the dialogue's state. Systems change it; the UI reads it. */
export class Dialogue {
  status: DialogueStatus = DialogueStatus.loading
  /** Model load progress; null before the first report. */
  progress: LoadProgress | null = null
  /** Load time once ready, in ms. */
  loadMs = 0
  /** The model's context window, in tokens, once ready. */
  contextTokens = 0
  /** A message for the performer when the model failed to load; null otherwise. */
  error: string | null = null
  /** Finished exchanges, oldest first (the worker trims them to the context window). */
  readonly history: ChatTurn[] = []
  /** The reply being generated, or null: at most one at a time. */
  current: ReplyInFlight | null = null
  /** Tokens the backend had generated when the last cancelled reply stopped (−1 until one reports). */
  lastCancelledTokens = -1
  nextId = 1

  constructor(
    /** The backend in use; `reloadDialogue` replaces it when `DialogueSettings.backend` changes. Its reports go to the world's `BackendReported` inbox. */
    public backend: DialogueBackend,
    /** The name it is registered under in `DIALOGUE_BACKENDS` ('' when unknown: `reloadDialogue` then makes a fresh one). */
    public backendName = '',
  ) {}

  /**
   * Stops the reply in flight now: the backend hears at once and stops at its next token; the
   * reply's `ReplyDone` (cancelled) follows in the next input stage, and no more of it shows.
   * Sending `InterruptReply` does the same from a system.
   */
  cancel(): void {
    const reply = this.current
    if (!reply || reply.cancelRequested) return
    reply.cancelRequested = true
    this.backend.cancel(reply.id)
  }
}
