// A dialogue backend on simulated time, for the soak and the host tests only (the real model is tested
// in tests/unit/dialogue and bench/lm): it answers every request with a fixed number of tokens at a
// fixed rate, on the clock the test advances, and can be told to crash or hang.
import { registerDialogueBackend, type BackendEvent, type ReplyRequest } from '../../../systems/dialogue/index.ts'

/** Timing of the simulated model; every field states its default. */
export interface SimulatedModelTiming {
  /** Request → first token, in ms (default 120). */
  firstTokenMs: number
  /** Between tokens, in ms (default 25, i.e. 40 tok/s). */
  tokenMs: number
  /** Tokens per reply (default 24). */
  tokens: number
}

/** The simulated model a test drives: `advance` delivers what is due; `crash`/`hang` break it. */
export class SimulatedModel {
  readonly timing: SimulatedModelTiming
  /** Requests seen, by all instances (restarts make new instances). */
  readonly requests: ReplyRequest[] = []
  /** Backends made so far (1 + restarts). */
  instances = 0
  private nowMs = 0
  private pending: { id: number; startMs: number; sent: number; report: (e: BackendEvent) => void }[] = []
  private hung = false
  private lastReport: (e: BackendEvent) => void = () => {}

  constructor(timing: Partial<SimulatedModelTiming> = {}) {
    this.timing = { firstTokenMs: 120, tokenMs: 25, tokens: 24, ...timing }
  }

  /** Registers the backend under `name`. */
  register(name: string): void {
    registerDialogueBackend(name, (report) => {
      this.instances++
      this.hung = false
      this.lastReport = report
      let alive = true
      return {
        load: () => report({ type: 'ready', contextTokens: 256, loadMs: 1 }),
        generate: (request) => {
          this.requests.push(request)
          if (alive) this.pending.push({ id: request.id, startMs: this.nowMs, sent: 0, report })
        },
        cancel: (id) => {
          const p = this.pending.find((q) => q.id === id)
          if (!p) return
          this.pending = this.pending.filter((q) => q !== p)
          report({ type: 'done', id, result: this.result('cancelled', p.sent) })
        },
        dispose: () => {
          alive = false
          this.pending = this.pending.filter((p) => p.report !== report)
        },
      }
    })
  }

  /** Moves the simulated clock to `nowMs` and reports the tokens and ends that fell due. */
  advance(nowMs: number): void {
    this.nowMs = nowMs
    if (this.hung) return
    const { firstTokenMs, tokenMs, tokens } = this.timing
    for (const p of [...this.pending]) {
      while (p.sent < tokens && nowMs >= p.startMs + firstTokenMs + p.sent * tokenMs) {
        p.report({ type: 'token', id: p.id, text: p.sent % 8 === 7 ? '。' : '好' })
        p.sent++
      }
      if (p.sent === tokens) {
        this.pending = this.pending.filter((q) => q !== p)
        p.report({ type: 'done', id: p.id, result: this.result('eos', tokens) })
      }
    }
  }

  /** The worker dies: it reports an error, as the real backend's `onerror` does. */
  crash(): void {
    this.pending = []
    this.lastReport({ type: 'error', id: null, message: 'The dialogue worker crashed (simulated).' })
  }

  /** The worker stops answering without an error. */
  hang(): void {
    this.hung = true
  }

  private result(reason: 'eos' | 'cancelled', tokens: number) {
    return { text: '', reason, tokens, firstTokenMs: this.timing.firstTokenMs, totalMs: 0, promptTokens: 0, droppedTurns: 0, truncatedMessage: false }
  }
}
