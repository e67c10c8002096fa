// The Virtual Motion Capture protocol (https://protocol.vmc.info/english) over OSC: our pose →
// the messages a VMC receiver (VSeeFace, Warudo, Unity with EVMC4U) reads, and the messages a VMC
// sender (a tracker) emits → our pose. Rotations are Unity's: left-handed, x right, y up, z forward
// of an avatar facing +z, as quaternions (x, y, z, w).
import type { WirePose } from '../../systems/mocap/node.ts'
import { int, numberArg, type OscMessage } from './osc.ts'

/** Our VRM 1.0 expression names → the VRM 0.x blend shape clip names VMC receivers use. */
export const VMC_BLEND_NAMES: Readonly<Record<string, string>> = {
  aa: 'A', ih: 'I', ou: 'U', ee: 'E', oh: 'O',
  blink: 'Blink', blinkLeft: 'Blink_L', blinkRight: 'Blink_R',
  happy: 'Joy', angry: 'Angry', sad: 'Sorrow', relaxed: 'Fun', surprised: 'Surprised', neutral: 'Neutral',
}

/** Incoming clip names (VRM 0.x, or VRM 1.0 in any case) → ours. */
const FROM_VMC = new Map<string, string>()
for (const [ours, theirs] of Object.entries(VMC_BLEND_NAMES)) {
  FROM_VMC.set(theirs.toLowerCase(), ours)
  FROM_VMC.set(ours.toLowerCase(), ours)
}

type Quat = [number, number, number, number]
const RAD = Math.PI / 180

/** q = qY(−yaw) · qX(−pitch) · qZ(−roll) in Unity space: our +yaw (to the avatar's left) is Unity's −y turn, +pitch (up) is −x, +roll (to its right shoulder) is −z. */
export function quatFromAngles(yawDeg: number, pitchDeg: number, rollDeg: number): Quat {
  const y = (-yawDeg * RAD) / 2, x = (-pitchDeg * RAD) / 2, z = (-rollDeg * RAD) / 2
  const qy: Quat = [0, Math.sin(y), 0, Math.cos(y)]
  const qx: Quat = [Math.sin(x), 0, 0, Math.cos(x)]
  const qz: Quat = [0, 0, Math.sin(z), Math.cos(z)]
  return multiply(multiply(qy, qx), qz)
}

/** The inverse of `quatFromAngles` (angles in degrees; roll read in the face's own plane). */
export function anglesFromQuat(q: Quat): { yawDeg: number; pitchDeg: number; rollDeg: number } {
  const f = rotate(q, [0, 0, 1]), r = rotate(q, [1, 0, 0]), u = rotate(q, [0, 1, 0])
  return {
    yawDeg: -Math.atan2(f[0], f[2]) / RAD,
    pitchDeg: Math.atan2(f[1], Math.hypot(f[0], f[2])) / RAD,
    rollDeg: -Math.atan2(r[1], u[1]) / RAD,
  }
}

/** One frame of VMC: availability, time, head and eye bones, blend shapes, then Apply. */
export function vmcMessagesFromPose(pose: WirePose, timeS: number): OscMessage[] {
  const bone = (name: string, q: Quat): OscMessage => ({ address: '/VMC/Ext/Bone/Pos', args: [name, 0, 0, 0, ...q] })
  const messages: OscMessage[] = [
    { address: '/VMC/Ext/OK', args: [int(1)] },
    { address: '/VMC/Ext/T', args: [timeS] },
    bone('Head', quatFromAngles(pose.yawDeg, pose.pitchDeg, pose.rollDeg)),
    bone('LeftEye', quatFromAngles(pose.gazeYawDeg, pose.gazePitchDeg, 0)),
    bone('RightEye', quatFromAngles(pose.gazeYawDeg, pose.gazePitchDeg, 0)),
  ]
  for (const [name, w] of Object.entries(pose.weights)) {
    const clip = VMC_BLEND_NAMES[name]
    if (clip) messages.push({ address: '/VMC/Ext/Blend/Val', args: [clip, w] })
  }
  messages.push({ address: '/VMC/Ext/Blend/Apply', args: [] })
  return messages
}

/**
 * Collects incoming VMC messages into poses: bones and blend values update the pose being built,
 * which is complete at `/VMC/Ext/Blend/Apply`, or at the end of a packet for senders that never apply.
 */
export class VmcReceiver {
  private pose: WirePose = emptyPose()
  private dirty = false

  /** Applies one message; returns the completed pose on Apply, else null. Unknown addresses and bones are ignored. */
  receive(m: OscMessage): WirePose | null {
    if (m.address === '/VMC/Ext/Bone/Pos' && m.args.length >= 8) {
      const q = m.args.slice(4, 8).map(numberArg) as Quat
      if (q.some(Number.isNaN)) return null
      const a = anglesFromQuat(q)
      if (m.args[0] === 'Head') Object.assign(this.pose, { yawDeg: a.yawDeg, pitchDeg: a.pitchDeg, rollDeg: a.rollDeg })
      else if (m.args[0] === 'LeftEye' || m.args[0] === 'RightEye') Object.assign(this.pose, { gazeYawDeg: a.yawDeg, gazePitchDeg: a.pitchDeg })
      else return null
      this.dirty = true
    } else if (m.address === '/VMC/Ext/Blend/Val' && typeof m.args[0] === 'string') {
      const ours = FROM_VMC.get(m.args[0].toLowerCase())
      const w = numberArg(m.args[1])
      if (!ours || Number.isNaN(w)) return null
      this.pose.weights[ours] = Math.min(1, Math.max(0, w))
      this.dirty = true
    } else if (m.address === '/VMC/Ext/Blend/Apply') {
      return this.take()
    }
    return null
  }

  /** The pose built so far if anything changed since the last one taken, else null (call at the end of a packet). */
  take(): WirePose | null {
    if (!this.dirty) return null
    this.dirty = false
    const done = this.pose
    this.pose = { ...done, weights: { ...done.weights } }
    return done
  }
}

function emptyPose(): WirePose {
  return { yawDeg: 0, pitchDeg: 0, rollDeg: 0, gazeYawDeg: 0, gazePitchDeg: 0, weights: {} }
}

function multiply(a: Quat, b: Quat): Quat {
  const [ax, ay, az, aw] = a, [bx, by, bz, bw] = b
  return [
    aw * bx + ax * bw + ay * bz - az * by,
    aw * by - ax * bz + ay * bw + az * bx,
    aw * bz + ax * by - ay * bx + az * bw,
    aw * bw - ax * bx - ay * by - az * bz,
  ]
}

function rotate(q: Quat, v: [number, number, number]): [number, number, number] {
  const [x, y, z, w] = q
  // v' = v + 2w(q×v) + 2q×(q×v)
  const cx = y * v[2] - z * v[1], cy = z * v[0] - x * v[2], cz = x * v[1] - y * v[0]
  const dx = y * cz - z * cy, dy = z * cx - x * cz, dz = x * cy - y * cx
  return [v[0] + 2 * (w * cx + dx), v[1] + 2 * (w * cy + dy), v[2] + 2 * (w * cz + dz)]
}
