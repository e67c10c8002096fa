// The mocap plugin: the Mocap resource and the two systems that turn tracked faces into the anchor's pose.
import { Stage, type App, type Plugin } from '../../engine/index.ts'
import { driveAvatars } from './driveAvatars.ts'
import { FaceTracked } from './events.ts'
import { Mocap } from './mocap.ts'
import { createReceiveTracking } from './receiveTracking.ts'
import { MocapSettings } from './settings.ts'

/**
 * Webcam motion capture: uses the `MocapSettings` resource (inserting the defaults if there is
 * none), inserts `Mocap` (camera off until `mocap.start()`), and adds `receiveTracking` (input) and
 * `driveAvatars` (update). Tracked frames arrive as `FaceTracked` events through the world's inbox.
 */
export const MocapPlugin: Plugin = {
  name: 'mocap',
  build(app: App) {
    const world = app.world
    const settings = world.tryResource(MocapSettings) ?? world.insertResource(new MocapSettings())
    world.insertResource(new Mocap(settings, world.inbox(FaceTracked)))
    app.addSystem(Stage.Input, createReceiveTracking(world))
    app.addSystem(Stage.Update, driveAvatars)
  },
  cleanup(app: App) {
    app.world.resource(Mocap).dispose()
  },
}
