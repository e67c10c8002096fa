// YouTube Live chat through the Data API: `videos.list` finds the video's live chat, then
// `liveChatMessages.list` is polled at the `pollingIntervalMillis` the API asks for, page by page.
// Super chats and super stickers become gifts. The API key or OAuth token is sent only to the API:
// never logged, never in a state detail, never passed on to a viewer page.
// API: https://developers.google.com/youtube/v3/live/docs/liveChatMessages/list
import { ChatPlatformState, ChatSource, GiftKind, type ChatPlatformStatus } from '../../systems/broadcast/node.ts'
import { AdapterStatus, Backoff, DEFAULT_BACKOFF, makeGift, type BackoffSettings, type ChatAdapter, type ChatEvent, type ChatSink } from './chatAdapter.ts'

/** Adapter settings; every field states its default. */
export interface YouTubeChatOptions {
  /** The live video's id (`youtu.be/<id>`); required unless `liveChatId` is given. */
  videoId: string | null
  /** The live chat's id, when known (default: looked up from `videoId`). */
  liveChatId: string | null
  /** A Data API key (default none; `apiKey` or `oauthToken` is required). */
  apiKey: string | null
  /** An OAuth 2 access token, sent as `Authorization: Bearer` (default none). */
  oauthToken: string | null
  /** The API's origin (default `https://www.googleapis.com`). */
  apiBase: string
  /** Shortest wait between polls, in ms, whatever the API says (default 1,000). */
  minPollMs: number
  /** Wait before asking again when the quota is used up or the credentials are refused, in ms (default 900,000). */
  refusedRetryMs: number
  /** Wait before looking again for a video that is not live yet, in ms (default 60,000). */
  notLiveRetryMs: number
  /** Drop the messages already in the chat when polling starts: the host answers what comes after (default true). */
  skipBacklog: boolean
  /** Retry timing after network or server errors (default `DEFAULT_BACKOFF`). */
  backoff: BackoffSettings
  /** Status lines (never chat text, never the key or token). */
  log: (line: string) => void
}

/** The `error.errors[0].reason`s that end or pause the chat. */
const Reason = {
  quota: 'quotaExceeded', rate: 'rateLimitExceeded', ended: 'liveChatEnded', notFound: 'liveChatNotFound', disabled: 'liveChatDisabled',
  keyInvalid: 'keyInvalid', pageToken: 'pageTokenInvalid',
} as const

/** What one API call came back with. */
type Answer = { ok: true; body: Record<string, unknown> } | { ok: false; status: number; reason: string | null; unreadable: boolean }

/** YouTube Live chat, on the `ChatAdapter` contract. */
export class YouTubeChat implements ChatAdapter {
  readonly platform = ChatSource.youtube
  readonly channel: string
  private readonly o: YouTubeChatOptions
  private readonly tally: AdapterStatus
  private readonly backoff: Backoff
  private readonly abort = new AbortController()
  private liveChatId: string | null
  private pageToken: string | null = null
  private firstPage = true
  private timer: ReturnType<typeof setTimeout> | null = null
  private inFlight: Promise<void> | null = null
  private closed = false

  constructor(options: Partial<YouTubeChatOptions>) {
    this.o = {
      videoId: null, liveChatId: null, apiKey: null, oauthToken: null, apiBase: 'https://www.googleapis.com', minPollMs: 1000,
      refusedRetryMs: 15 * 60_000, notLiveRetryMs: 60_000, skipBacklog: true, backoff: DEFAULT_BACKOFF, log: () => {}, ...options,
    }
    if (!this.o.videoId && !this.o.liveChatId) throw new Error('YouTube chat needs the live video\u2019s id (the part after youtu.be/).')
    if (this.o.videoId && !/^[\w-]{6,64}$/.test(this.o.videoId)) throw new Error(`"${this.o.videoId.slice(0, 80)}" is not a YouTube video id; copy the part after youtu.be/ or watch?v=.`)
    if (!this.o.apiKey && !this.o.oauthToken) throw new Error('YouTube chat needs a Data API key (YOUTUBE_API_KEY) or an OAuth token (YOUTUBE_OAUTH_TOKEN).')
    this.channel = this.o.videoId ?? this.o.liveChatId!
    this.liveChatId = this.o.liveChatId
    this.tally = new AdapterStatus(this.platform, this.channel, this.o.log)
    this.backoff = new Backoff(this.o.backoff)
  }

