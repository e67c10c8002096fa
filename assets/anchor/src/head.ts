// The head: a deformed ellipsoid (round skull, tapered jaw, a small pointed chin and a nose hint),
// split into the textured face region (`FaceSkin`) and the rest of the head (`Skin`).
import { Geometry, grid, rigid } from './geometry.ts'
import { Body, Face } from './proportions.ts'
import { add, clamp, cross, dot, normalize, rad, scale, sub, type Vec2, type Vec3 } from './math.ts'

const C = Body.headCentre
const RX = 0.093
const RY_UP = 0.125
const RY_DOWN = 0.1
const RZ_FRONT = 0.105
const RZ_BACK = 0.112
/** How far forward the bottom of the head is pulled, making the chin. */
const CHIN_FORWARD = 0.06

/**
 * The face region's planar UV mapping, seen from the front: u runs from x = -HALF_WIDTH (u = 0,
 * the model's right) to +HALF_WIDTH, v from TOP_Y (v = 0, image top) down to BOTTOM_Y. A square,
 * so a square generated face image lands undistorted.
 */
export const FaceUv = {
  halfWidth: 0.09,
  topY: C[1] + 0.072,
  bottomY: C[1] - 0.108,
} as const

/** Texture coordinate of a model-space point in the face region. */
export function faceUv(p: Vec3): Vec2 {
  return [(p[0] + FaceUv.halfWidth) / (2 * FaceUv.halfWidth), (FaceUv.topY - p[1]) / (FaceUv.topY - FaceUv.bottomY)]
}

/** Model-space (x, y) of a face texture coordinate: the inverse of `faceUv` on the x/y plane. */
export function faceUvToXY(u: number, v: number): [number, number] {
  return [-FaceUv.halfWidth + u * 2 * FaceUv.halfWidth, FaceUv.topY - v * (FaceUv.topY - FaceUv.bottomY)]
}

/** A small nose: a bump a few millimetres high, sharper below than above. */
function noseBump(x: number, y: number): number {
  const dy = y - Face.noseY
  const sy = dy > 0 ? 0.014 : 0.005
  return 0.0045 * Math.exp(-((x / 0.0065) ** 2) - (dy / sy) ** 2)
}

/** The jaw narrows towards the chin: horizontal scale at depth `s` (0 at the eyes, 1 at the chin). */
const jawScale = (s: number): number => 1 - 0.38 * Math.pow(s, 2.3)

/** A point on the head at azimuth `theta` (0 = front, +X positive) and elevation `phi`, radians. */
export function headPoint(theta: number, phi: number): Vec3 {
  const s = phi < 0 ? -Math.sin(phi) : 0
  const ry = phi >= 0 ? RY_UP : RY_DOWN
  const rz = Math.cos(theta) >= 0 ? RZ_FRONT : RZ_BACK
  const x = RX * Math.cos(phi) * Math.sin(theta) * jawScale(s)
  const y = C[1] + ry * Math.sin(phi)
  const front = Math.max(0, Math.cos(theta))
  const z = C[2] + rz * Math.cos(phi) * Math.cos(theta) + CHIN_FORWARD * s * s + noseBump(x, y) * front
  return [x, y, z]
}

/** Outward unit normal of the head at (theta, phi), by finite differences. */
export function headNormal(theta: number, phi: number): Vec3 {
  const e = 1e-4
  const ph = clamp(phi, -rad(89.5), rad(89.5))
  const dT = sub(headPoint(theta + e, ph), headPoint(theta - e, ph))
  const dP = sub(headPoint(theta, ph + e), headPoint(theta, ph - e))
  const n = normalize(cross(dT, dP))
  const p = headPoint(theta, ph)
  return dot(n, sub(p, C)) >= 0 ? n : scale(n, -1)
}

/** A point on the front of the face seen at model-space (x, y), and its normal. */
export interface FaceSample {
  readonly p: Vec3
  readonly n: Vec3
}

/** Projects (x, y) onto the front of the head along -Z: where a face feature drawn there lies. */
export function faceSample(x: number, y: number): FaceSample {
  const ry = y >= C[1] ? RY_UP : RY_DOWN
  const phi = Math.asin(clamp((y - C[1]) / ry, -0.9999, 0.9999))
  const s = phi < 0 ? -Math.sin(phi) : 0
  const theta = Math.asin(clamp(x / (RX * Math.cos(phi) * jawScale(s)), -0.9999, 0.9999))
  return { p: headPoint(theta, phi), n: headNormal(theta, phi) }
}

/** `offset` metres out from the face along its normal at (x, y). */
export function onFace(x: number, y: number, offset: number): FaceSample {
  const f = faceSample(x, y)
  return { p: add(f.p, scale(f.n, offset)), n: f.n }
}

/** The face region in head grid terms: azimuth within ±FACE_THETA_DEG, elevation up to FACE_TOP_DEG. */
const FACE_THETA_DEG = 60
const FACE_TOP_DEG = 30

/** The head as two geometries: `face` (UV-mapped, for FaceSkin) and `rest` (plain Skin). */
export function buildHead(): { face: Geometry; rest: Geometry } {
  const all = new Geometry()
  const cols = 48
  const rows = 30
  // Azimuth from the back (-180°) round to the back (+180°), elevation from the chin (-90°) to the top.
  const ids = grid(all, cols, rows, (u, v) => {
    const theta = rad(-180 + 360 * u)
    const phi = rad(-90 + 180 * v)
    const p = headPoint(theta, phi)
    return { p, uv: faceUv(p), skin: rigid('Head'), out: sub(p, C) }
  })
  all.computeNormals()
  const inFace = (c: number, r: number): boolean => {
    const theta = -180 + (360 * (c + 0.5)) / cols
    const phi = -90 + (180 * (r + 0.5)) / rows
    return Math.abs(theta) < FACE_THETA_DEG && phi < FACE_TOP_DEG
  }
  const face = new Geometry()
  const rest = new Geometry()
  const copies = [new Map<number, number>(), new Map<number, number>()]
  const copy = (target: Geometry, which: number, v: number, withUv: boolean): number => {
    const known = copies[which].get(v)
    if (known !== undefined) return known
    const n = all.normals[v] ?? [0, 1, 0]
    const id = target.vertex({ p: all.positions[v], n, uv: withUv ? all.uvs[v] : undefined, skin: all.skins[v], out: n })
    copies[which].set(v, id)
    return id
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const [target, which, withUv] = inFace(c, r) ? [face, 0, true] as const : [rest, 1, false] as const
      const q = [ids[r][c], ids[r][c + 1], ids[r + 1][c + 1], ids[r + 1][c]].map((v) => copy(target, which, v, withUv))
      target.quad(q[0], q[1], q[2], q[3])
    }
  }
  return { face, rest }
}

/** Where the drawn features fall in the face texture (u, v in 0..1): for aligning a generated face. */
export function faceLandmarksUv(): Record<string, Vec2> {
  const at = (x: number, y: number): Vec2 => {
    const [u, v] = faceUv([x, y, 0])
    return [Math.round(u * 1e4) / 1e4, Math.round(v * 1e4) / 1e4]
  }
  return {
    rightEye: at(-Face.eyeX, Face.eyeY),
    leftEye: at(Face.eyeX, Face.eyeY),
    nose: at(0, Face.noseY),
    mouth: at(0, Face.mouthY),
    chin: at(0, C[1] - RY_DOWN),
  }
}
