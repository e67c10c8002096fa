// The studio's side of the VMC bridge (server/vmc, `npm run serve:vmc`): sends each solved pose,
// and keeps the latest pose a VMC tracker sent, over one WebSocket.
import { EXPRESSION_SLOT, MOCAP_EXPRESSIONS, type MocapPose } from './pose.ts'
import { parsePoseMessage, type PoseMessage, type WirePose } from './vmcProtocol.ts'

/** Where the link stands. */
export type VmcLinkState = 'off' | 'connecting' | 'open' | 'closed'

/** A WebSocket to the VMC bridge; reconnects only when asked (`connect`). */
export class VmcLink {
  state: VmcLinkState = 'off'
  /** Poses sent and received since connecting. */
  sent = 0
  received = 0
  private socket: WebSocket | null = null
  private incoming: WirePose | null = null

  /** Connects to the bridge at `url` (e.g. ws://127.0.0.1:39541/), replacing any connection. */
  connect(url: string): void {
    this.close()
    const socket = new WebSocket(url)
    this.socket = socket
    this.state = 'connecting'
    socket.onopen = () => (this.state = 'open')
    socket.onclose = () => {
      if (this.socket === socket) this.state = 'closed'
    }
    socket.onmessage = (event) => {
      const message = typeof event.data === 'string' ? parsePoseMessage(event.data) : null
      if (!message) return
      this.incoming = message.pose
      this.received++
    }
  }

  /** Closes the connection. */
  close(): void {
    this.socket?.close()
    this.socket = null
    this.state = 'off'
  }

  /** Sends a pose out as VMC (when connected). */
  send(pose: MocapPose): void {
    if (this.state !== 'open' || !this.socket) return
    const weights: Record<string, number> = {}
    MOCAP_EXPRESSIONS.forEach((name, k) => (weights[name] = pose.weights[k]))
    const message: PoseMessage = { type: 'pose', pose: { yawDeg: pose.yawDeg, pitchDeg: pose.pitchDeg, rollDeg: pose.rollDeg, gazeYawDeg: pose.gazeYawDeg, gazePitchDeg: pose.gazePitchDeg, weights } }
    this.socket.send(JSON.stringify(message))
    this.sent++
  }

  /** Moves the newest received pose, if any, into `out` (head, gaze, known expressions); true when there was one. */
  take(out: MocapPose): boolean {
    const p = this.incoming
    if (!p) return false
    this.incoming = null
    out.clear()
    out.yawDeg = p.yawDeg
    out.pitchDeg = p.pitchDeg
    out.rollDeg = p.rollDeg
    out.gazeYawDeg = p.gazeYawDeg
    out.gazePitchDeg = p.gazePitchDeg
    for (const [name, w] of Object.entries(p.weights)) {
      const slot = (EXPRESSION_SLOT as Record<string, number | undefined>)[name]
      if (slot !== undefined) out.weights[slot] = w
    }
    return true
  }
}
