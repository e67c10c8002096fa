// The broadcast plugin: chat in through moderation and a priority queue, the host's turns, idle talk, the watchdog.
import { Stage, type App, type Plugin } from '../../engine/index.ts'
import { createAdmitChat } from './admitChat.ts'
import { dialogueWorker } from './dialogueWatch.ts'
import { ChatArrived } from './events.ts'
import { BroadcastHost } from './host.ts'
import { createHostTurns } from './hostTurns.ts'
import { WorkerWatchdog, watchWorkers } from './watchdog.ts'

/**
 * Needs the dialogue plugin (added before or after; its resources are read at frame time). Uses the
 * `BroadcastHost` and `WorkerWatchdog` resources if present (inserting defaults if not), watches the
 * dialogue worker, and adds `admitChat` (input), `hostTurns` and `watchWorkers` (update).
 * Push raw chat with `world.resource(BroadcastHost).receive(…)` or post `ChatArrived` to the world's inbox.
 */
export const BroadcastPlugin: Plugin = {
  name: 'broadcast',
  build(app: App) {
    const world = app.world
    const host = world.tryResource(BroadcastHost) ?? world.insertResource(new BroadcastHost())
    host.connect(world.inbox(ChatArrived))
    const dog = world.tryResource(WorkerWatchdog) ?? world.insertResource(new WorkerWatchdog())
    dog.register(dialogueWorker(world))
    app.addSystem(Stage.Input, createAdmitChat(world))
    app.addSystem(Stage.Update, createHostTurns(world))
    app.addSystem(Stage.Update, watchWorkers)
  },
}
