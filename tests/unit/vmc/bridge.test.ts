// The VMC bridge over real sockets: a UDP listener stands in for VSeeFace, a UDP sender for a
// tracker, a WebSocket client for the studio.
import { createSocket, type Socket } from 'node:dgram'
import type { AddressInfo } from 'node:net'
import { afterEach, describe, expect, it } from 'vitest'
import { WebSocket } from 'ws'
import { startVmcBridge, type VmcBridge } from '../../../server/vmc/bridge.ts'
import { decodePacket, encodeBundle, numberArg, type OscMessage } from '../../../server/vmc/osc.ts'
import { anglesFromQuat, quatFromAngles, vmcMessagesFromPose } from '../../../server/vmc/vmc.ts'
import { parsePoseMessage, type WirePose } from '../../../systems/mocap/vmcProtocol.ts'

let bridge: VmcBridge | null = null
const sockets: (Socket | WebSocket)[] = []

afterEach(async () => {
  for (const s of sockets.splice(0)) s.close()
  await bridge?.close()
  bridge = null
})

async function udpListener(): Promise<{ port: number; next(): Promise<OscMessage[]> }> {
  const socket = createSocket('udp4')
  sockets.push(socket)
  await new Promise<void>((r) => socket.bind(0, '127.0.0.1', () => r()))
  return {
    port: (socket.address() as AddressInfo).port,
    next: () => new Promise((resolve) => socket.once('message', (m) => resolve(decodePacket(m)))),
  }
}

async function studio(port: number, origin?: string): Promise<WebSocket> {
  const ws = new WebSocket(`ws://127.0.0.1:${port}/`, origin ? { origin } : {})
  sockets.push(ws)
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve())
    ws.once('error', reject)
  })
  return ws
}

const POSE: WirePose = { yawDeg: 20, pitchDeg: -10, rollDeg: 5, gazeYawDeg: 8, gazePitchDeg: 3, weights: { aa: 0.5, blinkLeft: 1, happy: 0.25 } }

describe('VMC rotations', () => {
  it('turns a head to the avatar\u2019s left as a negative Unity y rotation, and reads angles back', () => {
    const [, y, , w] = quatFromAngles(30, 0, 0)
    expect(2 * Math.atan2(y, w) * (180 / Math.PI)).toBeCloseTo(-30, 5)
    const back = anglesFromQuat(quatFromAngles(20, -10, 5))
    expect(back.yawDeg).toBeCloseTo(20, 4)
    expect(back.pitchDeg).toBeCloseTo(-10, 4)
    expect(back.rollDeg).toBeCloseTo(5, 4)
  })
})

describe('VMC bridge', () => {
  it('sends the studio\u2019s pose as a VMC bundle to a UDP listener', async () => {
    const receiverApp = await udpListener()
    bridge = await startVmcBridge({ listenPort: 0, wsPort: 0, sendPort: receiverApp.port })
    const ws = await studio(bridge.wsPort, 'http://127.0.0.1:5173')
    const arriving = receiverApp.next()
    ws.send(JSON.stringify({ type: 'pose', pose: POSE }))
    const messages = await arriving
    expect(messages[0]).toEqual({ address: '/VMC/Ext/OK', args: [{ int: 1 }] })
    const head = messages.find((m) => m.address === '/VMC/Ext/Bone/Pos' && m.args[0] === 'Head')!
    const angles = anglesFromQuat(head.args.slice(4, 8).map(numberArg) as [number, number, number, number])
    expect(angles.yawDeg).toBeCloseTo(20, 3)
    const blends = Object.fromEntries(messages.filter((m) => m.address === '/VMC/Ext/Blend/Val').map((m) => [m.args[0], m.args[1]]))
    expect(blends).toEqual({ A: 0.5, Blink_L: 1, Joy: 0.25 })
    expect(messages.at(-1)!.address).toBe('/VMC/Ext/Blend/Apply')
    expect(bridge.stats.sent).toBe(1)
  })

  it('turns VMC from a tracker into poses for the studio', async () => {
    bridge = await startVmcBridge({ listenPort: 0, wsPort: 0, sendPort: 9 })
    const ws = await studio(bridge.wsPort)
    const arriving = new Promise<string>((resolve) => ws.once('message', (d) => resolve(d.toString())))
    const sender = createSocket('udp4')
    sockets.push(sender)
    // A VRM 0.x-style sender: VRM 0 clip names, Apply at the end.
    sender.send(encodeBundle(vmcMessagesFromPose(POSE, 1)), bridge.listenPort, '127.0.0.1')
    const message = parsePoseMessage(await arriving)!
    expect(message.pose.yawDeg).toBeCloseTo(20, 3)
    expect(message.pose.gazeYawDeg).toBeCloseTo(8, 3)
    expect(message.pose.weights).toEqual({ aa: 0.5, blinkLeft: 1, happy: 0.25 })
  })

  it('ignores malformed packets and messages, counting them', async () => {
    bridge = await startVmcBridge({ listenPort: 0, wsPort: 0, sendPort: 9 })
    const ws = await studio(bridge.wsPort)
    ws.send('{"type":"pose","pose":{"yawDeg":"left"}}')
    const sender = createSocket('udp4')
    sockets.push(sender)
    sender.send(Buffer.from('not osc'), bridge.listenPort, '127.0.0.1')
    await expect.poll(() => bridge!.stats.malformed).toBe(2)
  })

  it('refuses a WebSocket from a page of another origin', async () => {
    bridge = await startVmcBridge({ listenPort: 0, wsPort: 0, sendPort: 9 })
    await expect(studio(bridge.wsPort, 'https://evil.example')).rejects.toThrow(/401/)
  })
})
