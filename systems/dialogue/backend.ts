// Where replies come from: a small interface, implementations registered by name, chosen by settings.
import type { ChatTurn } from './prompt.ts'
import type { FromWorker } from './protocol.ts'
import type { DialogueSettings, SamplingSettings } from './settings.ts'

/** What a backend reports; the same messages the worker sends. */
export type BackendEvent = FromWorker

/** One reply to produce. */
export interface ReplyRequest {
  readonly id: number
  readonly persona: string
  readonly history: readonly ChatTurn[]
  readonly message: string
  readonly sampling: SamplingSettings
}

/**
 * A source of replies. Calls return at once; results arrive through the `report` function given to
 * the factory, possibly from another thread's turn (never inside a frame's systems).
 */
export interface DialogueBackend {
  /** Loads (or reloads) the model the settings name; reports `progress`…, then `ready` or `error`. */
  load(settings: DialogueSettings): void
  /** Starts a reply; reports `token`…, then `done` or `error`. Requests run one after another. */
  generate(request: ReplyRequest): void
  /** Stops reply `id` at its next token. */
  cancel(id: number): void
  /** Frees the model and any thread. */
  dispose(): void
}

/** Makes a backend that reports to `report`. */
export type DialogueBackendFactory = (report: (event: BackendEvent) => void) => DialogueBackend

/** Backends by name; `DialogueSettings.backend` picks one (default `transformers`). */
export const DIALOGUE_BACKENDS = new Map<string, DialogueBackendFactory>()

/** Registers a backend under a name (replacing one of the same name). */
export function registerDialogueBackend(name: string, factory: DialogueBackendFactory): void {
  DIALOGUE_BACKENDS.set(name, factory)
}
