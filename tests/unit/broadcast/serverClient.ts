// Test helpers for server/: a WebSocket client that records what it receives and how it closed.
import { WebSocket } from 'ws'

/** A connected test client. */
export interface TestClient {
  readonly ws: WebSocket
  /** JSON messages received, in order. */
  readonly received: { type: string; [key: string]: unknown }[]
  /** Resolves with the close code once the socket closes. */
  readonly closed: Promise<number>
  /** Sends a JSON message. */
  send(message: object): void
  /** Resolves with the first received message of `type` (waiting up to `timeoutMs`). */
  next(type: string, timeoutMs?: number): Promise<{ type: string; [key: string]: unknown }>
}

/** Opens `ws://…path` and, when `token` is given, authenticates and waits for `ready`. */
export async function connect(baseUrl: string, path: string, token?: string): Promise<TestClient> {
  const ws = new WebSocket(baseUrl.replace('http', 'ws') + path)
  const received: TestClient['received'] = []
  const waiters: (() => void)[] = []
  ws.on('message', (data, isBinary) => {
    if (!isBinary) received.push(JSON.parse(data.toString()))
    for (const w of waiters.splice(0)) w()
  })
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)))
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  const client: TestClient = {
    ws, received, closed,
    send: (m) => ws.send(JSON.stringify(m)),
    next(type, timeoutMs = 3000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no "${type}" message within ${timeoutMs} ms; got ${JSON.stringify(received)}`)), timeoutMs)
        const check = () => {
          const i = received.findIndex((m) => m.type === type)
          if (i >= 0) {
            clearTimeout(timer)
            resolve(received.splice(i, 1)[0])
          } else waiters.push(check)
        }
        check()
      })
    },
  }
  if (token !== undefined) {
    client.send({ type: 'auth', token })
    await client.next('ready')
  }
  return client
}
