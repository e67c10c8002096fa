// The broadcast capability's events: what moderation decided and which message the host is answering.
import { defineEvent } from '../../engine/index.ts'
import type { AcceptedChat } from './chatMessage.ts'
import type { RejectReason } from './moderation.ts'

/** A message passed moderation and waits in the host's queue. */
export const ChatAccepted = defineEvent<AcceptedChat>('ChatAccepted')

/** A message was turned away; `viewer` is the cleaned name ('' when it had none). */
export const ChatRejected = defineEvent<{ readonly viewer: string; readonly reason: RejectReason }>('ChatRejected')

/**
 * The host turns to a message (`message` set), to an idle-talk topic (`topic` set), or to nothing
 * (both null: the reply ended). The studio and the stream page show it, as text only.
 */
export const HostAnswering = defineEvent<{ readonly message: AcceptedChat | null; readonly topic: string | null }>('HostAnswering')
