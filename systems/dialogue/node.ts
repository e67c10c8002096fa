// The dialogue capability's Node-safe door, for server/ and tools: the language-model session and the
// types it speaks, with nothing that needs a DOM, a Worker or a Vite import. Runs in Node as in a worker.
export { loadLanguageModel, type LanguageModel } from './session.ts'
export { DEFAULT_PERSONA, DEFAULT_SAMPLING, ModelDtype, SHIPPED_MODEL, type ModelSource, type SamplingSettings } from './settings.ts'
export { StopReason, type GenerationResult, type LoadProgress } from './protocol.ts'
export { buildPrompt, type ChatMessage, type ChatTurn } from './prompt.ts'
export { readServerSentEvents } from './sse.ts'
