// server/ hardening: loopback by default, token on /control and /relay, bad JSON, oversize messages,
// XSS payloads, floods, idle and half-open sockets, and a stream key that never leaks.
import { connect as netConnect } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startBroadcastServer, type BroadcastServer } from '../../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../../server/broadcast/controlAuth.ts'
import { CloseCode } from '../../../server/broadcast/socketGuard.ts'
import { makeTestWebm } from './media.ts'
import { connect, type TestClient } from './serverClient.ts'

const TOKEN = generateToken()
let server: BroadcastServer
let logs: string[]
const clients: TestClient[] = []

async function start(extra: Parameters<typeof startBroadcastServer>[0] | object = {}) {
  logs = []
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: (l) => logs.push(l), authTimeoutMs: 300, ...extra })
  return server
}
async function client(path: string, token?: string) {
  const c = await connect(server.url, path, token)
  clients.push(c)
  return c
}

afterEach(async () => {
  for (const c of clients.splice(0)) c.ws.terminate()
  await server?.close()
})

describe('broadcast server', () => {
  it('binds 127.0.0.1 unless told otherwise', async () => {
    await start()
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
  })

  it('refuses a control client with a wrong token, and one that never authenticates', async () => {
    await start()
    const wrong = await client('/control')
    wrong.send({ type: 'auth', token: 'x'.repeat(32) })
    expect(await wrong.closed).toBe(CloseCode.unauthorized)
    const silent = await client('/control')
    expect(await silent.closed).toBe(CloseCode.authTimeout)
    expect(logs.join('\n')).not.toContain(TOKEN)
  })

  it('passes commands between authenticated control clients, and viewer chat to them', async () => {
    await start()
    const studio = await client('/control', TOKEN)
    const stream = await client('/control', TOKEN)
    studio.send({ type: 'command', command: { kind: 'overlay', show: true } })
    expect((await stream.next('command')).command).toEqual({ kind: 'overlay', show: true })
    const viewer = await client('/chat')
    viewer.send({ type: 'chat', viewer: 'amy', text: 'hi\u200b there' })
    expect(await studio.next('chat')).toMatchObject({ viewer: 'amy', text: 'hi there', source: 'viewer-page' })
  })

  it('answers malformed JSON with an error and keeps serving the socket', async () => {
    await start()
    const viewer = await client('/chat')
    viewer.ws.send('{"type": "chat", "viewer": ')
    viewer.ws.send('[1,2,3]')
    viewer.ws.send(Buffer.from([0xff, 0xfe]))
    viewer.send({ type: 'chat', viewer: 'amy', text: 42 })
    for (let i = 0; i < 4; i++) expect((await viewer.next('error')).reason).toMatch(/expected/)
    viewer.send({ type: 'chat', viewer: 'amy', text: 'still here' })
    expect(await viewer.next('chat')).toMatchObject({ text: 'still here' })
  })

  it('closes a socket that sends a 1 MB message (1009) and keeps serving others', async () => {
    await start()
    const big = await client('/chat')
    big.send({ type: 'chat', viewer: 'amy', text: 'x'.repeat(1 << 20) })
    expect(await big.closed).toBe(CloseCode.tooBig)
    const control = await client('/control')
    control.ws.send('x'.repeat(1 << 20))
    expect(await control.closed).toBe(CloseCode.tooBig)
    const other = await client('/chat')
    other.send({ type: 'chat', viewer: 'bob', text: 'fine' })
    expect(await other.next('chat')).toMatchObject({ text: 'fine' })
  })

  it('passes an XSS payload through as text only, and serves the chat page with a strict CSP', async () => {
    await start()
    const studio = await client('/control', TOKEN)
    const viewer = await client('/chat')
    const payload = '<img src=x onerror="alert(1)"><script>alert(2)</script>'
    viewer.send({ type: 'chat', viewer: '<b>eve</b>', text: payload })
    expect(await studio.next('chat')).toMatchObject({ viewer: '<b>eve</b>', text: payload })
    const page = await fetch(`${server.url}/`)
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'")
    const script = await (await fetch(`${server.url}/chat.js`)).text()
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write/)
    expect(script).toContain('textContent')
  })

  it('disconnects a client sending 1,000 messages a second and counts nothing it flooded as chat', async () => {
    await start()
    const studio = await client('/control', TOKEN)
    const flood = await client('/chat')
    const started = Date.now()
    let sent = 0
    let elapsedS = 0
    while (flood.ws.readyState === WebSocket.OPEN && Date.now() - started < 2000) {
      for (let i = 0; i < 100; i++) if (flood.ws.readyState === WebSocket.OPEN) flood.send({ type: 'chat', viewer: `bot${sent++}`, text: 'spam' })
      await new Promise((r) => setTimeout(r, 100))
    }
    elapsedS = (Date.now() - started) / 1000
    expect(await flood.closed).toBe(CloseCode.policy)
    expect(logs.some((l) => /chat client closed: over 30 messages\/s/.test(l))).toBe(true)
    // The burst allowance (60) and the refill (30/s) got through; the rest never reached the host.
    expect(studio.received.filter((m) => m.type === 'chat').length).toBeLessThanOrEqual(60 + Math.ceil(30 * elapsedS) + 1)
    expect(sent).toBeGreaterThan(100)
    const other = await client('/chat')
    other.send({ type: 'chat', viewer: 'calm', text: 'hello' })
    expect(await other.next('chat')).toMatchObject({ viewer: 'calm' })
  })

  it('ends a half-open socket that stops answering pings', async () => {
    await start({ guard: { ratePerS: 30, burst: 60, maxDropped: 40, heartbeatMs: 150 } })
    const url = new URL(server.url)
    // A raw TCP client that completes the WebSocket handshake and then never reads or answers again.
    const socket = netConnect(Number(url.port), url.hostname)
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()))
    socket.write(`GET /chat HTTP/1.1\r\nHost: ${url.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`)
    const closed = new Promise<number>((resolve) => {
      const t0 = Date.now()
      socket.on('close', () => resolve(Date.now() - t0))
    })
    socket.resume()
    expect(await closed).toBeLessThan(2000)
    await new Promise((r) => setTimeout(r, 50))
    expect(server.chat.size).toBe(0)
    expect(logs.some((l) => l.includes('no answer to ping'))).toBe(true)
  })

  it('never logs the stream key nor sends it back or to viewers', async () => {
    const key = 'live_123456_SECRETkey'
    // Nothing listens on port 1: ffmpeg fails to connect and the relay reports and retries.
    await start({ relay: { firstBackoffMs: 100 } })
    const viewer = await client('/chat')
    const relay = await client('/relay', TOKEN)
    relay.send({ type: 'start', url: 'rtmp://127.0.0.1:1/live', key })
    // ffmpeg connects to the ingest once it has read the stream's header.
    relay.ws.send(await makeTestWebm(1))
    const seen = []
    do seen.push(await relay.next('stats', 10_000))
    while (!(seen.at(-1)!.state === 'reconnecting' && typeof seen.at(-1)!.error === 'string'))
    // ffmpeg's own error names the whole target; the relay shows it without the key.
    expect(seen.at(-1)!.error).toContain('<ingest>')
    relay.send({ type: 'stop' })
    await relay.next('stats')
    const everything = JSON.stringify([logs, seen, relay.received, viewer.received])
    expect(everything).not.toContain(key)
    expect(everything).not.toContain('SECRET')
    expect(viewer.received).toEqual([])
    expect(logs).toContain('relay started to 127.0.0.1:1 (key hidden)')
  }, 30_000)

  it('refuses a relay start without the token', async () => {
    await start()
    const relay = await client('/relay')
    relay.send({ type: 'start', url: 'rtmp://127.0.0.1:1/live', key: 'k' })
    expect(await relay.closed).toBe(CloseCode.unauthorized)
  })
})
