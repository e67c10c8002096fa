// Platform chat for bench/broadcast: messages per second each adapter gets through the whole path
// (the platform's wire format → decode → the server's moderation → /control → the studio's moderation
// → the host's queue), and how long each takes to be live again after its connection drops.
// The platforms are the local servers the tests use (tests/unit/broadcast/), in this process.
import { WebSocket } from 'ws'
import { BilibiliChat } from '../server/broadcast/bilibili/bilibiliChat.ts'
import { startBroadcastServer, type BroadcastServer } from '../server/broadcast/broadcastServer.ts'
import type { ChatAdapter } from '../server/broadcast/chatAdapter.ts'
import { generateToken } from '../server/broadcast/controlAuth.ts'
import { TwitchChat } from '../server/broadcast/twitchChat.ts'
import { YouTubeChat } from '../server/broadcast/youtubeChat.ts'
import { ChatQueue, Moderator, type ChatSource } from '../systems/broadcast/node.ts'
import { danmu, encodeBatch, startBilibiliServer, type Compression } from '../tests/unit/broadcast/bilibiliServer.ts'
import { startTwitchIrc } from '../tests/unit/broadcast/twitchIrc.ts'
import { startYouTubeServer, textMessage } from '../tests/unit/broadcast/youtubeServer.ts'
import { median, sig } from './lib.ts'

/** Messages per throughput run, and runs per figure (the median is reported). */
const MESSAGES = 20_000
const RUNS = 3
/** Drops per reconnect figure. */
const DROPS = 5

/** The studio's end of /control: every chat line goes through moderation into a queue, counted. */
interface StudioEnd {
  /** Resolves once `n` lines have been accepted into the queue since the last call. */
  accepted(n: number): Promise<void>
  /** Resolves once the platform `index` reports `state`. */
  state(index: number, state: string): Promise<void>
  close(): void
}

async function studioEnd(server: BroadcastServer, token: string): Promise<StudioEnd> {
  const ws = new WebSocket(`${server.url.replace('http', 'ws')}/control`)
  await new Promise((resolve, reject) => (ws.once('open', resolve), ws.once('error', reject)))
  // A moderator with room for every bench viewer (the names are all distinct anyway) and the default queue.
  const moderator = new Moderator({ perViewerLimit: 1_000_000 })
  const queue = new ChatQueue()
  let count = 0
  let platforms: { state: string }[] = []
  let check = () => {}
  ws.on('message', (data) => {
    const m = JSON.parse(String(data)) as { type: string; viewer: string; text: string; bits: number; source: ChatSource; platforms: { state: string }[] }
    if (m.type === 'chat') {
      const r = moderator.check({ viewer: m.viewer, text: m.text, bits: m.bits, source: m.source }, performance.now())
      if (r.ok) {
        queue.push(r.message)
        count++
      }
    } else if (m.type === 'platforms') platforms = m.platforms
    check()
  })
  ws.send(JSON.stringify({ type: 'auth', token }))
  const until = (ok: () => boolean) => new Promise<void>((resolve) => {
    check = () => ok() && resolve()
    check()
  })
  return {
    async accepted(n) {
      const start = count
      await until(() => count - start >= n)
    },
    state: (index, state) => until(() => platforms[index]?.state === state),
    close: () => ws.close(),
  }
}

/** A server with one adapter and the studio's end, ready for a run. */
async function harness(make: () => ChatAdapter): Promise<{ server: BroadcastServer; studio: StudioEnd; close(): Promise<void> }> {
  const token = generateToken()
  // The server's own per-viewer limit must not throttle a bench whose viewers are all distinct.
  const server = await startBroadcastServer({ port: 0, token, log: () => {}, moderation: { perViewerLimit: 1_000_000 } })
  const studio = await studioEnd(server, token)
  server.attachChat(make())
  await studio.state(0, 'live')
  return { server, studio, async close() { studio.close(); await server.close() } }
}

/** Accepted messages per second for `send(i)` of `MESSAGES` messages, median of `RUNS`; `prepare(i)` runs untimed first. */
async function rate<T>(studio: StudioEnd, prepare: (run: number) => T, send: (prepared: T) => void): Promise<number> {
  const rates: number[] = []
  for (let run = 0; run < RUNS; run++) {
    const prepared = prepare(run)
    const done = studio.accepted(MESSAGES)
    const start = performance.now()
    send(prepared)
    await done
    rates.push(MESSAGES / ((performance.now() - start) / 1000))
  }
  return median(rates)
}

/** Bilibili: `MESSAGES` danmaku in frames of 1,000 compressed as `compression`. */
async function bilibiliRate(compression: Compression): Promise<number> {
  const bili = await startBilibiliServer(1)
  const h = await harness(() => new BilibiliChat({ roomId: 1, apiBase: bili.apiBase, url: bili.wsUrl }))
  try {
    // Frames are compressed before the clock starts: compressing is the platform's work, not ours.
    const frames = (run: number) => Array.from({ length: MESSAGES / 1000 }, (_, f) =>
      encodeBatch(Array.from({ length: 1000 }, (_, i) => { const n = run * MESSAGES + f * 1000 + i; return danmu(n + 1, `v${n}`, `message ${n}`) }), compression))
    return await rate(h.studio, frames, (batch) => { for (const bytes of batch) bili.sendRaw(bytes) })
  } finally {
    await h.close()
    await bili.close()
  }
}

