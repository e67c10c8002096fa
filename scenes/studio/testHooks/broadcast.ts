// The broadcast as tests see it: a viewer's message handed to the host, and the recording and the
// live relay as plain values.
import type { World } from '../../../engine/index.ts'
import { BroadcastHost, type RelayStatus } from '../../../systems/broadcast/index.ts'
import { BroadcastSession } from '../broadcastPanel.ts'

/** A chat message as a viewer page or Twitch would hand it in (untrusted text). */
export interface ViewerChat {
  readonly viewer: string
  readonly text: string
  /** `viewer-page` or `twitch`. */
  readonly source: string
  readonly bits?: number
}

/** Recording and streaming now, as plain values. */
export interface BroadcastSnapshot {
  /** The recording being made or last made, or null before the first. */
  readonly recording: { readonly recording: boolean; readonly hasAudio: boolean; readonly sizeBytes: number; readonly durationMs: number } | null
  /** The live relay's last status, or null while off air. */
  readonly relay: RelayStatus | null
}

/** The broadcast's hooks: `window.__genanchor.broadcast`. */
export interface BroadcastTestHooks {
  snapshot(): BroadcastSnapshot
  /** Hands a viewer's message to the host, as the server link does. */
  receive(chat: ViewerChat): void
}

/** Makes the broadcast's hooks over `world`. */
export function broadcastHooks(world: World): BroadcastTestHooks {
  const session = world.resource(BroadcastSession)
  const host = world.resource(BroadcastHost)
  return {
    snapshot() {
      const r = session.recorder
      const status = session.live?.status ?? null
      return {
        recording: r ? { recording: r.recording, hasAudio: r.hasAudio, sizeBytes: r.sizeBytes, durationMs: r.durationMs } : null,
        relay: status ? { ...status } : null,
      }
    },
    receive: (chat) => host.receive(chat as Parameters<BroadcastHost['receive']>[0]),
  }
}
