// The broadcast server: static viewer chat page over HTTP, and three WebSocket paths — /control
// (token; studio ⇄ stream pages), /chat (public; viewers), /relay (token; WebM → ffmpeg → RTMP).
// Platform chat adapters (Twitch, Bilibili, YouTube) attach to it; their states go to /control.
import { readFile } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { Duplex } from 'node:stream'
import { join } from 'node:path'
import { WebSocketServer, type WebSocket } from 'ws'
import { SocketPath, type ChatLine, type ChatPlatformsMessage, type IncomingChat, type ModerationSettings } from '../../systems/broadcast/node.ts'
import { toIncomingChat, type ChatAdapter } from './chatAdapter.ts'
import { ChatRoom, viewerLine } from './chatRoom.ts'
import { tokenMatches } from './controlAuth.ts'
import { RtmpRelay, type RelayOptions } from './relay.ts'
import { CloseCode, DEFAULT_GUARD, guardSocket, parseMessage, sendJson, type GuardSettings } from './socketGuard.ts'

/** Server settings; every field states its default. */
export interface ServerOptions {
  /** Address to bind (default `127.0.0.1`; anything else is reachable from other machines). */
  host: string
  /** Port (default 8790; 0 picks a free one). */
  port: number
  /** The control token (required). */
  token: string
  /** Socket limits (default `DEFAULT_GUARD`). */
  guard: GuardSettings
  /** Largest message on /control and /chat, in bytes (default 16 KiB). */
  maxMessageBytes: number
  /** Largest WebM chunk on /relay, in bytes (default 4 MiB). */
  maxChunkBytes: number
  /** A client must authenticate within this, in ms (default 5,000). */
  authTimeoutMs: number
  /** Chat moderation rules (default `DEFAULT_MODERATION`). */
  moderation: Partial<ModerationSettings>
  /** Relay settings (default `DEFAULT_RELAY`). */
  relay: Partial<RelayOptions>
  /** Where log lines go (default console.log). Lines never contain a token, a key or chat text. */
  log: (line: string) => void
  /** How often platform counters (received, malformed) are re-sent when they changed, in ms (default 5,000); states go at once. */
  platformReportMs: number
}

/** A running server. */
export interface BroadcastServer {
  /** e.g. `http://127.0.0.1:8790` */
  readonly url: string
  readonly port: number
  readonly chat: ChatRoom
  /** Feeds a message from another chat source through moderation; returns the rejection reason or null. */
  chatIn(message: IncomingChat): string | null
  /** Starts a platform's chat adapter: its chat goes through moderation, its state to control clients; `close` closes it. */
  attachChat(adapter: ChatAdapter): void
  /** Closes the adapters and the server. */
  close(): Promise<void>
}

const PUBLIC_DIR = join(import.meta.dirname, 'public')
const STATIC: Record<string, { file: string; type: string }> = {
  '/': { file: 'chat.html', type: 'text/html; charset=utf-8' },
  '/chat.html': { file: 'chat.html', type: 'text/html; charset=utf-8' },
  '/chat.js': { file: 'chat.js', type: 'text/javascript; charset=utf-8' },
  '/chat.css': { file: 'chat.css', type: 'text/css; charset=utf-8' },
}

