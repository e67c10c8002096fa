// The host-side halves of bench/broadcast, loaded through Vite's SSR loader (the dialogue plugin's
// module graph has Vite-only `?url` imports): the two-hour soak and chat → first token under load.
import { App } from '../engine/index.ts'
import { BroadcastHost, BroadcastPlugin, ChatSource, HostAnswering } from '../systems/broadcast/index.ts'
import { DIALOGUE_BACKENDS, DialoguePlugin, DialogueSettings, ReplyToken, registerDialogueBackend } from '../systems/dialogue/index.ts'
import { loadModelFromDisk, SHIPPED_MODEL_DIR } from '../server/lm/runtime.ts'
import { runSoak } from '../tests/unit/broadcast/soak.ts'

/** Forces a full garbage collection (V8's own, exposed for this process only). */
function collectGarbage(): void {
  const gc = (globalThis as { gc?: () => void }).gc
  if (!gc) throw new Error('bench/broadcast needs global.gc; the runner exposes it with v8.setFlagsFromString("--expose-gc").')
  gc()
  gc()
}

/** The two-hour soak at 10 msg/s on a manual clock; heap compared after GC at 10 simulated minutes (warm) and at the end. */
export function soakFigures(durationMs: number): Record<string, number> {
  let warmHeap = 0
  const result = runSoak({
    durationMs,
    onMinute: (_heap, simMs) => {
      if (simMs === 10 * 60_000) {
        collectGarbage()
        warmHeap = process.memoryUsage().heapUsed
      }
    },
  })
  collectGarbage()
  const endHeap = process.memoryUsage().heapUsed
  const rejected = Object.values(result.rejectedByReason).reduce((a, b) => a + b, 0)
  return {
    soak_simulated_s: durationMs / 1000,
    soak_wall_s: result.wallMs / 1000,
    soak_frames: result.frames,
    soak_sent: result.sent,
    soak_accepted: result.accepted,
    soak_rejected: rejected,
    ...Object.fromEntries(Object.entries(result.rejectedByReason).map(([k, v]) => [`soak_rejected_${k}`, v])),
    soak_answered: result.answered,
    soak_skipped_stale: result.skipped.stale,
    soak_skipped_overflow: result.skipped.overflow,
    soak_lost_messages: result.unaccounted + (result.sent - result.accepted - rejected),
    soak_heap_warm_mb: warmHeap / (1 << 20),
    soak_heap_end_mb: endHeap / (1 << 20),
    soak_heap_growth_pct: ((endHeap - warmHeap) / warmHeap) * 100,
  }
}

/**
 * The shipped model (onnxruntime-node, as server/lm runs it) answering chat that arrives at 10 msg/s
 * for `durationMs` of real time, the app stepped at 60 Hz: per answered message, the time from the
 * host taking it to its first token, and from its arrival to its first token (queue wait included).
 */
export async function chatLatency(durationMs: number): Promise<{ pickToToken: number[]; arrivalToToken: number[]; answered: number; sent: number }> {
  const model = await loadModelFromDisk(SHIPPED_MODEL_DIR, 'fp32', 'native')
  registerDialogueBackend('bench-node', (report) => ({
    load: () => report({ type: 'ready', contextTokens: model.contextTokens, loadMs: 0 }),
    generate: (request) => {
      model
        .reply(request.persona, request.history, request.message, request.sampling, { onText: (text) => report({ type: 'token', id: request.id, text }) })
        .then((result) => report({ type: 'done', id: request.id, result }), (err: Error) => report({ type: 'error', id: request.id, message: err.message }))
    },
    cancel: () => model.cancel(),
    dispose() {},
  }))
  const app = new App()
  app.world.insertResource(new DialogueSettings({ backend: 'bench-node' }))
  app.world.insertResource(new BroadcastHost())
  app.addPlugin(DialoguePlugin).addPlugin(BroadcastPlugin)
  const host = app.world.resource(BroadcastHost)
  const answering = app.world.reader(HostAnswering)
  const tokens = app.world.reader(ReplyToken)
  const arrivals = new Map<string, number>()
  const pickToToken: number[] = []
  const arrivalToToken: number[] = []
  let turn: { pickedMs: number; arrivedMs: number } | null = null
  let sent = 0
  const start = performance.now()
  let last = start
  while (performance.now() - start < durationMs) {
    const now = performance.now()
    while (sent < Math.floor(((now - start) * 10) / 1000)) {
      const text = `第${sent}条:主播今天玩什么?`
      arrivals.set(text, now)
      host.receive({ viewer: `viewer${sent % 300}`, text, source: ChatSource.viewerPage })
      sent++
    }
    app.step(now - last)
    last = now
    // Tokens are read every frame: the first one after a pick belongs to that pick's reply.
    const gotToken = tokens.read().length > 0
    if (turn && gotToken) {
      const t = performance.now()
      pickToToken.push(t - turn.pickedMs)
      arrivalToToken.push(t - turn.arrivedMs)
      turn = null
    }
    for (const a of answering.read()) if (a.message) turn = { pickedMs: performance.now(), arrivedMs: arrivals.get(a.message.text) ?? NaN }
    // 60 Hz frames; the model's work runs between them, as in the studio's worker.
    await new Promise((r) => setTimeout(r, Math.max(0, 1000 / 60 - (performance.now() - now))))
    if (arrivals.size > 2000) for (const k of [...arrivals.keys()].slice(0, 1000)) arrivals.delete(k)
  }
  app.cleanup()
  DIALOGUE_BACKENDS.delete('bench-node')
  return { pickToToken, arrivalToToken, answered: host.tally.answered, sent }
}
