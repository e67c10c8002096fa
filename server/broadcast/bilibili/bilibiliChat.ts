// Bilibili live danmaku over the public WebSocket protocol: a token and host from getDanmuInfo (HTTP),
// the auth packet with the room id, a heartbeat every 30 s, then command packets (zlib or brotli) →
// chat events. Reconnects with backoff; a malformed packet is counted and skipped.
import { WebSocket, type RawData } from 'ws'
import { ChatPlatformState, ChatSource, type ChatPlatformStatus } from '../../../systems/broadcast/node.ts'
import { AdapterStatus, Backoff, DEFAULT_BACKOFF, type BackoffSettings, type ChatAdapter, type ChatSink } from '../chatAdapter.ts'
import { readCommand } from './commands.ts'
import { Operation, authPacket, decodePackets, heartbeatPacket } from './packet.ts'

/** Adapter settings; every field states its default. */
export interface BilibiliChatOptions {
  /** The room's real (long) id, as in `live.bilibili.com/<id>` (required). */
  roomId: number
  /**
   * Where getDanmuInfo is (default `https://api.live.bilibili.com`, which needs the network); null
   * skips it and authenticates with an empty key (only test servers accept that).
   */
  apiBase: string | null
  /** The danmaku WebSocket (default: the first host getDanmuInfo lists, `wss://host:port/sub`). */
  url: string | null
  /** The logged-in user's id sent in the auth packet (default 0, a guest: Bilibili may mask guests' names). */
  uid: number
  /** Heartbeat interval, in ms (default 30,000, as the web client). */
  heartbeatMs: number
  /** A connection silent for this long is dropped and reopened, in ms (default 70,000: two missed heartbeat replies). */
  silentMs: number
  /** The auth reply must come within this, in ms (default 10,000). */
  authTimeoutMs: number
  /** Reconnect timing (default `DEFAULT_BACKOFF`). */
  backoff: BackoffSettings
  /** Status lines (never chat text). */
  log: (line: string) => void
}

/** `getDanmuInfo`'s answer, the fields used. */
export interface DanmuInfo {
  readonly token: string
  /** `wss://host:port/sub` of the first listed server, or null when none is listed. */
  readonly url: string | null
}

/** Reads `{code: 0, data: {token, host_list: [{host, wss_port}]}}`; null when it is not that. */
export function readDanmuInfo(body: unknown): DanmuInfo | null {
  const b = body as { code?: unknown; data?: { token?: unknown; host_list?: unknown } } | null
  if (typeof b !== 'object' || b === null || b.code !== 0 || typeof b.data?.token !== 'string') return null
  const hosts = Array.isArray(b.data.host_list) ? (b.data.host_list as { host?: unknown; wss_port?: unknown }[]) : []
  const first = hosts.find((h) => typeof h?.host === 'string' && /^[\w.-]+$/.test(h.host) && Number.isInteger(h.wss_port))
  return { token: b.data.token, url: first ? `wss://${first.host as string}:${first.wss_port as number}/sub` : null }
}

/** Bilibili's danmaku, on the `ChatAdapter` contract. */
export class BilibiliChat implements ChatAdapter {
  readonly platform = ChatSource.bilibili
  readonly channel: string
  private readonly o: BilibiliChatOptions
  private readonly tally: AdapterStatus
  private readonly backoff: Backoff
  private socket: WebSocket | null = null
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private heartbeat: ReturnType<typeof setInterval> | null = null
  private closed = false

  constructor(options: Partial<BilibiliChatOptions> & { roomId: number }) {
    if (!Number.isSafeInteger(options.roomId) || options.roomId <= 0) throw new Error(`The Bilibili room id must be a positive number (the digits in live.bilibili.com/…), not ${String(options.roomId)}.`)
    this.o = {
      apiBase: 'https://api.live.bilibili.com', url: null, uid: 0, heartbeatMs: 30_000, silentMs: 70_000, authTimeoutMs: 10_000,
      backoff: DEFAULT_BACKOFF, log: () => {}, ...options,
    }
    if (this.o.apiBase === null && this.o.url === null) throw new Error('Bilibili chat needs getDanmuInfo (apiBase) or a danmaku address (url).')
    this.channel = String(this.o.roomId)
    this.tally = new AdapterStatus(this.platform, this.channel, this.o.log)
    this.backoff = new Backoff(this.o.backoff)
  }

  status(): ChatPlatformStatus {
    return this.tally.value
  }

  start(sink: ChatSink): void {
    this.tally.attach(sink)
    void this.connect()
  }

