// The mocap worker: hosts one face tracker and tracks the frames the page sends, one at a time,
// so tracking never costs the stage a frame.
import type { FromWorker, ToWorker } from './protocol.ts'
import { TRACKERS, TrackerError, type FaceTracker } from './tracker.ts'
import { createHumanTracker } from './humanTracker.ts'
import { createTasksVisionTracker } from './tasksVisionTracker.ts'

TRACKERS.set('human', createHumanTracker)
TRACKERS.set('tasks-vision', createTasksVisionTracker)

/** The worker's global scope, typed by what this file uses (the DOM library types `self` as a window). */
const scope = self as unknown as { postMessage(message: FromWorker, transfer?: Transferable[]): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null }

let tracker: Promise<FaceTracker | null> = Promise.resolve(null)

function messageOf(err: unknown): string {
  if (err instanceof TrackerError) return err.message
  return `Face tracking failed: ${err instanceof Error ? err.message : String(err)}.`
}

async function load(request: Extract<ToWorker, { type: 'load' }>): Promise<FaceTracker | null> {
  ;(await tracker.catch(() => null))?.dispose()
  const factory = TRACKERS.get(request.tracker)
  if (!factory) {
    scope.postMessage({ type: 'error', id: null, message: `Unknown face tracker "${request.tracker}"; known trackers: ${[...TRACKERS.keys()].join(', ')}.` })
    return null
  }
  const started = performance.now()
  try {
    const loaded = await factory({ assetBase: request.assetBase, modelUrl: request.modelUrl })
    scope.postMessage({ type: 'ready', description: loaded.description, loadMs: performance.now() - started })
    return loaded
  } catch (err) {
    console.warn(err) // the detail for developers; the performer gets the message
    scope.postMessage({ type: 'error', id: null, message: messageOf(err) })
    return null
  }
}

async function track(request: Extract<ToWorker, { type: 'frame' }>): Promise<void> {
  const t = await tracker
  if (!t) {
    request.image.close()
    scope.postMessage({ type: 'error', id: request.id, message: 'The face tracker is not loaded.' })
    return
  }
  const started = performance.now()
  try {
    const face = await t.detect(request.image, request.timeMs)
    const message: FromWorker = { type: 'result', id: request.id, detectMs: performance.now() - started, face }
    scope.postMessage(message, face ? [face.points.buffer as ArrayBuffer] : [])
  } catch (err) {
    console.warn(err)
    scope.postMessage({ type: 'error', id: request.id, message: messageOf(err) })
  }
}

scope.onmessage = (event) => {
  const request = event.data
  if (request.type === 'load') tracker = load(request)
  else void track(request)
}
