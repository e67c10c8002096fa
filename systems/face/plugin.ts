// The face plugin: the generator worker, the systems that drive and show it, and its resources.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { MixExpressions } from '../avatar/index.ts'
import { RenderScene } from '../render/index.ts'
import { Face, FaceStatus } from './face.ts'
import { FaceIdentity } from './identity.ts'
import { FaceWorkerReported } from './events.ts'
import { createReceiveFaceImages } from './receiveFaceImages.ts'
import { createRequestFaceImage } from './requestFaceImage.ts'
import { FaceSettings } from './settings.ts'
import { createShowFace } from './showFace.ts'
import { AdaptiveRate } from './updateRate.ts'
import { startFaceWorker } from './workerLink.ts'

/** The texture and worn face owned by `showFace`, released at cleanup (private to the plugin). */
class FaceTeardown {
  constructor(readonly dispose: () => void) {}
}

/**
 * The generated face: uses the `FaceSettings` resource (inserting the defaults if there is none),
 * inserts `Face` and `FaceIdentity`, starts the worker loading the generator, and adds
 * `receiveFaceImages` (input), `requestFaceImage` (lateUpdate, after `mixExpressions`) and
 * `showFace` (render, before `renderScene`). Needs `RenderPlugin` and `AvatarPlugin`.
 */
export const FacePlugin: Plugin = {
  name: 'face',
  build(app: App) {
    const world = app.world
    const settings = world.tryResource(FaceSettings) ?? world.insertResource(new FaceSettings())
    if (!world.tryResource(FaceIdentity)) world.insertResource(new FaceIdentity())
    const face = new Face(startFaceWorker(settings, world.inbox(FaceWorkerReported).post), new AdaptiveRate(settings.rate))
    world.insertResource(face)
    face.worker.load(settings.sidecarUrl)
    const show = createShowFace(world)
    world.insertResource(new FaceTeardown(show.dispose))
    app.addSystem(Stage.Input, createReceiveFaceImages(world))
    app.addSystem(Stage.LateUpdate, createRequestFaceImage(world), { name: 'requestFaceImage', after: [MixExpressions] })
    app.addSystem(Stage.Render, show.system, { name: 'showFace', before: [RenderScene] })
  },
  cleanup(app: App) {
    app.world.tryResource(FaceTeardown)?.dispose()
    app.world.tryResource(Face)?.worker.dispose()
  },
}

/** Loads the generator again with the current settings (after changing `sidecarUrl`, `precision` or `backend`). */
export function reloadFace(world: World): void {
  const face = world.resource(Face)
  const settings = world.resource(FaceSettings)
  face.status = FaceStatus.loading
  face.message = null
  face.inFlight = null
  face.rate = new AdaptiveRate(settings.rate)
  face.worker.load(settings.sidecarUrl)
}
