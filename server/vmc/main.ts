// `npm run serve:vmc`: starts the VMC bridge with ports from the command line or the environment.
//   --listen 39540   UDP port VMC senders (trackers) send to        (VMC_LISTEN_PORT)
//   --send 39539     UDP port the studio's pose goes to              (VMC_SEND_PORT)
//   --send-host 127.0.0.1                                            (VMC_SEND_HOST)
//   --ws 39541       WebSocket port the studio connects to          (VMC_WS_PORT)
//   --host 127.0.0.1 address to bind; other addresses expose the bridge to the network (VMC_HOST)
import { parseArgs } from 'node:util'
import { startVmcBridge } from './bridge.ts'

const { values } = parseArgs({
  options: { listen: { type: 'string' }, send: { type: 'string' }, 'send-host': { type: 'string' }, ws: { type: 'string' }, host: { type: 'string' } },
})
const env = process.env

function port(text: string | undefined, fallback: number, name: string): number {
  if (text === undefined) return fallback
  const n = Number(text)
  if (!Number.isInteger(n) || n < 0 || n > 65535) throw new Error(`${name} must be a port number 0–65535; got "${text}".`)
  return n
}

const bridge = await startVmcBridge({
  host: values.host ?? env.VMC_HOST ?? '127.0.0.1',
  listenPort: port(values.listen ?? env.VMC_LISTEN_PORT, 39540, '--listen'),
  sendPort: port(values.send ?? env.VMC_SEND_PORT, 39539, '--send'),
  sendHost: values['send-host'] ?? env.VMC_SEND_HOST ?? '127.0.0.1',
  wsPort: port(values.ws ?? env.VMC_WS_PORT, 39541, '--ws'),
})
console.log(`VMC bridge: receiving VMC on udp ${bridge.listenPort}, studio WebSocket ws://127.0.0.1:${bridge.wsPort}/ (Ctrl+C stops it)`)
process.on('SIGINT', () => void bridge.close().then(() => process.exit(0)))
