// A synthetic face mesh for the mocap unit tests: the mesh points the solver reads, placed on a
// simple 3-D face, turned by known angles and projected into a 640 × 480 image. The points it does
// not place stay at the face centre, as no solver measurement reads them.
import type { FaceLandmarks } from '../../../systems/mocap/index.ts'

type P = readonly [number, number, number]

/** Options of a synthetic face; every field documents its default. */
export interface SyntheticFaceOptions {
  /** Head rotation in the performer's frame, degrees (+yaw to their left, +pitch up, +roll to their right shoulder). Default 0. */
  yawDeg?: number
  pitchDeg?: number
  rollDeg?: number
  /** Lid gap of each eye, px at scale 1 (default 9: eye aspect ratio 0.3 on a 30 px eye). */
  rightLidPx?: number
  leftLidPx?: number
  /** Gap between the inner lips, px (default 2). */
  lipGapPx?: number
  /** Mouth corners' half width, px (default 26), and their lift above the lips, px (default 0). */
  mouthHalfWidthPx?: number
  cornerLiftPx?: number
  /** Brow height above the eye line, px (default 27). */
  browPx?: number
  /** Iris offset from the eye centre, px along the face's right axis (default 0). */
  irisPx?: number
  /** Size multiplier (default 1) and centre offset in px (default 0, 0). */
  scale?: number
  dx?: number
  dy?: number
  /** Number of points: 478 (with irises, default) or 468. */
  count?: 468 | 478
}

/** Face-frame positions (x to the performer's left, y up, z towards the camera, px) of the points the solver reads. */
function facePoints(o: Required<SyntheticFaceOptions>): Map<number, P> {
  const m = new Map<number, P>()
  const lid = (x: number, gap: number, pairs: number[]) => {
    m.set(pairs[0], [x, gap / 2, 3]); m.set(pairs[1], [x, -gap / 2, 3])
    m.set(pairs[2], [x + 5, gap / 2, 3]); m.set(pairs[3], [x + 5, -gap / 2, 3])
    m.set(pairs[4], [x - 5, gap / 2, 3]); m.set(pairs[5], [x - 5, -gap / 2, 3])
  }
  // Right eye (the performer's right: image left) from −45 to −15, left eye from 15 to 45.
  m.set(33, [-45, 0, 0]); m.set(133, [-15, 0, 0]); m.set(362, [15, 0, 0]); m.set(263, [45, 0, 0])
  lid(-30, o.rightLidPx, [159, 145, 158, 153, 160, 144])
  lid(30, o.leftLidPx, [386, 374, 385, 380, 387, 373])
  // The forehead–nose line is vertical in this face, so at rest it measures pitch 0.
  m.set(10, [0, 60, 20]); m.set(168, [0, 5, 20]); m.set(1, [0, -30, 20]); m.set(2, [0, -38, 20])
  m.set(152, [0, -100, 0])
  // The yaw cues' points (features.ts YAW_CUES), at depths that give each cue its gain:
  // nose ridge over cheekbones (20 + 25) / 60 = 0.75, glabella over temples (20 + 16) / 75 = 0.48.
  m.set(195, [0, -12, 20]); m.set(111, [-60, -5, -25]); m.set(340, [60, -5, -25])
  m.set(9, [0, 15, 20]); m.set(162, [-75, 6, -16]); m.set(389, [75, 6, -16])
  ;[70, 63, 105, 66, 107].forEach((k, i) => m.set(k, [-50 + 8 * i, o.browPx, 5]))
  ;[300, 293, 334, 296, 336].forEach((k, i) => m.set(k, [50 - 8 * i, o.browPx, 5]))
  m.set(61, [-o.mouthHalfWidthPx, -60 + o.cornerLiftPx, 5]); m.set(291, [o.mouthHalfWidthPx, -60 + o.cornerLiftPx, 5])
  m.set(13, [0, -60 + o.lipGapPx / 2, 8]); m.set(14, [0, -60 - o.lipGapPx / 2, 8])
  // Irises in human's order (the performer's left first); the solver must not depend on it.
  m.set(468, [30 + o.irisPx, 0, 4]); m.set(473, [-30 + o.irisPx, 0, 4])
  return m
}

/** Builds the landmarks of a synthetic face (orthographic camera, face centre at the image centre). */
export function syntheticFace(options: SyntheticFaceOptions = {}): FaceLandmarks {
  const o: Required<SyntheticFaceOptions> = {
    yawDeg: 0, pitchDeg: 0, rollDeg: 0, rightLidPx: 9, leftLidPx: 9, lipGapPx: 2, mouthHalfWidthPx: 26,
    cornerLiftPx: 0, browPx: 27, irisPx: 0, scale: 1, dx: 0, dy: 0, count: 478, ...options,
  }
  const rad = Math.PI / 180
  const [a, b, c] = [o.yawDeg * rad, -o.pitchDeg * rad, o.rollDeg * rad]
  // R = Ry(yaw) · Rx(−pitch) · Rz(roll), the decomposition the solver reads back.
  const rot = (p: P): P => {
    const [x0, y0, z0] = p
    const x1 = x0 * Math.cos(c) - y0 * Math.sin(c), y1 = x0 * Math.sin(c) + y0 * Math.cos(c), z1 = z0
    const x2 = x1, y2 = y1 * Math.cos(b) - z1 * Math.sin(b), z2 = y1 * Math.sin(b) + z1 * Math.cos(b)
    return [x2 * Math.cos(a) + z2 * Math.sin(a), y2, -x2 * Math.sin(a) + z2 * Math.cos(a)]
  }
  const points = new Float32Array(o.count * 3)
  for (let k = 0; k < o.count; k++) points.set([320 + o.dx, 240 - o.dy, 0], 3 * k)
  for (const [k, p] of facePoints(o)) {
    if (k >= o.count) continue
    const [x, y, z] = rot(p)
    // Image: x right, y down; depth negative towards the camera.
    points.set([320 + o.dx + o.scale * x, 240 - o.dy - o.scale * y, -o.scale * z], 3 * k)
  }
  return { points, count: o.count, width: 640, height: 480 }
}