  status(): ChatPlatformStatus {
    return this.tally.value
  }

  start(sink: ChatSink): void {
    this.tally.attach(sink)
    this.schedule(0)
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.timer) clearTimeout(this.timer)
    this.abort.abort()
    await this.inFlight
  }

  private schedule(ms: number): void {
    if (this.closed) return
    this.timer = setTimeout(() => {
      this.inFlight = this.step().finally(() => (this.inFlight = null))
    }, ms)
  }

  /** One call: the chat id lookup until there is one, then a page of messages. */
  private async step(): Promise<void> {
    if (!this.liveChatId) return this.findChat()
    const answer = await this.get('/youtube/v3/liveChat/messages', { liveChatId: this.liveChatId, part: 'snippet,authorDetails', maxResults: '2000', ...(this.pageToken ? { pageToken: this.pageToken } : {}) })
    if (this.closed) return
    if (!answer.ok) return answer.unreadable ? this.malformed() : this.refused(answer)
    const { items, nextPageToken, pollingIntervalMillis, offlineAt } = answer.body
    if (!Array.isArray(items) || typeof nextPageToken !== 'string') return this.malformed()
    this.backoff.reset()
    this.tally.set(ChatPlatformState.live)
    const backlog = this.firstPage && this.o.skipBacklog
    this.firstPage = false
    this.pageToken = nextPageToken
    for (const item of items) {
      const event = readItem(item)
      if (event === 'malformed') this.tally.malformed()
      else if (event === 'ended') return this.tally.set(ChatPlatformState.ended, 'The YouTube live chat ended.')
      else if (event !== 'ignored' && !backlog) this.tally.emit(event)
    }
    if (typeof offlineAt === 'string') return this.tally.set(ChatPlatformState.ended, 'The YouTube stream went offline.')
    const interval = typeof pollingIntervalMillis === 'number' && Number.isFinite(pollingIntervalMillis) ? pollingIntervalMillis : 5000
    this.schedule(Math.max(this.o.minPollMs, Math.min(interval, 60_000)))
  }

  /** `videos.list?part=liveStreamingDetails` → `activeLiveChatId`. */
  private async findChat(): Promise<void> {
    const answer = await this.get('/youtube/v3/videos', { part: 'liveStreamingDetails', id: this.o.videoId! })
    if (this.closed) return
    if (!answer.ok) return answer.unreadable ? this.malformed() : this.refused(answer)
    const items = answer.body.items
    if (!Array.isArray(items)) return this.malformed()
    const details = (items[0] as { liveStreamingDetails?: Record<string, unknown> } | undefined)?.liveStreamingDetails
    if (items.length === 0) return this.tally.set(ChatPlatformState.down, `YouTube has no video ${this.channel}; check the id.`)
    if (!details) return this.tally.set(ChatPlatformState.down, `Video ${this.channel} is not a live stream.`)
    if (typeof details.activeLiveChatId === 'string') {
      this.liveChatId = details.activeLiveChatId
      return this.step()
    }
    if (typeof details.actualEndTime === 'string') return this.tally.set(ChatPlatformState.ended, `The stream ${this.channel} has ended.`)
    this.tally.set(ChatPlatformState.connecting, `The stream has not started; looking again in ${Math.round(this.o.notLiveRetryMs / 1000)} s.`)
    this.schedule(this.o.notLiveRetryMs)
  }

  /** Decides what an error answer means: ended, paused (quota, credentials), or retry with backoff. */
  private refused(answer: Extract<Answer, { ok: false }>): void {
    const { status, reason } = answer
    if (reason === Reason.ended || reason === Reason.notFound || reason === Reason.disabled) {
      return this.tally.set(ChatPlatformState.ended, reason === Reason.ended ? 'The YouTube live chat ended.' : `YouTube has no live chat for ${this.channel} (${reason}).`)
    }
    const later = `retrying in ${Math.round(this.o.refusedRetryMs / 60_000)} min`
    if (reason === Reason.quota) {
      this.tally.set(ChatPlatformState.down, `The YouTube API quota for this key is used up (it resets at midnight Pacific time); ${later}.`)
      return this.schedule(this.o.refusedRetryMs)
    }
    if (status === 401 || reason === Reason.keyInvalid || (status === 403 && reason !== Reason.rate)) {
      this.tally.set(ChatPlatformState.down, `YouTube refused the API key or token (${reason ?? status}); check it in the settings; ${later}.`)
      return this.schedule(this.o.refusedRetryMs)
    }
    if (reason === Reason.pageToken) {
      // Start again from the live edge rather than replay a backlog.
      this.pageToken = null
      this.firstPage = true
    }
    const waitMs = this.backoff.next()
    const why = reason === Reason.rate ? 'YouTube asked to poll less often' : status === 0 ? 'could not reach the YouTube API' : `the YouTube API answered ${status}`
    this.tally.set(ChatPlatformState.reconnecting, `${why}; retrying in ${Math.ceil(waitMs / 1000)} s.`)
    this.schedule(waitMs)
  }

  private malformed(): void {
    this.tally.malformed()
    this.refused({ ok: false, status: 502, reason: null, unreadable: true })
  }

  /** GET `path?query` with the credentials; never throws, and no error it returns holds the URL. */
  private async get(path: string, query: Record<string, string>): Promise<Answer> {
    const url = new URL(path, this.o.apiBase)
    for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v)
    if (this.o.apiKey) url.searchParams.set('key', this.o.apiKey)
    const headers: Record<string, string> = { accept: 'application/json' }
    if (this.o.oauthToken) headers.authorization = `Bearer ${this.o.oauthToken}`
    let res: Response
    try {
      res = await fetch(url, { headers, signal: AbortSignal.any([this.abort.signal, AbortSignal.timeout(15_000)]) })
    } catch {
      return { ok: false, status: 0, reason: null, unreadable: false }
    }
    let body: unknown = null
    try {
      body = await res.json()
    } catch {
      body = null
    }
    const readable = typeof body === 'object' && body !== null && !Array.isArray(body)
    if (res.ok && readable) return { ok: true, body: body as Record<string, unknown> }
    const reason = (body as { error?: { errors?: { reason?: unknown }[] } } | null)?.error?.errors?.[0]?.reason
    return { ok: false, status: res.ok ? 502 : res.status, reason: typeof reason === 'string' ? reason : null, unreadable: res.ok }
  }
}

