// The studio's end of the live relay: sends the recorder's WebM slices to the server's /relay socket
// and reports the relay's stats. The stream key goes to the server once and is not kept.
import { SocketPath, type AuthMessage, type RelayStart, type RelayStats, type RelayStop } from './protocol.ts'

/**
 * The relay's state as the server reports it (`protocol.ts` `RelayStats` without its `type`), or one
 * the client made itself: `state` may then also be `error`.
 */
export interface RelayStatus extends Omit<RelayStats, 'type' | 'state'> {
  readonly state: RelayStats['state'] | 'error'
}

/** One live session: `open` authenticates and starts the relay; `send` each slice; `close` ends it. */
export class RelayClient {
  private socket: WebSocket | null = null
  /** Called with each stats report, or with a status the client made itself (`error` set). */
  onStatus: (status: RelayStatus) => void = () => {}

  /** Connects to `server` (`ws://host:port`), authenticates and starts the relay to `url` + `key`. */
  open(server: string, token: string, ingest: { url: string; key: string; audio: boolean }): Promise<void> {
    const socket = new WebSocket(new URL(SocketPath.relay, server))
    socket.binaryType = 'arraybuffer'
    this.socket = socket
    return new Promise((resolve, reject) => {
      socket.onopen = () => socket.send(JSON.stringify({ type: 'auth', token } satisfies AuthMessage))
      socket.onerror = () => reject(new Error(`Could not reach the relay at ${server}; start it with \`npm run serve\`.`))
      socket.onclose = (event: CloseEvent) => {
        const why = event.code === 4401 ? 'The server refused the control token.' : `The relay connection closed (${event.code}).`
        reject(new Error(why))
        this.onStatus({ state: 'stopped', bitrateKbps: 0, droppedFrames: 0, frames: 0, reconnects: 0, receivedBytes: 0, error: event.code === 1000 ? null : why })
      }
      socket.onmessage = (event: MessageEvent) => {
        let message: { type?: string; reason?: string } & Partial<RelayStatus>
        try {
          message = JSON.parse(String(event.data))
        } catch {
          return
        }
        if (message.type === 'ready') {
          socket.send(JSON.stringify({ type: 'start', url: ingest.url, key: ingest.key, audio: ingest.audio } satisfies RelayStart))
          resolve()
        } else if (message.type === 'stats') this.onStatus(message as RelayStatus)
        else if (message.type === 'error') this.onStatus({ state: 'error', bitrateKbps: 0, droppedFrames: 0, frames: 0, reconnects: 0, receivedBytes: 0, error: message.reason ?? 'relay error' })
      }
    })
  }

  /** Sends one WebM slice. */
  send(chunk: Blob): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(chunk)
  }

  /** Ends the stream and closes the socket. */
  close(): void {
    const socket = this.socket
    this.socket = null
    if (socket?.readyState === WebSocket.OPEN) {
      socket.send(JSON.stringify({ type: 'stop' } satisfies RelayStop))
      socket.close(1000)
    }
  }
}
