// The YouTube Live chat adapter against a local HTTP server answering in the Data API's shapes:
// the chat id from videos.list, page tokens and pollingIntervalMillis, super chats as gifts, quota and
// rate errors, an ended stream; the API key and OAuth token never leave for anywhere but the API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startBroadcastServer, type BroadcastServer } from '../../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../../server/broadcast/controlAuth.ts'
import { YouTubeChat, type YouTubeChatOptions } from '../../../server/broadcast/youtubeChat.ts'
import { connect, type TestClient } from './serverClient.ts'
import { startYouTubeServer, superChatMessage, superStickerMessage, textMessage, type YouTubeServer } from './youtubeServer.ts'

const TOKEN = generateToken()
const KEY = 'AIzaSy-test-KEY-must-not-leak-0123456789'
const VIDEO = 'dQw4w9WgXcQ'
let yt: YouTubeServer
let server: BroadcastServer
let studio: TestClient
let logs: string[]

beforeEach(async () => {
  yt = await startYouTubeServer()
  yt.videos.set(VIDEO, { activeLiveChatId: 'chat-1' })
  logs = []
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: (l) => logs.push(l) })
  studio = await connect(server.url, '/control', TOKEN)
})

afterEach(async () => {
  studio.ws.close()
  await server.close()
  await yt.close()
})

/** An adapter on the test API with fast retries. */
function youtube(options: Partial<YouTubeChatOptions> = {}): YouTubeChat {
  const adapter = new YouTubeChat({ videoId: VIDEO, apiKey: KEY, apiBase: yt.apiBase, minPollMs: 10, refusedRetryMs: 300, backoff: { firstMs: 50, maxMs: 200 }, log: (l) => logs.push(l), ...options })
  server.attachChat(adapter)
  return adapter
}

/** Resolves with the first `platforms` report whose youtube entry is in `state`. */
async function platformState(state: string, timeoutMs = 5000): Promise<{ [key: string]: unknown }> {
  const until = Date.now() + timeoutMs
  for (;;) {
    const m = await studio.next('platforms', Math.max(1, until - Date.now()))
    const p = (m.platforms as { state: string }[])[0]
    if (p.state === state) return p
  }
}

const messageRequests = () => yt.requests.filter((r) => r.path === '/youtube/v3/liveChat/messages')
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms))

