// Broadcast benchmark: the two-hour soak (10 msg/s, engine on a manual clock), chat → first reply
// token with the shipped model under 10 msg/s, and the relay's latency from a frame's timestamp to a
// subscriber of the RTMP server, and each platform chat adapter's throughput and reconnect time (broadcastChat.ts). See /work/shared/BENCH.md.
import { setFlagsFromString } from 'node:v8'
import { runInNewContext } from 'node:vm'
import { createServer } from 'vite'
import { join } from 'node:path'
import { median, percentile, sig, type BenchResult } from './lib.ts'
import { chatAdapterFigures } from './broadcastChat.ts'
import { relayLatency } from './broadcastRelay.ts'

const REPO = join(import.meta.dirname, '..')
const SOAK_MS = 2 * 60 * 60_000
const LATENCY_MS = 60_000
const RELAY_S = 20

/** Loads bench/broadcastHost.ts through Vite (the dialogue plugin imports files with `?url`). */
async function loadHostBench(): Promise<{ mod: typeof import('./broadcastHost.ts'); close(): Promise<void> }> {
  const vite = await createServer({
    root: REPO, configFile: join(REPO, 'vite.config.ts'), appType: 'custom', logLevel: 'warn',
    server: { middlewareMode: true, hmr: false, ws: false }, optimizeDeps: { noDiscovery: true, include: [] },
  })
  const mod = (await vite.ssrLoadModule('/bench/broadcastHost.ts')) as typeof import('./broadcastHost.ts')
  return { mod, close: () => vite.close() }
}

/** The broadcast bench. */
export async function broadcastBench(): Promise<BenchResult> {
  setFlagsFromString('--expose-gc')
  ;(globalThis as { gc?: unknown }).gc = runInNewContext('gc')
  const host = await loadHostBench()
  const figures: Record<string, number | null> = {}
  try {
    for (const [k, v] of Object.entries(host.mod.soakFigures(SOAK_MS))) figures[k] = sig(v)
    const chat = await host.mod.chatLatency(LATENCY_MS)
    figures.chat_to_first_token_p50_ms = sig(median(chat.pickToToken))
    figures.chat_to_first_token_p95_ms = sig(percentile(chat.pickToToken, 0.95))
    figures.chat_arrival_to_first_token_p50_ms = sig(median(chat.arrivalToToken))
    figures.chat_arrival_to_first_token_p95_ms = sig(percentile(chat.arrivalToToken, 0.95))
    figures.chat_answered_per_min = sig((chat.answered * 60_000) / LATENCY_MS)
  } finally {
    await host.close()
  }
  // First audio needs the voice system's synthesiser, which runs in the browser (systems/voice).
  figures.chat_to_audio_p50_ms = null
  figures.chat_to_audio_p95_ms = null
  const relay = await relayLatency(RELAY_S)
  figures.relay_latency_ms = sig(median(relay))
  figures.relay_latency_p95_ms = sig(percentile(relay, 0.95))
  figures.relay_packets = relay.length
  const adapters = await chatAdapterFigures()
  Object.assign(figures, adapters.figures)
  return {
    figures,
    notes:
      `Soak: ${SOAK_MS / 3_600_000} simulated hours of chat at 10 msg/s (400 viewers, spam bursts, blocked words, over-long and invisible-only messages), ` +
      'the app stepped manually at 50 ms frames, the host answering through the dialogue plugin with a simulated model (120 ms to the first token, 24 tokens at 40 tok/s, on the simulated clock: a fake backend for the soak only); ' +
      'heap after a forced GC at 10 simulated minutes vs at the end; lost = accepted messages neither answered, failed, cancelled, skipped as stale/overflow (counted) nor waiting. ' +
      `Chat latency: the shipped model on onnxruntime-node (server/lm) answering chat arriving at 10 msg/s for ${LATENCY_MS / 1000} s of real time, app at 60 Hz; ` +
      'chat_to_first_token = host takes the message → first token; arrival_to_first_token adds the queue wait (most messages at 10 msg/s expire unanswered, counted). ' +
      'chat_to_audio is null here: the voice synthesiser runs in the browser (bench/voice measures chat→first audio). ' +
      `Relay: ffmpeg makes a live 640×360 30 fps VP8+Opus WebM in real time (-re, 100 ms clusters) sent over /relay; server/ re-encodes (x264 veryfast zerolatency) to nginx-rtmp on 127.0.0.1; ` +
      `a subscriber (ffprobe) reads ${RELAY_S} s of packets; latency = packet arrival − (source start + frame timestamp), first 2 s after subscribing left out. ` +
      adapters.notes,
  }
}