  async close(): Promise<void> {
    this.closed = true
    this.stopTimers()
    const socket = this.socket
    this.socket = null
    if (!socket || socket.readyState === WebSocket.CLOSED) return
    await new Promise<void>((resolve) => {
      socket.once('close', () => resolve())
      socket.close(1000)
      // A peer that never answers the close handshake is cut off.
      setTimeout(() => socket.terminate(), 2000).unref()
    })
  }

  private async connect(): Promise<void> {
    let info: DanmuInfo
    try {
      info = this.o.apiBase === null ? { token: '', url: null } : await this.danmuInfo(this.o.apiBase)
    } catch (err) {
      return this.retry((err as Error).message)
    }
    if (this.closed) return
    const url = this.o.url ?? info.url
    if (!url) return this.retry('getDanmuInfo listed no danmaku server')
    const socket = new WebSocket(url, { maxPayload: 4 * 1024 * 1024 })
    this.socket = socket
    let authed = false
    const authTimer = setTimeout(() => socket.terminate(), this.o.authTimeoutMs)
    const silent = setTimeout(() => socket.terminate(), this.o.silentMs)
    socket.on('open', () => socket.send(authPacket({ uid: this.o.uid, roomid: this.o.roomId, protover: 3, platform: 'web', type: 2, key: info.token })))
    socket.on('message', (data: RawData, isBinary: boolean) => {
      silent.refresh()
      if (!isBinary) return this.tally.malformed()
      const { packets, malformed } = decodePackets(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]))
      for (let i = 0; i < malformed; i++) this.tally.malformed()
      for (const packet of packets) {
        if (packet.operation === Operation.authReply) {
          clearTimeout(authTimer)
          authed = this.onAuthReply(socket, packet.body)
        } else if (packet.operation === Operation.command) {
          const result = readCommand(packet.body)
          if (result === 'malformed') this.tally.malformed()
          else if (result !== 'ignored') this.tally.emit(result)
        }
        // Operation 3 (heartbeat reply) carries the room's popularity; it only proves the link is alive.
      }
    })
    socket.on('error', (err) => this.o.log(`socket error: ${err.message}`))
    socket.on('close', () => {
      clearTimeout(authTimer)
      clearTimeout(silent)
      this.stopHeartbeat()
      if (this.socket === socket) this.socket = null
      if (!this.closed) this.retry(authed ? 'the danmaku connection dropped' : `could not join room ${this.channel} at ${new URL(url).host}`)
    })
  }

  /** `{code: 0}` means joined; anything else (a stale token: -101) closes the socket to start over with a new token. */
  private onAuthReply(socket: WebSocket, body: Buffer): boolean {
    let code: unknown
    try {
      code = (JSON.parse(body.toString('utf8')) as { code?: unknown }).code
    } catch {
      code = undefined
    }
    if (code !== 0) {
      this.tally.malformed()
      socket.close(1000)
      return false
    }
    this.backoff.reset()
    this.tally.set(ChatPlatformState.live)
    socket.send(heartbeatPacket())
    this.heartbeat = setInterval(() => socket.readyState === WebSocket.OPEN && socket.send(heartbeatPacket()), this.o.heartbeatMs)
    return true
  }

  /** The token and first host from `{apiBase}/xlive/web-room/v1/index/getDanmuInfo?id=ROOM&type=0`. */
  private async danmuInfo(apiBase: string): Promise<DanmuInfo> {
    const url = new URL('/xlive/web-room/v1/index/getDanmuInfo', apiBase)
    url.searchParams.set('id', this.channel)
    url.searchParams.set('type', '0')
    let body: unknown
    try {
      const res = await fetch(url, { signal: AbortSignal.timeout(10_000), headers: { 'user-agent': 'Mozilla/5.0 GenAnchor' } })
      body = await res.json()
    } catch {
      throw new Error(`could not reach ${url.host} for the danmaku token`)
    }
    const info = readDanmuInfo(body)
    if (!info) throw new Error(`${url.host} refused the danmaku token for room ${this.channel}; check the room id`)
    return info
  }

  private retry(why: string): void {
    if (this.closed) return
    const waitMs = this.backoff.next()
    this.tally.set(ChatPlatformState.reconnecting, `${why}; retrying in ${Math.ceil(waitMs / 1000)} s.`)
    this.retryTimer = setTimeout(() => void this.connect(), waitMs)
  }

  private stopHeartbeat(): void {
    if (this.heartbeat) clearInterval(this.heartbeat)
    this.heartbeat = null
  }

  private stopTimers(): void {
    this.stopHeartbeat()
    if (this.retryTimer) clearTimeout(this.retryTimer)
    this.retryTimer = null
  }
}
