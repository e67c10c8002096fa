// The studio's test hooks: one read-only door, `window.__genanchor`, for the e2e tests, the benches
// and console debugging. Loaded only when `testHooksWanted` (scenes/testHooksFlag.ts) says so; every
// getter returns plain values (a snapshot), and the few actions are the performer's own (say, stop,
// set an expression) or fault injection, which the workers honour only because this module asked
// for it before they started.
import type { App } from '../../../engine/index.ts'
import { FaceSettings } from '../../../systems/face/index.ts'
import { broadcastHooks, type BroadcastTestHooks } from './broadcast.ts'
import { dialogueHooks, type DialogueTestHooks } from './dialogue.ts'
import { faceHooks, type FaceTestHooks } from './face.ts'
import { mocapHooks, type MocapTestHooks } from './mocap.ts'
import { stageHooks, type StageTestHooks } from './stage.ts'
import { allowVoiceFaults, voiceHooks, type VoiceTestHooks } from './voice.ts'

export type { BroadcastSnapshot } from './broadcast.ts'
export type { DialogueSnapshot } from './dialogue.ts'
export type { FaceSnapshot } from './face.ts'
export type { MocapSnapshot, PoseSnapshot } from './mocap.ts'
export type { SceneInventory, StageAvatarSnapshot } from './stage.ts'
export type { VoiceSnapshot } from './voice.ts'

/** Everything the studio shows tests: its own state, and one member per capability. */
export interface StudioTestHooks extends StageTestHooks {
  readonly dialogue: DialogueTestHooks
  readonly voice: VoiceTestHooks
  readonly face: FaceTestHooks
  readonly mocap: MocapTestHooks
  readonly broadcast: BroadcastTestHooks
}

declare global {
  interface Window {
    /** The studio's test hooks (only under the test flag); see `StudioTestHooks`. */
    __genanchor?: StudioTestHooks
  }
}

/**
 * Lets the workers started from now on accept fault injection (the espeak worker's crash, the face
 * worker's device loss). Call before the voice and face plugins build, with the face settings the
 * studio will insert.
 */
export function allowFaults(face: FaceSettings): void {
  face.faults = true
  allowVoiceFaults()
}

/** Publishes `window.__genanchor` for the app (every domain plugin and panel added). */
export function installTestHooks(app: App): void {
  const world = app.world
  window.__genanchor = Object.freeze({
    ...stageHooks(world),
    dialogue: dialogueHooks(world),
    voice: voiceHooks(world),
    face: faceHooks(world),
    mocap: mocapHooks(world),
    broadcast: broadcastHooks(world),
  })
}
