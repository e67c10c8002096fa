// A local Bilibili danmaku server for the tests and the bench: getDanmuInfo over HTTP and the
// danmaku WebSocket on /sub, speaking the real wire format. Its packet writer is written here by
// hand from the protocol description (not server/'s codec), so a codec bug cannot hide itself.
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { brotliCompressSync, constants, deflateSync } from 'node:zlib'
import { WebSocketServer, type WebSocket } from 'ws'

/** How `push` sends a batch of commands. */
export type Compression = 'none' | 'zlib' | 'brotli'

/** One packet: u32 length, u16 16, u16 version, u32 operation, u32 1, then the body (big-endian). */
export function frame(operation: number, version: number, body: Buffer | string): Buffer {
  const payload = typeof body === 'string' ? Buffer.from(body) : body
  const out = Buffer.alloc(16 + payload.length)
  out.writeUInt32BE(out.length, 0)
  out.writeUInt16BE(16, 4)
  out.writeUInt16BE(version, 6)
  out.writeUInt32BE(operation, 8)
  out.writeUInt32BE(1, 12)
  payload.copy(out, 16)
  return out
}

/** `commands` as one frame: plain packets back to back, or those packets compressed into one version 2 (zlib) or 3 (brotli) packet. */
export function encodeBatch(commands: readonly object[], compression: Compression): Buffer {
  const packets = Buffer.concat(commands.map((c) => frame(5, 0, JSON.stringify(c))))
  // Brotli at quality 6, not the default 11: as fast as zlib to write, and the reader does not care.
  const brotli = () => brotliCompressSync(packets, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } })
  return compression === 'none' ? packets : compression === 'zlib' ? frame(5, 2, deflateSync(packets)) : frame(5, 3, brotli())
}

/** What an auth packet said, as the server read it. */
export interface SeenAuth {
  readonly uid: number
  readonly roomid: number
  readonly protover: number
  readonly platform: string
  readonly type: number
  readonly key: string
  /** The packet's header version field. */
  readonly headerVersion: number
}

/** A running test server. */
export interface BilibiliServer {
  /** `ws://127.0.0.1:<port>/sub` */
  readonly wsUrl: string
  /** `http://127.0.0.1:<port>` (getDanmuInfo lives here). */
  readonly apiBase: string
  /** The token getDanmuInfo hands out and the auth packet must carry. */
  readonly token: string
  /** Auth packets received, in order. */
  readonly auths: SeenAuth[]
  /** Heartbeats received. */
  heartbeats: number
  /** Clients that passed auth and are connected now. */
  readonly clients: Set<WebSocket>
  /** Sends `commands` (JSON objects) to every joined client as one WebSocket frame. */
  push(commands: readonly object[], compression: Compression): void
  /** Sends raw bytes to every joined client. */
  sendRaw(bytes: Buffer): void
  /** Cuts every client off without a close handshake (a dropped connection). */
  drop(): void
  /** Resolves once a client has joined (`count` joined since the start, default 1). */
  joined(count?: number): Promise<void>
  close(): Promise<void>
}

