import type { Events, EventType } from './events.ts'

/**
 * Messages that arrive outside the frame loop (a worker's `postMessage`, a socket, a timer), held
 * until the next frame's input stage, where they become events of `type`. Post from any callback;
 * systems read them with `world.reader(type)` like every other event, so the queue itself stays
 * private and a frame never sees half of a burst.
 */
export class Inbox<T> {
  private queue: T[] = []
  /** The array delivered last frame, emptied and reused so delivery allocates nothing. */
  private spare: T[] = []

  constructor(
    readonly type: EventType<T>,
    private readonly events: Events<T>,
  ) {}

  /** Queues a message for the next frame. Bound, so `worker.onmessage = (e) => inbox.post(e.data)` or `report: inbox.post` work. */
  readonly post = (message: T): void => {
    this.queue.push(message)
  }

  /** Messages posted and not yet delivered. */
  get pending(): number {
    return this.queue.length
  }

  /** Drops what was posted and not yet delivered (reports of a worker just replaced or cut off). */
  discard(): void {
    this.queue.length = 0
  }

  /** Sends what was posted as events, oldest first (the app calls this before each frame's input stage). */
  deliver(): void {
    if (this.queue.length === 0) return
    const batch = this.queue
    this.queue = this.spare
    for (let k = 0; k < batch.length; k++) this.events.send(batch[k])
    batch.length = 0
    this.spare = batch
  }
}
