/** A typed event channel, e.g. `const ChatReceived = defineEvent<{ text: string }>('ChatReceived')`. */
export interface EventType<T> {
  readonly name: string
  /** Phantom: carries T for inference, never set. */
  readonly __type?: T
}

/** Declares an event type. */
export function defineEvent<T>(name: string): EventType<T> {
  return { name }
}

/**
 * Double-buffered events: what is sent this frame and last frame stays readable, older events are
 * dropped. So a reader that runs once a frame never misses one, whatever the order of sender and
 * reader in the schedule, and memory stays bounded.
 */
export class Events<T> {
  private previous: T[] = []
  private current: T[] = []
  /** Sequence number of `previous[0]` and `current[0]`. */
  private previousStart = 0
  private currentStart = 0

  constructor(readonly type: EventType<T>) {}

  /** Sequence number the next event will get. */
  get sent(): number {
    return this.currentStart + this.current.length
  }

  /** Sends an event, readable from now until the end of the next frame. */
  send(event: T): void {
    this.current.push(event)
  }

  /** Ends a frame: last frame's events are dropped, this frame's become last frame's. */
  update(): void {
    const dropped = this.previous
    this.previous = this.current
    this.previousStart = this.currentStart
    dropped.length = 0
    this.current = dropped
    this.currentStart = this.previousStart + this.previous.length
  }

  /** A new reader that will see every event still buffered, then each new one once. */
  reader(): EventReader<T> {
    return new EventReader(this)
  }

  /** Copies events with sequence ≥ `from` into `out`; returns the oldest sequence still held. */
  collect(from: number, out: T[]): number {
    const oldest = this.previousStart
    for (let s = Math.max(from, oldest); s < this.currentStart; s++) out.push(this.previous[s - this.previousStart])
    for (let s = Math.max(from, this.currentStart); s < this.sent; s++) out.push(this.current[s - this.currentStart])
    return oldest
  }
}

/** Reads each event of one channel once. Give each system its own reader. */
export class EventReader<T> {
  private next = 0
  private out: T[] = []
  /** Events dropped before this reader saw them (it ran less than once every two frames). */
  missed = 0

  constructor(private readonly events: Events<T>) {}

  /** Events sent since the last read, oldest first. The array is reused: valid until the next read. */
  read(): readonly T[] {
    this.out.length = 0
    const oldest = this.events.collect(this.next, this.out)
    if (oldest > this.next) this.missed += oldest - this.next
    this.next = this.events.sent
    return this.out
  }
}
