// The page's side of the mocap worker: load a tracker, send a frame, get its face back.
import type { FromWorker, ToWorker } from './protocol.ts'
import type { TrackerFace } from './tracker.ts'
import { TrackerError } from './tracker.ts'

/** What tracking one frame gave. */
export interface TrackResult {
  readonly face: TrackerFace | null
  /** Time the tracker took in the worker, ms. */
  readonly detectMs: number
}

/** A tracker in a module worker; `track` must not be called again before its promise settles. */
export class TrackerClient {
  private readonly worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'mocap' })
  private nextId = 1
  private loading: { resolve(description: string): void; reject(err: Error): void } | null = null
  private pending: { id: number; resolve(r: TrackResult): void; reject(err: Error): void } | null = null

  constructor() {
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => this.receive(event.data)
    // A worker that cannot even start (a script error) fails whatever waits on it.
    this.worker.onerror = (event) => {
      event.preventDefault()
      this.fail(new TrackerError(`The face-tracking worker could not start (${event.message || 'script error'}); reload the page.`))
    }
  }

  /** Loads a tracker by name; resolves with its description. */
  load(tracker: string, assetBase: string, modelUrl: string): Promise<string> {
    return new Promise((resolve, reject) => {
      this.loading = { resolve, reject }
      this.send({ type: 'load', tracker, assetBase, modelUrl })
    })
  }

  /** Tracks one frame (the bitmap is transferred and closed by the worker). */
  track(image: ImageBitmap, timeMs: number): Promise<TrackResult> {
    if (this.pending) throw new Error('TrackerClient.track: a frame is already in flight; wait for it (one frame at a time).')
    const id = this.nextId++
    return new Promise((resolve, reject) => {
      this.pending = { id, resolve, reject }
      this.worker.postMessage({ type: 'frame', id, image, timeMs } satisfies ToWorker, [image])
    })
  }

  /** Stops the worker; whatever waits on it is rejected. */
  dispose(): void {
    this.worker.terminate()
    this.fail(new TrackerError('Face tracking was stopped.'))
  }

  private send(message: ToWorker): void {
    this.worker.postMessage(message)
  }

  private receive(message: FromWorker): void {
    if (message.type === 'ready') {
      this.loading?.resolve(message.description)
      this.loading = null
    } else if (message.type === 'result' && this.pending?.id === message.id) {
      const p = this.pending
      this.pending = null
      p.resolve({ face: message.face, detectMs: message.detectMs })
    } else if (message.type === 'error') {
      const err = new TrackerError(message.message)
      if (message.id === null) {
        this.loading?.reject(err)
        this.loading = null
      } else if (this.pending?.id === message.id) {
        const p = this.pending
        this.pending = null
        p.reject(err)
      }
    }
  }

  private fail(err: Error): void {
    this.loading?.reject(err)
    this.loading = null
    this.pending?.reject(err)
    this.pending = null
  }
}
