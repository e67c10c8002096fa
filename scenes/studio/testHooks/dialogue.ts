// The dialogue as tests see it: its state as plain values, and the sampling knobs no panel offers.
import type { World } from '../../../engine/index.ts'
import { Dialogue, DialogueSettings, type SamplingSettings } from '../../../systems/dialogue/index.ts'

/** The dialogue now, as plain values. */
export interface DialogueSnapshot {
  readonly status: string
  readonly backendName: string
  /** Whether a reply is being generated. */
  readonly replying: boolean
  /** Tokens the backend had generated when the last cancelled reply stopped (−1 until one reports). */
  readonly lastCancelledTokens: number
  /** The persona in use from the next message on. */
  readonly persona: string
}

/** The dialogue's hooks: `window.__genanchor.dialogue`. */
export interface DialogueTestHooks {
  snapshot(): DialogueSnapshot
  /** Changes sampling (from the next reply on) and the reply filter's length cap, in characters. */
  tune(sampling: Partial<SamplingSettings>, maxReplyChars?: number): void
}

/** Makes the dialogue's hooks over `world`. */
export function dialogueHooks(world: World): DialogueTestHooks {
  const dialogue = world.resource(Dialogue)
  const settings = world.resource(DialogueSettings)
  return {
    snapshot: () => ({
      status: dialogue.status, backendName: dialogue.backendName, replying: dialogue.current !== null,
      lastCancelledTokens: dialogue.lastCancelledTokens, persona: settings.persona,
    }),
    tune(sampling, maxReplyChars) {
      Object.assign(settings.sampling, sampling)
      if (maxReplyChars !== undefined) settings.filter.maxReplyChars = maxReplyChars
    },
  }
}
