// input stage: raw chat that arrived since the last frame is moderated, queued, and announced as events.
import { Time, type World } from '../../engine/index.ts'
import { ChatAccepted, ChatArrived, ChatRejected } from './events.ts'
import { BroadcastHost } from './host.ts'
import { cleanViewerName } from './sanitize.ts'

/** Makes the system that passes each `ChatArrived` through the moderator into the queue (on the app's clock). */
export function createAdmitChat(world: World): (world: World) => void {
  const arrived = world.reader(ChatArrived)
  return function admitChat(w: World): void {
    const messages = arrived.read()
    if (messages.length === 0) return
    const host = w.resource(BroadcastHost)
    const nowMs = w.resource(Time).elapsedMs
    for (const incoming of messages) {
      const result = host.moderator.check(incoming, nowMs)
      if (result.ok) {
        host.queue.push(result.message)
        w.send(ChatAccepted, result.message)
      } else {
        const viewer = typeof incoming.viewer === 'string' ? cleanViewerName(incoming.viewer) : ''
        w.send(ChatRejected, { viewer, reason: result.reason })
      }
    }
  }
}
