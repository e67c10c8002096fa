// The VMC bridge: VMC (OSC over UDP) in and out on one side, the studio over a WebSocket on the
// other. Loopback only by default; a browser page from another origin cannot connect.
import { createSocket, type Socket } from 'node:dgram'
import type { AddressInfo } from 'node:net'
import { WebSocketServer, type WebSocket } from 'ws'
import { parsePoseMessage, type PoseMessage, type WirePose } from '../../systems/mocap/node.ts'
import { OscError, decodePacket, encodeBundle } from './osc.ts'
import { VmcReceiver, vmcMessagesFromPose } from './vmc.ts'

/** Bridge settings; every field documents its default. */
export interface VmcBridgeOptions {
  /** Address the UDP listener and the WebSocket bind to (default 127.0.0.1). */
  host?: string
  /** UDP port VMC senders send to (default 39540; 0 picks a free one). */
  listenPort?: number
  /** Where the studio's pose is sent as VMC (default 127.0.0.1:39539, VSeeFace's and EVMC4U's default). */
  sendHost?: string
  sendPort?: number
  /** WebSocket port the studio connects to (default 39541; 0 picks a free one). */
  wsPort?: number
}

/** A running bridge. */
export interface VmcBridge {
  /** The ports actually bound. */
  readonly listenPort: number
  readonly wsPort: number
  /** Counters: VMC bundles sent, VMC poses received, packets refused as malformed. */
  readonly stats: { sent: number; received: number; malformed: number }
  close(): Promise<void>
}

/** Origins a studio page may connect from: the loopback addresses (any port), or none (a non-browser client). */
function allowedOrigin(origin: string | undefined): boolean {
  if (!origin) return true
  try {
    const host = new URL(origin).hostname
    return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
  } catch {
    return false
  }
}

/** Starts the bridge. */
export async function startVmcBridge(options: VmcBridgeOptions = {}): Promise<VmcBridge> {
  const host = options.host ?? '127.0.0.1'
  const sendHost = options.sendHost ?? '127.0.0.1'
  const sendPort = options.sendPort ?? 39539
  const stats = { sent: 0, received: 0, malformed: 0 }
  const udp: Socket = createSocket('udp4')
  await new Promise<void>((resolve, reject) => {
    udp.once('error', reject)
    udp.bind(options.listenPort ?? 39540, host, () => resolve())
  })
  const wss = new WebSocketServer({ host, port: options.wsPort ?? 39541, verifyClient: (info: { origin?: string }) => allowedOrigin(info.origin) })
  await new Promise<void>((resolve, reject) => {
    wss.once('listening', resolve)
    wss.once('error', reject)
  })
  const clients = new Set<WebSocket>()
  const receiver = new VmcReceiver()
  const started = performance.now()

  const forward = (pose: WirePose | null) => {
    if (!pose) return
    stats.received++
    const text = JSON.stringify({ type: 'pose', pose } satisfies PoseMessage)
    for (const c of clients) c.send(text)
  }
  udp.on('message', (packet) => {
    try {
      for (const message of decodePacket(packet)) forward(receiver.receive(message))
      forward(receiver.take())
    } catch (err) {
      if (!(err instanceof OscError)) throw err
      stats.malformed++
    }
  })
  wss.on('connection', (socket) => {
    clients.add(socket)
    socket.on('close', () => clients.delete(socket))
    socket.on('message', (data) => {
      const message = parsePoseMessage(data.toString())
      if (!message) {
        stats.malformed++
        return
      }
      const bundle = encodeBundle(vmcMessagesFromPose(message.pose, (performance.now() - started) / 1000))
      udp.send(bundle, sendPort, sendHost)
      stats.sent++
    })
  })

  return {
    listenPort: (udp.address() as AddressInfo).port,
    wsPort: (wss.address() as AddressInfo).port,
    stats,
    async close() {
      for (const c of clients) c.terminate()
      await new Promise<void>((resolve) => wss.close(() => resolve()))
      await new Promise<void>((resolve) => udp.close(() => resolve()))
    },
  }
}
