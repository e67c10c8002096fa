// The broadcast capability's one door: chat moderation and queue, the host's turns, 24/7 idle talk and watchdog.
// Plain Node code (server/) imports `node.ts` instead: the same moderation without the engine or the model.
export * from './node.ts'
export { BroadcastPlugin } from './plugin.ts'
export { BroadcastHost, DEFAULT_HOST, type HostSettings, type HostTurn, type HostTally } from './host.ts'
export { ChatAccepted, ChatArrived, ChatRejected, HostAnswering } from './events.ts'
export { WorkerWatchdog, watchWorkers, DEFAULT_WATCHDOG, type WatchedWorker, type WatchState, type WatchdogSettings } from './watchdog.ts'
export { dialogueWorker } from './dialogueWatch.ts'
export { topicsFromPersona, idlePrompt } from './topics.ts'
export { StreamLink, STREAM_CHANNEL, type StreamCommand, type ControlAddress, type LinkedChat } from './streamLink.ts'
export { StreamRecorder, DEFAULT_RECORDER, type RecorderOptions } from './recorder.ts'
export { RelayClient, type RelayStatus } from './relayClient.ts'
