// The broadcast capability's Node-safe door: chat moderation, the host's queue and the server's wire
// protocol, with no engine, DOM or model imports, so `server/broadcast/` (plain Node) uses exactly the studio's rules.
export { ChatSource, GiftKind, type AcceptedChat, type IncomingChat, type ChatGift } from './chatMessage.ts'
export { cleanChatText, cleanViewerName } from './sanitize.ts'
export { Moderator, RejectReason, DEFAULT_MODERATION, type ModerationSettings, type ModerationResult, type ModerationCounts } from './moderation.ts'
export { ChatQueue, ChatTier, SkipReason, tierOf, DEFAULT_QUEUE, type ChatQueueSettings } from './chatQueue.ts'
export * from './protocol.ts'
