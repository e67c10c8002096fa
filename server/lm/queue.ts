// One generation at a time (the model holds one KV cache and one stopper), with a bounded wait line.

/** A job in line: `start` runs it when its turn comes; `GenerationQueue.withdraw` drops it while it waits. */
export interface QueuedJob {
  /** Starts the job; resolves when it has ended (never rejects: the job reports its own errors). */
  readonly start: () => Promise<void>
}

/** Runs jobs one after another; refuses new ones when `maxWaiting` already wait. */
export class GenerationQueue {
  private readonly waiting: QueuedJob[] = []
  private running = false

  constructor(
    /** Jobs that may wait behind the running one (default 4). */
    readonly maxWaiting = 4,
  ) {}

  /** Jobs waiting (not counting the running one). */
  get waitingCount(): number {
    return this.waiting.length
  }

  /** Whether a job is running now. */
  get busy(): boolean {
    return this.running
  }

  /** Puts a job in line; false (and nothing queued) when the line is full. */
  offer(job: QueuedJob): boolean {
    if (this.running && this.waiting.length >= this.maxWaiting) return false
    this.waiting.push(job)
    this.next()
    return true
  }

  /** Takes a job out of the line if it has not started; true when it was waiting. */
  withdraw(job: QueuedJob): boolean {
    const at = this.waiting.indexOf(job)
    if (at < 0) return false
    this.waiting.splice(at, 1)
    return true
  }

  private next(): void {
    if (this.running) return
    const job = this.waiting.shift()
    if (!job) return
    this.running = true
    void job.start().finally(() => {
      this.running = false
      this.next()
    })
  }
}
