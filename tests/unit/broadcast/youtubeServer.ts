// A local YouTube Data API for the tests and the bench: `videos.list?part=liveStreamingDetails` and
// `liveChatMessages.list`, answering in the API's shapes (page tokens, pollingIntervalMillis,
// offlineAt, and its error bodies: quotaExceeded, rateLimitExceeded, liveChatEnded, liveChatNotFound).
import { createServer, type IncomingMessage } from 'node:http'
import type { AddressInfo } from 'node:net'

/** A request as the server saw it. */
export interface SeenRequest {
  readonly path: string
  readonly query: Record<string, string>
  readonly authorization: string | null
  readonly atMs: number
}

/** A video as `videos.list` describes it. */
export interface TestVideo {
  readonly activeLiveChatId?: string
  readonly actualEndTime?: string
}

/** A running test API. */
export interface YouTubeServer {
  /** `http://127.0.0.1:<port>` */
  readonly apiBase: string
  readonly requests: SeenRequest[]
  /** Videos by id. */
  readonly videos: Map<string, TestVideo>
  /** What `pollingIntervalMillis` says (default 100). */
  pollingIntervalMillis: number
  /** Queues `items` as the next page of the chat (an empty page is served when none waits). */
  page(items: readonly object[]): void
  /** The next `count` message requests get this error. */
  fail(status: number, reason: string, count?: number): void
  /** The next message request gets a body that is not the API's (`garbage`: not JSON). */
  garble(kind: 'garbage' | 'no-items'): void
  /** From now on the chat answers with `offlineAt` set. */
  goOffline(): void
  close(): Promise<void>
}

/** An API error body, as Google sends it. */
function errorBody(status: number, reason: string): string {
  return JSON.stringify({ error: { code: status, message: `The request failed: ${reason}.`, errors: [{ message: reason, domain: 'youtube.liveChat', reason }] } })
}

/** Starts the API on 127.0.0.1; `accept` decides whether a request's credentials are good (default: any). */
export async function startYouTubeServer(accept: (query: Record<string, string>, authorization: string | null) => boolean = () => true): Promise<YouTubeServer> {
  const pages: object[][] = []
  const failures: { status: number; reason: string }[] = []
  const garbles: ('garbage' | 'no-items')[] = []
  const served = new Map<string, number>()
  let offline = false
  const server: Omit<YouTubeServer, 'apiBase' | 'close'> = {
    requests: [], videos: new Map(), pollingIntervalMillis: 100,
    page: (items) => void pages.push([...items]),
    fail(status, reason, count = 1) {
      for (let i = 0; i < count; i++) failures.push({ status, reason })
    },
    garble: (kind) => void garbles.push(kind),
    goOffline: () => void (offline = true),
  }
  const http = createServer((req: IncomingMessage, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    const query = Object.fromEntries(url.searchParams)
    const authorization = req.headers.authorization ?? null
    server.requests.push({ path: url.pathname, query, authorization, atMs: performance.now() })
    const send = (status: number, body: string) => res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(body)
    if (!accept(query, authorization)) return send(400, errorBody(400, 'keyInvalid'))
    if (url.pathname === '/youtube/v3/videos') {
      const video = server.videos.get(query.id ?? '')
      const items = video ? [{ kind: 'youtube#video', id: query.id, liveStreamingDetails: { actualStartTime: '2026-12-04T00:00:00Z', ...video } }] : []
      return send(200, JSON.stringify({ kind: 'youtube#videoListResponse', items, pageInfo: { totalResults: items.length, resultsPerPage: items.length } }))
    }
    if (url.pathname !== '/youtube/v3/liveChat/messages') return send(404, errorBody(404, 'notFound'))
    const chatKnown = [...server.videos.values()].some((v) => v.activeLiveChatId === query.liveChatId)
    if (!chatKnown) return send(404, errorBody(404, 'liveChatNotFound'))
    const failure = failures.shift()
    if (failure) return send(failure.status, errorBody(failure.status, failure.reason))
    const garble = garbles.shift()
    if (garble === 'garbage') return send(200, '<html>oops</html>')
    if (garble === 'no-items') return send(200, JSON.stringify({ kind: 'youtube#liveChatMessageListResponse' }))
    // The page token must be the one the previous answer gave.
    const n = served.get(query.liveChatId) ?? 0
    if (n > 0 && query.pageToken !== `page-${n}`) return send(400, errorBody(400, 'pageTokenInvalid'))
    served.set(query.liveChatId, n + 1)
    const items = pages.shift() ?? []
    send(200, JSON.stringify({
      kind: 'youtube#liveChatMessageListResponse', nextPageToken: `page-${n + 1}`, pollingIntervalMillis: server.pollingIntervalMillis,
      ...(offline ? { offlineAt: '2026-12-04T01:00:00Z' } : {}), pageInfo: { totalResults: items.length, resultsPerPage: items.length }, items,
    }))
  })
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()))
  const { port } = http.address() as AddressInfo
  return Object.assign(server, {
    apiBase: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve) => {
      http.close(() => resolve())
      http.closeAllConnections()
    }),
  })
}

/** A `textMessageEvent` from channel `channelId`. */
export function textMessage(id: string, channelId: string, displayName: string, text: string): object {
  return {
    kind: 'youtube#liveChatMessage', id,
    snippet: { type: 'textMessageEvent', liveChatId: 'chat', authorChannelId: channelId, publishedAt: '2026-12-04T00:00:01Z', hasDisplayContent: true, displayMessage: text, textMessageDetails: { messageText: text } },
    authorDetails: { channelId, channelUrl: `http://www.youtube.com/channel/${channelId}`, displayName, profileImageUrl: '', isVerified: false, isChatOwner: false, isChatSponsor: false, isChatModerator: false },
  }
}

/** A `superChatEvent` of `amount` in `currency` (amountMicros is a string, as in the API). */
export function superChatMessage(id: string, channelId: string, displayName: string, comment: string, amount: number, currency = 'USD'): object {
  return {
    kind: 'youtube#liveChatMessage', id,
    snippet: {
      type: 'superChatEvent', liveChatId: 'chat', authorChannelId: channelId, publishedAt: '2026-12-04T00:00:02Z', hasDisplayContent: true, displayMessage: `$${amount} from ${displayName}: "${comment}"`,
      superChatDetails: { amountMicros: String(amount * 1_000_000), currency, amountDisplayString: `$${amount.toFixed(2)}`, userComment: comment, tier: 2 },
    },
    authorDetails: { channelId, displayName, isChatSponsor: false },
  }
}

/** A `superStickerEvent`. */
export function superStickerMessage(id: string, channelId: string, displayName: string, altText: string, amount: number, currency = 'JPY'): object {
  return {
    kind: 'youtube#liveChatMessage', id,
    snippet: {
      type: 'superStickerEvent', liveChatId: 'chat', authorChannelId: channelId, publishedAt: '2026-12-04T00:00:03Z', hasDisplayContent: true,
      superStickerDetails: { superStickerMetadata: { stickerId: 's1', altText, language: 'en' }, amountMicros: String(amount * 1_000_000), currency, amountDisplayString: `¥${amount}`, tier: 1 },
    },
    authorDetails: { channelId, displayName },
  }
}
