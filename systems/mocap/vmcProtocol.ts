// The JSON messages between the studio and the VMC bridge (server/vmc) over a WebSocket; both sides
// import this file. A pose is in the avatar's frame, with the units of `HeadPose` and `Gaze`.

/** A pose on the wire. */
export interface WirePose {
  yawDeg: number
  pitchDeg: number
  rollDeg: number
  gazeYawDeg: number
  gazePitchDeg: number
  /** VRM 1.0 expression names → weight 0..1. */
  weights: Record<string, number>
}

/** Studio → bridge: send this pose out as VMC. Bridge → studio: a pose received from a VMC sender. */
export interface PoseMessage {
  readonly type: 'pose'
  readonly pose: WirePose
}

/** Reads a message, or returns null for anything that is not a well-formed pose (never throws on bad input). */
export function parsePoseMessage(text: string): PoseMessage | null {
  let data: unknown
  try {
    data = JSON.parse(text)
  } catch {
    return null
  }
  if (!isRecord(data) || data.type !== 'pose' || !isRecord(data.pose)) return null
  const p = data.pose
  const angles = ['yawDeg', 'pitchDeg', 'rollDeg', 'gazeYawDeg', 'gazePitchDeg'] as const
  if (!angles.every((k) => typeof p[k] === 'number' && Number.isFinite(p[k]))) return null
  if (!isRecord(p.weights)) return null
  const weights: Record<string, number> = {}
  for (const [name, w] of Object.entries(p.weights)) if (typeof w === 'number' && Number.isFinite(w)) weights[name] = Math.min(1, Math.max(0, w))
  const pose: WirePose = { yawDeg: p.yawDeg as number, pitchDeg: p.pitchDeg as number, rollDeg: p.rollDeg as number, gazeYawDeg: p.gazeYawDeg as number, gazePitchDeg: p.gazePitchDeg as number, weights }
  return { type: 'pose', pose }
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}
