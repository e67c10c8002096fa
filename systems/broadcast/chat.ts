// The plain half of the broadcast capability's door: chat moderation and the host's queue, with no
// engine, DOM or model imports, so `server/broadcast/` (plain Node) uses exactly the studio's rules.
export { ChatSource, type AcceptedChat, type IncomingChat } from './chatMessage.ts'
export { cleanChatText, cleanViewerName } from './sanitize.ts'
export { Moderator, RejectReason, DEFAULT_MODERATION, type ModerationSettings, type ModerationResult, type ModerationCounts } from './moderation.ts'
export { ChatQueue, ChatTier, SkipReason, tierOf, DEFAULT_QUEUE, type ChatQueueSettings } from './chatQueue.ts'
