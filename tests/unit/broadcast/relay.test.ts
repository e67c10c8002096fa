// The live relay end to end: a WebM made with ffmpeg's test sources goes over /relay, through
// ffmpeg to a real nginx-rtmp; ffprobe, as a viewer would, finds H.264 video and AAC audio.
// Then the ingest drops and comes back: the relay reconnects with backoff and publishes again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startBroadcastServer, type BroadcastServer } from '../../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../../server/broadcast/controlAuth.ts'
import { chunks, makeTestWebm } from './media.ts'
import { probeStreams, startRtmpIngest, type RtmpIngest } from './nginxRtmp.ts'
import { connect, type TestClient } from './serverClient.ts'

const TOKEN = generateToken()
const KEY = 'genanchor_test_key'
/** Media length: enough for going live, a probe, a drop, a reconnect and a second probe. */
const SECONDS = 16
let ingest: RtmpIngest
let server: BroadcastServer
let webm: Buffer

beforeAll(async () => {
  ;[ingest, webm] = await Promise.all([startRtmpIngest(), makeTestWebm(SECONDS)])
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: () => {}, relay: { firstBackoffMs: 300 } })
}, 60_000)

afterAll(async () => {
  await server?.close()
  await ingest?.close()
})

/** Sends the WebM in ~100 ms slices at about its own pace, like a live recorder. */
function feed(relay: TestClient, data: Buffer): { done: Promise<void>; stop(): void } {
  const parts = chunks(data, Math.ceil(data.length / (SECONDS * 10)))
  let stopped = false
  const done = (async () => {
    for (const part of parts) {
      if (stopped) return
      relay.ws.send(part)
      await new Promise((r) => setTimeout(r, 100))
    }
  })()
  return { done, stop: () => (stopped = true) }
}

async function waitForState(relay: TestClient, state: string, timeoutMs: number): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const stats = await relay.next('stats', Math.max(1, until - Date.now()))
    if (stats.state === state) return stats
  }
}

describe('RTMP relay', () => {
  it('publishes video and audio to nginx-rtmp, and reconnects after the ingest drops', async () => {
    const relay = await connect(server.url, '/relay', TOKEN)
    relay.send({ type: 'start', url: ingest.url, key: KEY })
    const feeding = feed(relay, webm)
    try {
      const live = await waitForState(relay, 'live', 15_000)
      expect(live.frames).toBeGreaterThan(0)
      const streams = await probeStreams(`${ingest.url}/${KEY}`)
      expect(streams).toEqual(expect.arrayContaining([
        { codec_type: 'video', codec_name: 'h264' },
        { codec_type: 'audio', codec_name: 'aac' },
      ]))

      await ingest.stop()
      const dropped = await waitForState(relay, 'reconnecting', 10_000)
      expect(dropped.error).toMatch(/ingest connection ended/)
      expect(JSON.stringify(dropped)).not.toContain(KEY)
      await ingest.start()
      const back = await waitForState(relay, 'live', 15_000)
      expect(back.reconnects).toBeGreaterThanOrEqual(1)
      const again = await probeStreams(`${ingest.url}/${KEY}`)
      expect(again.map((s) => s.codec_type).sort()).toEqual(['audio', 'video'])
    } finally {
      feeding.stop()
      relay.send({ type: 'stop' })
      relay.ws.close()
    }
  }, 90_000)
})