/** Starts the server; resolves once it listens. */
export async function startBroadcastServer(options: Partial<ServerOptions> & { token: string }): Promise<BroadcastServer> {
  const o: ServerOptions = {
    host: '127.0.0.1', port: 8790, guard: DEFAULT_GUARD, maxMessageBytes: 16 * 1024, maxChunkBytes: 4 * 1024 * 1024,
    authTimeoutMs: 5000, moderation: {}, relay: {}, log: (line) => console.log(`[server] ${line}`), platformReportMs: 5000, ...options,
  }
  if (!o.token || o.token.length < 16) throw new Error('The control token must be at least 16 characters; leave it out to have one generated.')
  const control = new Set<WebSocket>()
  const chat = new ChatRoom(o.moderation, (line: ChatLine) => {
    for (const c of control) sendJson(c, line)
  })
  const adapters: ChatAdapter[] = []
  const platforms = (): ChatPlatformsMessage => ({ type: 'platforms', platforms: adapters.map((a) => a.status()) })
  let lastReport = ''
  const reportPlatforms = (onlyIfChanged: boolean) => {
    const message = platforms()
    const text = JSON.stringify(message)
    if (onlyIfChanged && text === lastReport) return
    lastReport = text
    for (const c of control) sendJson(c, message)
  }
  const counters = setInterval(() => adapters.length > 0 && reportPlatforms(true), o.platformReportMs)
  counters.unref()
  const http = createServer((req, res) => void serveStatic(req, res))
  const wss = {
    [SocketPath.control]: new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes }),
    [SocketPath.chat]: new WebSocketServer({ noServer: true, maxPayload: o.maxMessageBytes }),
    [SocketPath.relay]: new WebSocketServer({ noServer: true, maxPayload: o.maxChunkBytes }),
  }
  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname as keyof typeof wss
    const server = wss[path]
    if (!server) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n')
      return
    }
    server.handleUpgrade(req, socket, head, (ws) => {
      // ws reports oversize frames and protocol errors here, then closes the socket (1009, 1002).
      ws.on('error', (err) => o.log(`${path} client error: ${err.message}`))
      server.emit('connection', ws, req)
    })
  })
  wss[SocketPath.chat].on('connection', (ws: WebSocket) => onViewer(ws))
  wss[SocketPath.control].on('connection', (ws: WebSocket) => authenticate(ws, 'control', () => onControl(ws)))
  wss[SocketPath.relay].on('connection', (ws: WebSocket) => authenticate(ws, 'relay', () => onRelay(ws)))

  function onViewer(ws: WebSocket): void {
    const guard = guardSocket(ws, o.guard, (why) => o.log(`chat client closed: ${why}`))
    chat.join(ws)
    ws.on('message', (data, isBinary) => {
      if (!guard.admit()) return
      const message = parseMessage(data, isBinary)
      const line = message?.type === 'chat' ? viewerLine(message) : null
      if (!line) return sendJson(ws, { type: 'error', reason: 'expected {"type":"chat","viewer":"…","text":"…"}' })
      const rejected = chat.say(line)
      if (rejected) sendJson(ws, { type: 'error', reason: rejected })
    })
  }

  /** Waits for `{ type: 'auth', token }` as the first message; closes on a wrong token or after the timeout. */
  function authenticate(ws: WebSocket, what: string, then: () => void): void {
    const timer = setTimeout(() => ws.close(CloseCode.authTimeout, 'authenticate first'), o.authTimeoutMs)
    ws.once('message', (data, isBinary) => {
      clearTimeout(timer)
      const message = parseMessage(data, isBinary)
      if (message?.type !== 'auth' || !tokenMatches(message.token, o.token)) {
        o.log(`${what} client refused: bad token`)
        ws.close(CloseCode.unauthorized, 'bad token')
        return
      }
      sendJson(ws, { type: 'ready' })
      then()
    })
  }

  function onControl(ws: WebSocket): void {
    const guard = guardSocket(ws, o.guard, (why) => o.log(`control client closed: ${why}`))
    control.add(ws)
    if (adapters.length > 0) sendJson(ws, platforms())
    ws.on('close', () => control.delete(ws))
    ws.on('message', (data, isBinary) => {
      if (!guard.admit()) return
      const message = parseMessage(data, isBinary)
      if (message?.type === 'command' && typeof message.command === 'object' && message.command !== null) {
        for (const c of control) if (c !== ws) sendJson(c, { type: 'command', command: message.command })
      } else if (message?.type === 'host' && typeof message.text === 'string') {
        chat.host(message.text.slice(0, 2000))
      } else sendJson(ws, { type: 'error', reason: 'expected a "command" or "host" message' })
    })
  }

  function onRelay(ws: WebSocket): void {
    // WebM chunks come at the recorder's timeslice (10/s at 100 ms): the chat limits would be too tight.
    const guard = guardSocket(ws, { ...o.guard, ratePerS: 100, burst: 200 }, (why) => o.log(`relay client closed: ${why}`))
    let relay: RtmpRelay | null = null
    ws.on('message', (data, isBinary) => {
      if (!guard.admit()) return
      if (isBinary) {
        relay?.write(Buffer.isBuffer(data) ? data : Buffer.concat(data as Buffer[]))
        return
      }
      const message = parseMessage(data, isBinary)
      if (message?.type === 'start' && typeof message.url === 'string' && typeof message.key === 'string' && !relay) {
        relay = new RtmpRelay((stats) => sendJson(ws, stats), { ...o.relay, audio: message.audio !== false })
        try {
          relay.start(message.url, message.key)
          o.log(`relay started to ${new URL(message.url).host} (key hidden)`)
        } catch (err) {
          relay = null
          sendJson(ws, { type: 'error', reason: (err as Error).message })
        }
      } else if (message?.type === 'stop') {
        relay?.stop()
        o.log('relay stopped')
      } else sendJson(ws, { type: 'error', reason: 'expected "start" (once), binary WebM chunks, or "stop"' })
    })
    ws.on('close', () => relay?.stop())
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const entry = STATIC[new URL(req.url ?? '/', 'http://x').pathname]
    if (req.method !== 'GET' || !entry) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found')
      return
    }
    const body = await readFile(join(PUBLIC_DIR, entry.file))
    res.writeHead(200, {
      'content-type': entry.type,
      // The chat page runs only its own script and talks only to this server.
      'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
    })
    res.end(body)
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject)
    http.listen(o.port, o.host, () => resolve())
  })
  const { port } = http.address() as AddressInfo
  return {
    url: `http://${o.host.includes(':') ? `[${o.host}]` : o.host}:${port}`,
    port,
    chat,
    chatIn: (message) => chat.say(message),
    attachChat(adapter) {
      adapters.push(adapter)
      adapter.start({
        event(event) {
          const message = toIncomingChat(event)
          if (message) chat.say(message)
        },
        state: () => reportPlatforms(false),
      })
    },
    async close() {
      clearInterval(counters)
      await Promise.all(adapters.map((a) => a.close()))
      for (const server of Object.values(wss)) {
        for (const client of server.clients) client.terminate()
        server.close()
      }
      await new Promise<void>((resolve) => http.close(() => resolve()))
    },
  }
}