/** One `liveChatMessage` → an event; `ended` for `chatEndedEvent`. */
export function readItem(item: unknown): ChatEvent | 'ignored' | 'malformed' | 'ended' {
  if (typeof item !== 'object' || item === null) return 'malformed'
  const { snippet, authorDetails } = item as { snippet?: Record<string, unknown>; authorDetails?: Record<string, unknown> }
  if (typeof snippet !== 'object' || snippet === null || typeof snippet.type !== 'string') return 'malformed'
  if (snippet.type === 'chatEndedEvent') return 'ended'
  if (typeof authorDetails !== 'object' || authorDetails === null) return 'malformed'
  const { channelId, displayName } = authorDetails
  if (typeof channelId !== 'string' || !/^[\w-]{1,64}$/.test(channelId) || typeof displayName !== 'string') return 'malformed'
  const viewer = { id: `${ChatSource.youtube}:${channelId}`, name: displayName }
  const platform = ChatSource.youtube
  switch (snippet.type) {
    case 'textMessageEvent': {
      const text = snippet.displayMessage ?? (snippet.textMessageDetails as { messageText?: unknown } | undefined)?.messageText
      return typeof text === 'string' ? { kind: 'message', platform, viewer, text } : 'malformed'
    }
    case 'superChatEvent': {
      const d = snippet.superChatDetails as Record<string, unknown> | undefined
      // amountMicros is a string in the API's JSON (a uint64).
      const gift = d && makeGift(GiftKind.superChat, 'Super Chat', 1, Number(d.amountMicros) / 1e6, d.currency)
      if (!d || !gift) return 'malformed'
      const text = typeof d.userComment === 'string' && d.userComment ? d.userComment : `Super Chat ${typeof d.amountDisplayString === 'string' ? d.amountDisplayString : ''}`.trim()
      return { kind: 'gift', platform, viewer, text, gift }
    }
    case 'superStickerEvent': {
      const d = snippet.superStickerDetails as Record<string, unknown> | undefined
      const alt = (d?.superStickerMetadata as { altText?: unknown } | undefined)?.altText
      const gift = d && makeGift(GiftKind.superSticker, typeof alt === 'string' ? alt : 'Super Sticker', 1, Number(d.amountMicros) / 1e6, d.currency)
      if (!d || !gift) return 'malformed'
      return { kind: 'gift', platform, viewer, text: `Super Sticker: ${gift.name}`, gift }
    }
    default:
      return 'ignored'
  }
}
