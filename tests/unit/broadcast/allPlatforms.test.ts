// Twitch, Bilibili, YouTube and the built-in page feed one host at once, each through a local server
// speaking its real protocol: viewers with one name on four platforms stay four viewers, gifts from
// every platform reach the front of the priority queue, and one platform going down stops nothing else.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { BilibiliChat } from '../../../server/broadcast/bilibili/bilibiliChat.ts'
import { startBroadcastServer, type BroadcastServer } from '../../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../../server/broadcast/controlAuth.ts'
import { TwitchChat } from '../../../server/broadcast/twitchChat.ts'
import { YouTubeChat } from '../../../server/broadcast/youtubeChat.ts'
import { ChatQueue, ChatSource, Moderator, type ChatSource as Source } from '../../../systems/broadcast/node.ts'
import { danmu, sendGift, startBilibiliServer, type BilibiliServer } from './bilibiliServer.ts'
import { connect, type TestClient } from './serverClient.ts'
import { startTwitchIrc, type TwitchIrc } from './twitchIrc.ts'
import { startYouTubeServer, superChatMessage, textMessage, type YouTubeServer } from './youtubeServer.ts'

const TOKEN = generateToken()
const ROOM = 7734
let irc: TwitchIrc
let bili: BilibiliServer
let yt: YouTubeServer
let server: BroadcastServer
let studio: TestClient
let page: TestClient

beforeAll(async () => {
  ;[irc, bili, yt] = await Promise.all([startTwitchIrc(), startBilibiliServer(ROOM), startYouTubeServer()])
  yt.videos.set('live0000001', { activeLiveChatId: 'chat-1' })
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: () => {} })
  studio = await connect(server.url, '/control', TOKEN)
  page = await connect(server.url, '/chat')
  const fast = { firstMs: 100, maxMs: 400 }
  server.attachChat(new TwitchChat({ url: irc.url, channel: 'GenAnchor', backoff: fast }))
  server.attachChat(new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl, backoff: fast }))
  server.attachChat(new YouTubeChat({ videoId: 'live0000001', apiKey: 'k-k-k-k', apiBase: yt.apiBase, minPollMs: 10, refusedRetryMs: 60_000, backoff: fast }))
  await platforms((p) => p.every((x) => x.state === 'live'))
}, 20_000)

afterAll(async () => {
  studio?.ws.close()
  page?.ws.close()
  await server?.close()
  await Promise.all([irc?.close(), bili?.close(), yt?.close()])
})

type Status = { platform: string; state: string; detail: string | null }

/** Resolves with the first `platforms` report that satisfies `ok`. */
async function platforms(ok: (p: Status[]) => boolean, timeoutMs = 8000): Promise<Status[]> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const p = (await studio.next('platforms', Math.max(1, until - Date.now()))).platforms as Status[]
    if (ok(p)) return p
  }
}

/** The next `n` chat lines on /control, sorted by platform then text (platforms race each other). */
async function lines(n: number): Promise<{ [key: string]: unknown }[]> {
  const out = []
  for (let i = 0; i < n; i++) out.push(await studio.next('chat', 5000))
  return out.sort((a, b) => `${a.source}${a.text}`.localeCompare(`${b.source}${b.text}`))
}

