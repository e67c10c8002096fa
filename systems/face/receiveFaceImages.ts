// Stage.Input: what the face worker reported since the last frame becomes the Face state.
import type { World } from '../../engine/index.ts'
import { FaceWorkerReported } from './events.ts'
import { Face, FaceStatus } from './face.ts'
import type { FromWorker } from './protocol.ts'

/**
 * Makes the system that reads the worker's reports (`FaceWorkerReported`, delivered from the world's
 * inbox): load results, images (the newest waits in `pending` for `showFace`), fall-backs and errors.
 */
export function createReceiveFaceImages(world: World): (world: World) => void {
  const reports = world.reader(FaceWorkerReported)
  return function receiveFaceImages(w: World): void {
    const messages = reports.read()
    if (messages.length === 0) return
    const face = w.resource(Face)
    const now = performance.now()
    for (const message of messages) handle(face, message, now)
  }
}

function handle(face: Face, message: FromWorker, now: number): void {
  switch (message.type) {
    case 'ready':
      face.status = FaceStatus.ready
      face.backend = message.backend
      face.threads = message.threads
      face.sidecar = message.sidecar
      face.loadMs = message.loadMs
      face.fallbackReason = message.fallbackReason
      face.message = null
      face.images = 0
      face.inFlight = null
      return
    case 'image':
      if (message.id !== face.inFlight) return // from before a reload
      face.inFlight = null
      face.shownIdentity = face.requestedIdentity
      if (face.shownC.length !== face.requestedC.length) face.shownC = new Float32Array(face.requestedC.length)
      face.shownC.set(face.requestedC)
      face.inferMs = message.inferMs
      face.pending = message
      face.rate.delivered(now)
      return
    case 'fellBack':
      face.backend = message.backend
      face.message = message.message
      return
    case 'error':
      if (message.id === null) {
        // A failed load leaves no generator: the face keeps its last image (or the painted one).
        face.status = FaceStatus.error
        face.sidecar = null
        face.backend = null
        face.inFlight = null
        face.pending = null
      } else if (message.id === face.inFlight) {
        face.inFlight = null
        face.status = FaceStatus.error
      }
      face.message = message.message
      return
  }
}
