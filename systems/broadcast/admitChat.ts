// input stage: raw chat that arrived since the last frame is moderated, queued, and announced as events.
import { Time, type World } from '../../engine/index.ts'
import { ChatAccepted, ChatRejected } from './events.ts'
import { BroadcastHost } from './host.ts'
import { cleanViewerName } from './sanitize.ts'

/** Drains `BroadcastHost.inbox` through the moderator into the queue (on the app's clock). */
export function admitChat(world: World): void {
  const host = world.resource(BroadcastHost)
  if (host.inbox.length === 0) return
  const nowMs = world.resource(Time).elapsedMs
  for (const incoming of host.inbox.splice(0)) {
    const result = host.moderator.check(incoming, nowMs)
    if (result.ok) {
      host.queue.push(result.message)
      world.send(ChatAccepted, result.message)
    } else {
      const viewer = typeof incoming.viewer === 'string' ? cleanViewerName(incoming.viewer) : ''
      world.send(ChatRejected, { viewer, reason: result.reason })
    }
  }
}
