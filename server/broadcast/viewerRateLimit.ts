// A sliding-window message limit per viewer id, the same rule as the studio's moderation
// (`perViewerLimit` messages per `perViewerWindowMs`) but keyed by platform-qualified id.

/** Per-viewer sliding window; forgets viewers quiet for a whole window, so memory stays bounded. */
export class ViewerRateLimit {
  private readonly recent = new Map<string, number[]>()
  private lastSweepMs = 0

  /** `limit` messages per `windowMs` ms per id. */
  constructor(readonly limit: number, readonly windowMs: number) {}

  /** Whether `id` may send one more message at `nowMs`; an admitted message is remembered. */
  admit(id: string, nowMs: number): boolean {
    if (nowMs - this.lastSweepMs > this.windowMs) this.sweep(nowMs)
    let times = this.recent.get(id)
    if (!times) this.recent.set(id, (times = []))
    while (times.length > 0 && nowMs - times[0] >= this.windowMs) times.shift()
    if (times.length >= this.limit) return false
    times.push(nowMs)
    return true
  }

  /** Viewers tracked now. */
  get size(): number {
    return this.recent.size
  }

  private sweep(nowMs: number): void {
    this.lastSweepMs = nowMs
    for (const [id, times] of this.recent) if (times.length === 0 || nowMs - times[times.length - 1] >= this.windowMs) this.recent.delete(id)
  }
}
