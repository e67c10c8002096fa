// The Bilibili adapter against a local server speaking the real wire format: token from getDanmuInfo,
// auth and heartbeats, zlib and brotli command frames → moderated chat on /control with platform ids,
// a malformed packet, a dropped connection, a 1,000-message burst.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { BilibiliChat } from '../../../server/broadcast/bilibili/bilibiliChat.ts'
import { startBroadcastServer, type BroadcastServer } from '../../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../../server/broadcast/controlAuth.ts'
import { frame, danmu, interact, sendGift, startBilibiliServer, superChat, type BilibiliServer } from './bilibiliServer.ts'
import { connect, type TestClient } from './serverClient.ts'

const ROOM = 21452505
const TOKEN = generateToken()
let bili: BilibiliServer
let server: BroadcastServer
let studio: TestClient
let logs: string[]

beforeEach(async () => {
  bili = await startBilibiliServer(ROOM)
  logs = []
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: (l) => logs.push(l), platformReportMs: 100 })
  studio = await connect(server.url, '/control', TOKEN)
})

afterEach(async () => {
  studio.ws.close()
  await server.close()
  await bili.close()
})

/** Waits until `studio` has received `n` chat lines, and returns them. */
async function chats(n: number, timeoutMs = 5000): Promise<{ [key: string]: unknown }[]> {
  const out = []
  for (let i = 0; i < n; i++) out.push(await studio.next('chat', timeoutMs))
  return out
}

/** Resolves with the first `platforms` report whose bilibili entry is in `state`. */
async function platformState(state: string, timeoutMs = 5000): Promise<{ [key: string]: unknown }> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const m = await studio.next('platforms', Math.max(1, until - Date.now()))
    const p = (m.platforms as { state: string }[])[0]
    if (p.state === state) return p
  }
}