/** Twitch: tagged PRIVMSGs from a Twitch-flavoured IRC server. */
async function twitchRate(): Promise<number> {
  const irc = await startTwitchIrc()
  const h = await harness(() => new TwitchChat({ url: irc.url, channel: 'bench' }))
  try {
    return await rate(h.studio, (run) => run, (run) => {
      for (let i = 0; i < MESSAGES; i++) { const n = run * MESSAGES + i; irc.say('#bench', `v${n}`, `message ${n}`, { 'display-name': `v${n}` }) }
    })
  } finally {
    await h.close()
    await irc.close()
  }
}

/** YouTube: pages of 2,000 messages (the API's maxResults), polled as fast as the server answers. */
async function youtubeRate(): Promise<number> {
  const yt = await startYouTubeServer()
  yt.videos.set('bench000001', { activeLiveChatId: 'c' })
  yt.pollingIntervalMillis = 0
  const h = await harness(() => new YouTubeChat({ videoId: 'bench000001', apiKey: 'bench', apiBase: yt.apiBase, minPollMs: 0 }))
  try {
    const pages = (run: number) => Array.from({ length: MESSAGES / 2000 }, (_, p) =>
      Array.from({ length: 2000 }, (_, i) => { const n = run * MESSAGES + p * 2000 + i; return textMessage(`m${n}`, `UC${n}`, `v${n}`, `message ${n}`) }))
    return await rate(h.studio, pages, (all) => { for (const items of all) yt.page(items) })
  } finally {
    await h.close()
    await yt.close()
  }
}

/** ms from a dropped connection (`drop`) to the adapter being live again, median of `DROPS`. */
async function reconnectMs(studio: StudioEnd, drop: () => void): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < DROPS; i++) {
    const start = performance.now()
    drop()
    await studio.state(0, 'reconnecting')
    await studio.state(0, 'live')
    times.push(performance.now() - start)
  }
  return median(times)
}

/** Reconnect figures for the three platforms, with the default backoff (first retry after 1 s). */
async function reconnects(): Promise<Record<string, number>> {
  const bili = await startBilibiliServer(1)
  const irc = await startTwitchIrc()
  const yt = await startYouTubeServer()
  yt.videos.set('bench000001', { activeLiveChatId: 'c' })
  const out: Record<string, number> = {}
  try {
    let h = await harness(() => new BilibiliChat({ roomId: 1, apiBase: bili.apiBase, url: bili.wsUrl }))
    out.chat_bilibili_reconnect_ms = await reconnectMs(h.studio, () => bili.drop())
    await h.close()
    h = await harness(() => new TwitchChat({ url: irc.url, channel: 'bench' }))
    out.chat_twitch_reconnect_ms = await reconnectMs(h.studio, () => { for (const s of irc.joined.get('#bench') ?? []) s.destroy() })
    await h.close()
    yt.pollingIntervalMillis = 100
    h = await harness(() => new YouTubeChat({ videoId: 'bench000001', apiKey: 'bench', apiBase: yt.apiBase, minPollMs: 100 }))
    out.chat_youtube_reconnect_ms = await reconnectMs(h.studio, () => yt.fail(503, 'backendError'))
    await h.close()
  } finally {
    await Promise.all([bili.close(), irc.close(), yt.close()])
  }
  return out
}

/** The chat-adapter figures for bench/broadcast. */
export async function chatAdapterFigures(): Promise<{ figures: Record<string, number>; notes: string }> {
  const figures: Record<string, number> = {
    chat_bilibili_zlib_accepted_per_s: await bilibiliRate('zlib'),
    chat_bilibili_brotli_accepted_per_s: await bilibiliRate('brotli'),
    chat_twitch_accepted_per_s: await twitchRate(),
    chat_youtube_accepted_per_s: await youtubeRate(),
    ...(await reconnects()),
  }
  for (const k of Object.keys(figures)) figures[k] = sig(figures[k])
  return {
    figures,
    notes:
      `Chat adapters: ${MESSAGES.toLocaleString('en-US')} messages from distinct viewers per run, median of ${RUNS}, through the whole path: the platform's local test server ` +
      '(tests/unit/broadcast/, same process: its sending shares the CPU; Bilibili frames are compressed before the clock starts) → the adapter\u2019s decode → the server\u2019s moderation → /control (JSON over a WebSocket) → ' +
      'the studio\u2019s moderation → ChatQueue. Bilibili: frames of 1,000 danmaku, zlib or brotli; Twitch: IRCv3-tagged PRIVMSGs; YouTube: pages of 2,000 (maxResults) polled back to back ' +
      '(the real API says how often to poll, typically every 1\u20135 s, so real YouTube chat is bounded by 2,000 per interval, not by this). ' +
      `Reconnect: median of ${DROPS} drops, from the drop (socket destroyed; for YouTube a 503) to the adapter reporting live again, with the default backoff (first retry after 1 s).`,
  }
}