/** Starts the server on 127.0.0.1 for room `roomId`. */
export async function startBilibiliServer(roomId: number): Promise<BilibiliServer> {
  const token = `tok-${Math.random().toString(36).slice(2)}`
  const http: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x')
    if (url.pathname !== '/xlive/web-room/v1/index/getDanmuInfo') return void res.writeHead(404).end()
    const ok = url.searchParams.get('id') === String(roomId)
    const { port } = http.address() as AddressInfo
    res.writeHead(200, { 'content-type': 'application/json' })
    res.end(JSON.stringify(ok ? { code: 0, message: '0', data: { token, host_list: [{ host: '127.0.0.1', port, wss_port: port, ws_port: port }] } } : { code: 1, message: '房间不存在' }))
  })
  const wss = new WebSocketServer({ noServer: true })
  const clients = new Set<WebSocket>()
  const auths: SeenAuth[] = []
  let joinedTotal = 0
  const waiters: (() => void)[] = []
  http.on('upgrade', (req, socket, head) => {
    if (new URL(req.url ?? '/', 'http://x').pathname !== '/sub') return void socket.destroy()
    wss.handleUpgrade(req, socket, head, (ws) => onClient(ws))
  })

  const server: BilibiliServer = {
    wsUrl: '', apiBase: '', token, auths, heartbeats: 0, clients,
    push(commands, compression) {
      const bytes = encodeBatch(commands, compression)
      for (const c of clients) c.send(bytes)
    },
    sendRaw(bytes) {
      for (const c of clients) c.send(bytes)
    },
    drop() {
      for (const c of clients) c.terminate()
    },
    joined(count = 1) {
      return new Promise((resolve) => {
        const check = () => (joinedTotal >= count ? resolve() : waiters.push(check))
        check()
      })
    },
    close: () => new Promise((resolve) => {
      for (const c of wss.clients) c.terminate()
      wss.close()
      http.close(() => resolve())
      http.closeAllConnections()
    }),
  }

  function onClient(ws: WebSocket): void {
    ws.once('message', (data: Buffer) => {
      // The first packet must be auth (operation 7) with this room and the token.
      if (data.length < 16 || data.readUInt32BE(8) !== 7 || data.readUInt32BE(0) !== data.length) return void ws.close()
      const body = JSON.parse(data.subarray(16).toString()) as Omit<SeenAuth, 'headerVersion'>
      auths.push({ ...body, headerVersion: data.readUInt16BE(6) })
      const ok = body.roomid === roomId && body.key === token
      ws.send(frame(8, 1, JSON.stringify({ code: ok ? 0 : -101 })))
      if (!ok) return
      clients.add(ws)
      joinedTotal++
      for (const w of waiters.splice(0)) w()
      ws.on('message', (packet: Buffer) => {
        if (packet.readUInt32BE(8) !== 2) return
        server.heartbeats++
        const popularity = Buffer.alloc(4)
        popularity.writeUInt32BE(1234)
        ws.send(frame(3, 1, popularity))
      })
    })
    ws.on('close', () => clients.delete(ws))
  }

  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', () => resolve()))
  const { port } = http.address() as AddressInfo
  return Object.assign(server, { wsUrl: `ws://127.0.0.1:${port}/sub`, apiBase: `http://127.0.0.1:${port}` })
}

/** A DANMU_MSG as the real server sends it (the fields after the user are left short). */
export function danmu(uid: number, uname: string, text: string): object {
  return { cmd: 'DANMU_MSG', info: [[0, 1, 25, 16777215, 1700000000000, 0, 0, '', 0, 0, 0, '', 0, '{}', '{}', {}], text, [uid, uname, 0, 0, 0, 10000, 1, ''], [], [0, 0, 9868950, '>50000'], ['', ''], 0, 0, null, { ts: 1700000000, ct: 'x' }, 0, 0] }
}

/** A SEND_GIFT (gold coins: 1,000 = ¥1). */
export function sendGift(uid: number, uname: string, giftName: string, num: number, totalCoin: number, coinType: 'gold' | 'silver' = 'gold'): object {
  return { cmd: 'SEND_GIFT', data: { action: '投喂', coin_type: coinType, giftName, num, price: totalCoin / num, total_coin: totalCoin, uid, uname, timestamp: 1700000000 } }
}

/** A SUPER_CHAT_MESSAGE (price in ¥). */
export function superChat(uid: number, uname: string, message: string, price: number): object {
  return { cmd: 'SUPER_CHAT_MESSAGE', data: { id: 1, message, price, uid, time: 60, user_info: { uname, face: '' } } }
}

/** An INTERACT_WORD (1 enter, 2 follow, 3 share). */
export function interact(uid: number, uname: string, msgType: number): object {
  return { cmd: 'INTERACT_WORD', data: { uid, uname, msg_type: msgType, roomid: 1 } }
}