describe('Bilibili danmaku adapter', () => {
  it('joins with the token from getDanmuInfo, heartbeats, and turns zlib and brotli danmaku into moderated chat with uid-qualified viewers', async () => {
    server.attachChat(new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl, heartbeatMs: 100, log: (l) => logs.push(l) }))
    await platformState('live')
    expect(bili.auths).toEqual([{ uid: 0, roomid: ROOM, protover: 3, platform: 'web', type: 2, key: bili.token, headerVersion: 1 }])
    bili.push([danmu(42, '阿米', '小星 你好\u200b\u202e!'), danmu(43, '阿米', '<script>alert(1)</script>')], 'zlib')
    bili.push([interact(44, 'cy', 1), danmu(44, 'cy', 'brotli works')], 'brotli')
    const got = await chats(3)
    expect(got.map((m) => [m.viewerId, m.viewer, m.text, m.source])).toEqual([
      ['bilibili:42', '阿米', '小星 你好!', 'bilibili'],
      // Same name, another uid: a second viewer, not the first one's rate limit.
      ['bilibili:43', '阿米', '<script>alert(1)</script>', 'bilibili'],
      ['bilibili:44', 'cy', 'brotli works', 'bilibili'],
    ])
    await new Promise((r) => setTimeout(r, 350))
    expect(bili.heartbeats).toBeGreaterThanOrEqual(3)
  }, 15_000)

  it('passes gifts and super chats on with their worth (bits above 0: the queue\u2019s gift tier)', async () => {
    server.attachChat(new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl }))
    await bili.joined()
    bili.push([sendGift(7, 'bo', '辣条', 3, 300), superChat(8, 'sc', '唱首歌吧', 30), sendGift(9, 'free', '小心心', 1, 0, 'silver')], 'zlib')
    const [gift, sc, free] = await chats(3)
    expect(gift).toMatchObject({ text: '投喂 辣条 ×3', bits: 300, gift: { kind: 'gift', name: '辣条', count: 3, value: 300 } })
    expect(sc).toMatchObject({ text: '唱首歌吧', bits: 30, gift: { kind: 'super_chat', currency: 'CNY' } })
    expect(free).toMatchObject({ bits: 0 })
  }, 15_000)

  it('counts a malformed packet and a text frame, and keeps the connection', async () => {
    const adapter = new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl })
    server.attachChat(adapter)
    await bili.joined()
    bili.sendRaw(Buffer.concat([frame(5, 2, Buffer.from('garbage')), frame(5, 0, '{"cmd":"DANMU_MSG","info":"x"}')]))
    bili.sendRaw(Buffer.from([0, 0, 0, 99, 0, 16]))
    for (const c of bili.clients) c.send('a text frame')
    bili.push([danmu(1, 'after', 'still here')], 'none')
    expect(await studio.next('chat')).toMatchObject({ text: 'still here' })
    expect(adapter.status()).toMatchObject({ state: 'live', malformed: 4, reconnects: 0 })
    expect(bili.auths).toHaveLength(1)
  }, 15_000)

  it('reconnects with backoff after a dropped connection and reports each state on /control', async () => {
    const adapter = new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl, backoff: { firstMs: 200, maxMs: 1000 } })
    server.attachChat(adapter)
    await platformState('live')
    const dropped = performance.now()
    bili.drop()
    expect(await platformState('reconnecting')).toMatchObject({ platform: 'bilibili', channel: String(ROOM), detail: expect.stringMatching(/dropped; retrying in 1 s/) })
    await platformState('live')
    expect(performance.now() - dropped).toBeGreaterThanOrEqual(190)
    expect(adapter.status()).toMatchObject({ reconnects: 1 })
    expect(bili.auths).toHaveLength(2)
    bili.push([danmu(5, 'back', 'after the drop')], 'brotli')
    expect(await studio.next('chat')).toMatchObject({ viewerId: 'bilibili:5', text: 'after the drop' })
    // A control client that connects later is told the state at once.
    const late = await connect(server.url, '/control', TOKEN)
    expect(await late.next('platforms')).toMatchObject({ platforms: [{ platform: 'bilibili', state: 'live', reconnects: 1 }] })
    late.ws.close()
  }, 15_000)

  it('retries when getDanmuInfo refuses the room, with a sentence saying so', async () => {
    const adapter = new BilibiliChat({ roomId: 999, apiBase: bili.apiBase, url: bili.wsUrl, backoff: { firstMs: 5000, maxMs: 5000 } })
    server.attachChat(adapter)
    const p = await platformState('reconnecting')
    expect(p.detail).toMatch(/refused the danmaku token for room 999; check the room id; retrying in 5 s\./)
    expect(bili.auths).toHaveLength(0)
  }, 15_000)

  it('starts over when the server refuses the auth key (code -101), never reaching live', async () => {
    const adapter = new BilibiliChat({ roomId: ROOM, apiBase: null, url: bili.wsUrl, backoff: { firstMs: 50, maxMs: 50 } })
    server.attachChat(adapter)
    const p = await platformState('reconnecting')
    expect(p.detail).toMatch(/could not join room 21452505 at 127\.0\.0\.1:\d+; retrying/)
    await new Promise((r) => setTimeout(r, 300))
    expect(bili.auths.length).toBeGreaterThanOrEqual(3)
    expect(bili.auths.every((a) => a.key === '')).toBe(true)
    expect(adapter.status()).toMatchObject({ state: 'reconnecting', reconnects: 0 })
  }, 15_000)

  it('re-sends the counters while live when they changed, and not otherwise', async () => {
    server.attachChat(new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl }))
    await platformState('live')
    await new Promise((r) => setTimeout(r, 250))
    expect(studio.received.filter((m) => m.type === 'platforms')).toEqual([])
    bili.push([danmu(1, 'a', 'one'), danmu(2, 'b', 'two')], 'zlib')
    const report = await studio.next('platforms', 1000)
    expect(report).toMatchObject({ platforms: [{ state: 'live', received: 2, malformed: 0 }] })
  }, 15_000)

  it('takes a 1,000-message burst in one brotli frame without losing one', async () => {
    const adapter = new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl })
    server.attachChat(adapter)
    await bili.joined()
    const burst = Array.from({ length: 1000 }, (_, i) => danmu(1000 + i, `v${i}`, `message ${i}`))
    bili.push(burst, 'brotli')
    const got = await chats(1000)
    expect(got.map((m) => m.text)).toEqual(burst.map((_, i) => `message ${i}`))
    expect(adapter.status()).toMatchObject({ received: 1000, malformed: 0 })
  }, 20_000)

  it('stops cleanly: no reconnect after close, and a bad room id is refused before connecting', async () => {
    const adapter = new BilibiliChat({ roomId: ROOM, apiBase: bili.apiBase, url: bili.wsUrl, backoff: { firstMs: 50, maxMs: 50 } })
    server.attachChat(adapter)
    await bili.joined()
    await adapter.close()
    await new Promise((r) => setTimeout(r, 200))
    expect(bili.clients.size).toBe(0)
    expect(bili.auths).toHaveLength(1)
    expect(() => new BilibiliChat({ roomId: -1 })).toThrow(/positive number/)
    expect(() => new BilibiliChat({ roomId: Number('abc') })).toThrow(/live\.bilibili\.com/)
  }, 15_000)
})