describe('every platform feeding one host', () => {
  it('keeps one name on four platforms as four viewers, and puts every platform\u2019s gifts first in the queue', async () => {
    page.send({ type: 'chat', viewer: 'amy', text: 'from the page' })
    irc.say('#genanchor', 'amy', 'from twitch', { 'display-name': 'amy' })
    irc.say('#genanchor', 'amy', 'cheer100 thanks!', { 'display-name': 'amy', bits: '100' })
    bili.push([danmu(42, 'amy', 'from bilibili'), sendGift(42, 'amy', '辣条', 1, 100)], 'brotli')
    yt.page([textMessage('y1', 'UCamy', 'amy', 'from youtube'), superChatMessage('y2', 'UCamy', 'amy', 'a super chat', 2)])
    const got = await lines(7)
    expect(got.map((m) => [m.source, m.viewerId, m.viewer, m.text, m.bits])).toEqual([
      ['bilibili', 'bilibili:42', 'amy', 'from bilibili', 0],
      ['bilibili', 'bilibili:42', 'amy', '投喂 辣条 ×1', 100],
      ['twitch', 'twitch:amy', 'amy', 'cheer100 thanks!', 100],
      ['twitch', 'twitch:amy', 'amy', 'from twitch', 0],
      ['viewer-page', 'viewer-page:amy', 'amy', 'from the page', 0],
      ['youtube', 'youtube:UCamy', 'amy', 'a super chat', 2],
      ['youtube', 'youtube:UCamy', 'amy', 'from youtube', 0],
    ])
    // The studio's side: what arrives on /control goes through moderation into the host's queue.
    // (The server has already applied the per-viewer limit by platform id; see the README.)
    const moderator = new Moderator({ perViewerLimit: 1000 })
    const queue = new ChatQueue()
    for (const m of got) {
      const r = moderator.check({ viewer: m.viewer as string, text: m.text as string, bits: m.bits as number, source: m.source as Source }, 0)
      if (r.ok) queue.push(r.message)
    }
    const order = [...Array(7)].map(() => queue.take()!)
    expect(order.slice(0, 3).map((m) => m.source).sort()).toEqual([ChatSource.bilibili, ChatSource.twitch, ChatSource.youtube])
    expect(order.slice(0, 3).every((m) => m.bits > 0)).toBe(true)
    expect(order.slice(3).every((m) => m.bits === 0)).toBe(true)
    // The viewers' page saw every line, without platform ids or gift details.
    await new Promise((r) => setTimeout(r, 100))
    const shown = page.received.filter((m) => m.type === 'chat')
    expect(shown).toHaveLength(7)
    expect(shown.some((m) => 'viewerId' in m || 'gift' in m)).toBe(false)
  }, 20_000)

  it('applies the same moderation to every platform', async () => {
    const hostile = '<img src=x onerror=alert(1)>\u202e\u200b'
    irc.say('#genanchor', 'mallory', hostile, {})
    bili.push([danmu(66, 'mallory', hostile), danmu(67, 'x'.repeat(41), 'too long a name'), danmu(68, 'ok', 'y'.repeat(301))], 'zlib')
    yt.page([textMessage('y3', 'UCmal', 'mallory', hostile)])
    page.send({ type: 'chat', viewer: 'mallory', text: hostile })
    const got = await lines(4)
    expect(got.map((m) => m.text)).toEqual(Array(4).fill('<img src=x onerror=alert(1)>'))
    await new Promise((r) => setTimeout(r, 200))
    expect(studio.received.filter((m) => m.type === 'chat')).toEqual([])
    expect(server.chat.moderator.counts.rejected).toMatchObject({ bad_viewer: 1, too_long: 1 })
  }, 20_000)

  it('goes on with the others when one platform drops and another runs out of quota', async () => {
    await bili.close()
    yt.fail(403, 'quotaExceeded')
    const states = await platforms((p) => p[1].state === 'reconnecting' && p[2].state === 'down')
    expect(states.map((p) => [p.platform, p.state])).toEqual([['twitch', 'live'], ['bilibili', 'reconnecting'], ['youtube', 'down']])
    irc.say('#genanchor', 'dan', 'twitch still here', {})
    page.send({ type: 'chat', viewer: 'dan', text: 'page still here' })
    expect((await lines(2)).map((m) => m.text)).toEqual(['twitch still here', 'page still here'])
    // The control channel itself (what stream pages follow) is untouched.
    const other = await connect(server.url, '/control', TOKEN)
    other.send({ type: 'command', command: { kind: 'overlay', show: true } })
    expect(await studio.next('command')).toMatchObject({ command: { kind: 'overlay', show: true } })
    other.ws.close()
  }, 20_000)
})
