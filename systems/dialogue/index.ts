// The dialogue capability's one door: everything not exported here is private to systems/dialogue.
export { DialoguePlugin, reloadDialogue, restartDialogue } from './plugin.ts'
export { Dialogue, DialogueStatus, type ReplyInFlight } from './dialogue.ts'
export { ViewerMessage, InterruptReply, ReplyStarted, ReplyToken, ReplySentence, ReplyDone, DialogueStatusChanged, type ReplyDoneInfo, type ReplyEnd } from './events.ts'
export {
  DialogueSettings,
  DEFAULT_PERSONA,
  DEFAULT_SAMPLING,
  DEFAULT_OPENAI,
  DEFAULT_BLOCKLIST,
  SHIPPED_MODEL,
  ModelDtype,
  type ModelSource,
  type SamplingSettings,
  type OpenAISettings,
  type ReplyFilterSettings,
} from './settings.ts'
export { DIALOGUE_BACKENDS, registerDialogueBackend, type DialogueBackend, type DialogueBackendFactory, type BackendEvent, type ReplyRequest } from './backend.ts'
export { StopReason, type LoadProgress, type GenerationResult } from './protocol.ts'
export type { ChatTurn, ChatMessage } from './prompt.ts'