describe('YouTube Live chat adapter', () => {
  it('finds the chat from the video, skips the backlog, follows page tokens at pollingIntervalMillis, and reads super chats as gifts', async () => {
    yt.pollingIntervalMillis = 150
    yt.page([textMessage('m0', 'UCold', 'old', 'said before we joined')])
    yt.page([textMessage('m1', 'UCamy', 'amy', '小星 hello\u202e'), superChatMessage('m2', 'UCbob', 'bob', 'sing please', 5)])
    yt.page([superStickerMessage('m3', 'UCcy', 'cy', 'Cat waving', 100)])
    youtube()
    const a = await studio.next('chat')
    const b = await studio.next('chat')
    const c = await studio.next('chat')
    expect(a).toMatchObject({ viewer: 'amy', viewerId: 'youtube:UCamy', text: '小星 hello', source: 'youtube', bits: 0 })
    expect(b).toMatchObject({ viewer: 'bob', text: 'sing please', bits: 5, gift: { kind: 'super_chat', value: 5, currency: 'USD' } })
    expect(c).toMatchObject({ viewer: 'cy', text: 'Super Sticker: Cat waving', bits: 100, gift: { kind: 'super_sticker', currency: 'JPY' } })
    expect(studio.received.filter((m) => m.type === 'chat')).toEqual([])
    expect(yt.requests[0]).toMatchObject({ path: '/youtube/v3/videos', query: { part: 'liveStreamingDetails', id: VIDEO, key: KEY } })
    const polls = messageRequests()
    expect(polls[0].query).toMatchObject({ liveChatId: 'chat-1', part: 'snippet,authorDetails', key: KEY })
    expect(polls[0].query.pageToken).toBeUndefined()
    expect(polls.slice(1, 3).map((r) => r.query.pageToken)).toEqual(['page-1', 'page-2'])
    expect(polls[2].atMs - polls[1].atMs).toBeGreaterThanOrEqual(140)
  }, 15_000)

  it('keeps two viewers with one display name apart by channel id', async () => {
    yt.page([])
    yt.page(Array.from({ length: 10 }, (_, i) => textMessage(`m${i}`, i < 5 ? 'UCone' : 'UCtwo', 'amy', `line ${i}`)))
    youtube()
    const got = []
    for (let i = 0; i < 10; i++) got.push(await studio.next('chat'))
    // Five per viewer per 10 s is the limit: both amys get all five through.
    expect(got.map((m) => m.viewerId)).toEqual([...Array(5).fill('youtube:UCone'), ...Array(5).fill('youtube:UCtwo')])
  }, 15_000)

  it('sends the key only to the API: never in logs, states, control messages or viewer pages, even on errors', async () => {
    const viewer = await connect(server.url, '/chat')
    yt.page([])
    yt.page([textMessage('m1', 'UCamy', 'amy', 'hi')])
    yt.fail(403, 'quotaExceeded')
    const adapter = youtube()
    await platformState('down')
    await studio.next('chat', 3000)
    yt.fail(500, 'backendError')
    await platformState('reconnecting')
    await platformState('live')
    const bearer = new YouTubeChat({ videoId: VIDEO, oauthToken: `ya29.${KEY}`, apiBase: yt.apiBase, minPollMs: 10, log: (l) => logs.push(l) })
    server.attachChat(bearer)
    await wait(300)
    const oauth = yt.requests.filter((r) => r.authorization !== null)
    expect(oauth.length).toBeGreaterThan(0)
    expect(oauth.every((r) => r.authorization === `Bearer ya29.${KEY}` && r.query.key === undefined)).toBe(true)
    const everything = JSON.stringify([logs, studio.received, viewer.received, adapter.status(), bearer.status()])
    expect(everything).toContain('quota')
    expect(everything).not.toContain(KEY)
    expect(viewer.received.some((m) => 'viewerId' in m || 'gift' in m)).toBe(false)
    viewer.ws.close()
  }, 15_000)

  it('goes down with a sentence when the quota is used up, and comes back after the wait', async () => {
    yt.fail(403, 'quotaExceeded')
    const adapter = youtube()
    const down = await platformState('down')
    expect(down.detail).toMatch(/quota for this key is used up \(it resets at midnight Pacific time\); retrying in 0 min\./)
    const downAt = performance.now()
    await platformState('live')
    expect(performance.now() - downAt).toBeGreaterThanOrEqual(250)
    expect(adapter.status().state).toBe('live')
  }, 15_000)

  it('backs off on rateLimitExceeded and server errors, and counts answers that are not the API\u2019s', async () => {
    yt.fail(403, 'rateLimitExceeded')
    const adapter = youtube()
    expect((await platformState('reconnecting')).detail).toMatch(/asked to poll less often; retrying in 1 s/)
    await platformState('live')
    yt.garble('garbage')
    yt.garble('no-items')
    yt.page([{ snippet: { type: 'textMessageEvent', displayMessage: 'no author' } }, textMessage('ok', 'UCok', 'ok', 'good one')])
    expect(await studio.next('chat')).toMatchObject({ text: 'good one' })
    expect(adapter.status()).toMatchObject({ malformed: 3, state: 'live' })
  }, 15_000)

  it('stops when the chat ends (liveChatEnded, offlineAt, chatEndedEvent), and polls no more', async () => {
    const adapter = youtube()
    await platformState('live')
    yt.fail(403, 'liveChatEnded')
    expect(await platformState('ended')).toMatchObject({ detail: 'The YouTube live chat ended.' })
    const n = yt.requests.length
    await wait(300)
    expect(yt.requests.length).toBe(n)
    expect(adapter.status().state).toBe('ended')

    const ends = (adapter: YouTubeChat) => new Promise<string | null>((resolve) => adapter.start({ event() {}, state: (s) => s.state === 'ended' && resolve(s.detail) }))
    yt.videos.set('endevent001', { activeLiveChatId: 'chat-3' })
    yt.page([{ id: 'e', snippet: { type: 'chatEndedEvent', liveChatId: 'chat-3' } }])
    expect(await ends(new YouTubeChat({ videoId: 'endevent001', apiKey: KEY, apiBase: yt.apiBase, minPollMs: 10 }))).toBe('The YouTube live chat ended.')
    yt.videos.set('offline0001', { activeLiveChatId: 'chat-2' })
    yt.goOffline()
    expect(await ends(new YouTubeChat({ videoId: 'offline0001', apiKey: KEY, apiBase: yt.apiBase, minPollMs: 10 }))).toBe('The YouTube stream went offline.')
  }, 15_000)

  it('reports an ended stream, a video that is not live yet, an unknown video and a refused key', async () => {
    yt.videos.set('ended000001', { actualEndTime: '2026-12-03T00:00:00Z' })
    yt.videos.set('soon0000001', {})
    const states = async (adapter: YouTubeChat, until: string) => new Promise<string | null>((resolve) => adapter.start({ event() {}, state: (s) => s.state === until && s.detail !== null && resolve(s.detail) }))
    const opts = { apiKey: KEY, apiBase: yt.apiBase, minPollMs: 10, notLiveRetryMs: 100 }
    expect(await states(new YouTubeChat({ ...opts, videoId: 'ended000001' }), 'ended')).toBe('The stream ended000001 has ended.')
    expect(await states(new YouTubeChat({ ...opts, videoId: 'nosuchvideo' }), 'down')).toBe('YouTube has no video nosuchvideo; check the id.')
    const soon = new YouTubeChat({ ...opts, videoId: 'soon0000001' })
    expect(await states(soon, 'connecting')).toMatch(/has not started; looking again in 0 s/)
    yt.videos.set('soon0000001', { activeLiveChatId: 'chat-1' })
    await new Promise<void>((resolve) => { const t = setInterval(() => soon.status().state === 'live' && (clearInterval(t), resolve()), 20) })
    await soon.close()
    const picky = await startYouTubeServer((q) => q.key === 'right')
    picky.videos.set(VIDEO, { activeLiveChatId: 'chat-1' })
    const refused = new YouTubeChat({ ...opts, apiBase: picky.apiBase, videoId: VIDEO })
    expect(await states(refused, 'down')).toMatch(/refused the API key or token \(keyInvalid\); check it in the settings/)
    await refused.close()
    await picky.close()
  }, 15_000)

  it('refuses settings that cannot work before polling', () => {
    expect(() => new YouTubeChat({ videoId: VIDEO })).toThrow(/API key \(YOUTUBE_API_KEY\) or an OAuth token/)
    expect(() => new YouTubeChat({ apiKey: KEY })).toThrow(/video\u2019s id/)
    expect(() => new YouTubeChat({ apiKey: KEY, videoId: 'https://youtu.be/x y' })).toThrow(/is not a YouTube video id/)
  })
})
