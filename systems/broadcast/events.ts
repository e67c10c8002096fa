// The broadcast capability's events: what moderation decided and which message the host is answering.
import { defineEvent } from '../../engine/index.ts'
import type { AcceptedChat, IncomingChat } from './chatMessage.ts'
import type { RejectReason } from './moderation.ts'

/**
 * A raw chat message from any source (viewer page, Twitch, the studio), not yet moderated. Sources
 * post it to the world's inbox (`BroadcastHost.receive` does) between frames; `admitChat` reads it.
 */
export const ChatArrived = defineEvent<IncomingChat>('ChatArrived')

/** A message passed moderation and waits in the host's queue. */
export const ChatAccepted = defineEvent<AcceptedChat>('ChatAccepted')

/** A message was turned away; `viewer` is the cleaned name ('' when it had none). */
export const ChatRejected = defineEvent<{ readonly viewer: string; readonly reason: RejectReason }>('ChatRejected')

/**
 * The host turns to a message (`message` set), to an idle-talk topic (`topic` set), or to nothing
 * (both null: the reply ended). The studio and the stream page show it, as text only.
 */
export const HostAnswering = defineEvent<{ readonly message: AcceptedChat | null; readonly topic: string | null }>('HostAnswering')
