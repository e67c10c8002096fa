// The body under the hair: torso (blouse), neck, arms with sleeves and cuffs, hands, legs with
// thigh-high socks, and shoes. Each part is a smooth tube or ellipsoid bound to its bones.
import { blendSkin, chainSkin, Geometry, rigid, type Skin } from './geometry.ts'
import { add, lerp, length, normalize, scale, sub, cross, type Vec3 } from './math.ts'
import { ellipsoid, frameAround, tube, type Ring } from './shapes.ts'
import { Body } from './proportions.ts'

/** Torso cross-sections, bottom to top: height, half-width, half-depth, centre depth (metres). */
const TORSO: readonly (readonly [number, number, number, number])[] = [
  [0.745, 0.07, 0.05, 0],
  [0.78, 0.118, 0.08, 0],
  [0.84, 0.128, 0.088, -0.002],
  [0.9, 0.108, 0.077, 0],
  [0.95, 0.094, 0.07, 0.002],
  [1.0, 0.097, 0.072, 0.004],
  [1.05, 0.11, 0.08, 0.006],
  [1.09, 0.122, 0.086, 0.006],
  [1.13, 0.124, 0.082, 0],
  [1.17, 0.125, 0.074, -0.006],
  [1.198, 0.118, 0.068, -0.008],
  [1.22, 0.09, 0.057, -0.008],
  [1.238, 0.054, 0.044, -0.008],
  [1.252, 0.036, 0.034, -0.008],
]

/** Bust: extra front radius at ring height y (a soft bump over 1.03..1.13 m). */
const bustAmount = (y: number): number => 0.11 * Math.exp(-(((y - 1.085) / 0.028) ** 2))

/** Angle of the front (+Z) in the torso rings' frame (x = +X, y = +Z). */
const FRONT = Math.PI / 2

/** Torso radius multiplier at ring angle `a` and height `y`: a slightly square section plus the bust. */
function torsoProfile(a: number, y: number): number {
  const n = 2.6
  const square = 1 / Math.pow(Math.abs(Math.cos(a)) ** n + Math.abs(Math.sin(a)) ** n, 1 / n)
  const bumps = Math.exp(-(((a - (FRONT - 0.5)) / 0.38) ** 2)) + Math.exp(-(((a - (FRONT + 0.5)) / 0.38) ** 2))
  return square * (1 + bustAmount(y) * bumps)
}

/** Bones along the spine by height, for the torso's and collar's skins. */
export const torsoSkin = (y: number): Skin =>
  chainSkin([[0.86, 'Hips'], [0.94, 'Spine'], [1.03, 'Chest'], [1.11, 'UpperChest']], y)

/** Torso ring parameters at height y, linearly interpolated. */
function torsoAt(y: number): { rx: number; rz: number; zc: number } {
  const i = Math.max(0, Math.min(TORSO.length - 2, TORSO.findIndex((r) => r[0] > y) - 1))
  const [y0, rx0, rz0, z0] = TORSO[i]
  const [y1, rx1, rz1, z1] = TORSO[i + 1]
  const t = Math.max(0, Math.min(1, (y - y0) / (y1 - y0)))
  return { rx: lerp(rx0, rx1, t), rz: lerp(rz0, rz1, t), zc: lerp(z0, z1, t) }
}

/** A point on the torso surface at height y and ring angle a (a = π/2 is the front). */
export function torsoPoint(y: number, a: number): Vec3 {
  const { rx, rz, zc } = torsoAt(y)
  const k = torsoProfile(a, y)
  return [rx * k * Math.cos(a), y, zc + rz * k * Math.sin(a)]
}

/** Outward normal of the torso surface at (y, a), by finite differences. */
export function torsoNormal(y: number, a: number): Vec3 {
  const e = 1e-3
  const dA = sub(torsoPoint(y, a + e), torsoPoint(y, a - e))
  const dY = sub(torsoPoint(y + e, a), torsoPoint(y - e, a))
  return normalize(cross(dY, dA))
}

function torso(g: Geometry): void {
  const rings: Ring[] = TORSO.map(([y, rx, rz, zc]) => ({ centre: [0, y, zc], x: [1, 0, 0], y: [0, 0, 1], rx, ry: rz, skin: torsoSkin(y) }))
  tube(g, rings, 40, { capStart: true, capEnd: true, profile: (a, i) => torsoProfile(a, TORSO[i][0]) })
}

function neck(g: Geometry): void {
  const rings: Ring[] = [1.2, 1.24, 1.29, 1.34].map((y, i) => ({
    centre: [0, y, -0.01 + i * 0.002],
    x: [1, 0, 0],
    y: [0, 0, 1],
    rx: 0.031,
    ry: 0.03,
    skin: chainSkin([[Body.neckY - 0.015, 'UpperChest'], [Body.neckY + 0.02, 'Neck'], [Body.headY + 0.01, 'Head']], y),
  }))
  tube(g, rings, 20)
}

/** A point along a limb given as a polyline, at arc length `s`, with its direction. */
function alongPolyline(points: readonly Vec3[], s: number): { p: Vec3; dir: Vec3 } {
  let rest = s
  for (let i = 0; i + 1 < points.length; i++) {
    const seg = sub(points[i + 1], points[i])
    const len = length(seg)
    if (rest <= len || i + 2 === points.length) return { p: add(points[i], scale(seg, rest / len)), dir: normalize(seg) }
    rest -= len
  }
  return { p: points[points.length - 1], dir: [0, -1, 0] }
}

/** Rings along a limb polyline at arc lengths `stations` ([s, radius] pairs), skinned by `skinAt(s)`. */
function limbRings(points: readonly Vec3[], stations: readonly (readonly [number, number])[], skinAt: (s: number) => Skin, squash = 1): Ring[] {
  return stations.map(([s, r]) => {
    const { p, dir } = alongPolyline(points, s)
    const { x, y } = frameAround(dir, [0, 0, 1])
    return { centre: p, x, y, rx: r, ry: r * squash, skin: skinAt(s) }
  })
}

/** Arm geometry of one side, split by material. */
function arm(side: 'L' | 'R', bones: BonePositions, blouse: Geometry, cuffs: Geometry, skin: Geometry): void {
  const shoulder = bones(`UpperArm_${side}`)
  const elbow = bones(`LowerArm_${side}`)
  const wrist = bones(`Hand_${side}`)
  const l1 = length(sub(elbow, shoulder))
  const l2 = length(sub(wrist, elbow))
  const path = [add(shoulder, scale(normalize(sub(elbow, shoulder)), -0.02)), elbow, wrist]
  const skinAt = (s: number): Skin =>
    chainSkin([[0.02, `UpperArm_${side}`], [l1 - 0.01, `UpperArm_${side}`], [l1 + 0.05, `LowerArm_${side}`], [l1 + l2, `LowerArm_${side}`], [l1 + l2 + 0.04, `Hand_${side}`]], s)
  // A long, slightly puffed sleeve that widens a little towards the cuff.
  const sleeve: (readonly [number, number])[] = [[0, 0.036], [0.06, 0.041], [0.14, 0.038], [l1 + 0.02, 0.034], [l1 + 0.1, 0.034], [l1 + l2 - 0.03, 0.036], [l1 + l2 - 0.005, 0.036]]
  tube(blouse, limbRings(path, sleeve, skinAt), 18, { capStart: true })
  ellipsoid(blouse, add(shoulder, [-Math.sign(shoulder[0]) * 0.006, 0.0, 0]), [0.041, 0, 0], [0, 0.04, 0], [0, 0, 0.041], () => rigid(`UpperArm_${side}`), { cols: 18, rows: 10 })
  const cuff: (readonly [number, number])[] = [[l1 + l2 - 0.028, 0.037], [l1 + l2 - 0.026, 0.039], [l1 + l2 + 0.002, 0.039], [l1 + l2 + 0.004, 0.03]]
  tube(cuffs, limbRings(path, cuff, skinAt), 18)
  const wristTube: (readonly [number, number])[] = [[l1 + l2 - 0.02, 0.022], [l1 + l2 + 0.03, 0.021]]
  tube(skin, limbRings([...path, add(wrist, scale(normalize(sub(wrist, elbow)), 0.05))], wristTube, skinAt), 14)
  hand(side, bones, skin)
}

/** A mitten hand: palm and closed fingers as flattened ellipsoids, and a thumb tube on its bones. */
function hand(side: 'L' | 'R', bones: BonePositions, g: Geometry): void {
  const sx = side === 'L' ? 1 : -1
  const wrist = bones(`Hand_${side}`)
  const d = normalize(sub(wrist, bones(`LowerArm_${side}`)))
  // Relaxed hands: the palm faces the thigh, turned 35° towards the back.
  const inward = scale(cross(d, [0, 0, 1]), sx)
  const palmIn = normalize(add(scale(inward, Math.cos(0.6)), [0, 0, -Math.sin(0.6)]))
  const across = normalize(cross(palmIn, d))
  const handSkin = (): Skin => rigid(`Hand_${side}`)
  ellipsoid(g, add(wrist, scale(d, 0.042)), scale(across, 0.034), scale(d, 0.047), scale(palmIn, 0.018), handSkin, { cols: 16, rows: 10 })
  const fingers = add(add(wrist, scale(d, 0.1)), scale(palmIn, 0.005))
  ellipsoid(g, fingers, scale(across, 0.031), scale(d, 0.038), scale(palmIn, 0.013), handSkin, { cols: 16, rows: 10 })
  const t1 = bones(`Thumb1_${side}`)
  const t2 = bones(`Thumb2_${side}`)
  const t3 = bones(`Thumb3_${side}`)
  const tip = add(t3, scale(d, 0.018))
  const thumbPath = [t1, t2, t3, tip]
  const lens = [0, length(sub(t2, t1)), length(sub(t3, t2)), length(sub(tip, t3))]
  const at = (k: number): number => lens.slice(0, k + 1).reduce((a, b) => a + b, 0)
  const thumbSkin = (s: number): Skin =>
    chainSkin([[0, `Thumb1_${side}`], [at(1), `Thumb2_${side}`], [at(2), `Thumb3_${side}`]], s)
  const stations: (readonly [number, number])[] = [[0, 0.01], [at(1), 0.0095], [at(2), 0.0085], [at(3) - 0.004, 0.007], [at(3), 0.003]]
  tube(g, limbRings(thumbPath, stations, thumbSkin), 10, { capStart: true, capEnd: true })
}

/** Looks up a bone's rest position by node name. */
export type BonePositions = (name: string) => Vec3

/** Leg stations: height (m) and radius; the calf sits a little back (see `legCentre`). */
const LEG: readonly (readonly [number, number])[] = [
  [0.84, 0.064], [0.76, 0.068], [0.66, 0.062], [0.56, 0.054], [0.48, 0.046], [0.445, 0.043],
  [0.4, 0.044], [0.32, 0.046], [0.22, 0.038], [0.13, 0.03], [0.085, 0.027], [0.055, 0.026],
]

function legCentre(sx: number, y: number): Vec3 {
  const x = sx * (Body.legX + 0.008 * (1 - y / 0.84))
  const calfBack = -0.006 * Math.exp(-(((y - 0.3) / 0.08) ** 2))
  return [x, y, calfBack]
}

function legSkin(side: string, y: number): Skin {
  return chainSkin([[0.075, `Foot_${side}`], [0.11, `LowerLeg_${side}`], [0.42, `LowerLeg_${side}`], [0.48, `UpperLeg_${side}`], [0.8, `UpperLeg_${side}`], [0.86, 'Hips']], y)
}

/** Bare thigh above the sock, the sock below with a thicker top band. */
function leg(side: 'L' | 'R', skin: Geometry, socks: Geometry): void {
  const sx = side === 'L' ? 1 : -1
  const ringAt = (y: number, r: number): Ring => ({ centre: legCentre(sx, y), x: [1, 0, 0], y: [0, 0, 1], rx: r, ry: r, skin: legSkin(side, y) })
  const radiusAt = (y: number): number => {
    const i = LEG.findIndex(([ly]) => ly <= y)
    if (i <= 0) return LEG[0][1]
    const [y0, r0] = LEG[i - 1]
    const [y1, r1] = LEG[i]
    return lerp(r0, r1, (y - y0) / (y1 - y0))
  }
  const SOCK_TOP = 0.56
  const bare = LEG.filter(([y]) => y > SOCK_TOP).map(([y, r]) => ringAt(y, r))
  bare.push(ringAt(SOCK_TOP - 0.01, radiusAt(SOCK_TOP - 0.01)))
  tube(skin, bare, 18)
  const sock = [ringAt(SOCK_TOP, radiusAt(SOCK_TOP) + 0.002), ...LEG.filter(([y]) => y < SOCK_TOP).map(([y, r]) => ringAt(y, r + 0.002))]
  tube(socks, sock, 18, { capEnd: true })
  const band = [SOCK_TOP + 0.012, SOCK_TOP + 0.008, SOCK_TOP - 0.012, SOCK_TOP - 0.016].map((y, i) => ringAt(y, radiusAt(y) + (i === 0 || i === 3 ? 0.002 : 0.005)))
  tube(socks, band, 18)
}

/** A rounded loafer on a darker sole. */
function shoe(side: 'L' | 'R', upper: Geometry, sole: Geometry): void {
  const sx = side === 'L' ? 1 : -1
  const x = sx * (Body.legX + 0.008)
  const skinAt = (p: Vec3): Skin => blendSkin(rigid(`Foot_${side}`), rigid(`Toes_${side}`), Math.max(0, Math.min(1, (p[2] - 0.03) / 0.06)))
  ellipsoid(upper, [x, 0.04, 0.032], [0.041, 0, 0], [0, 0.036, 0], [0, 0, 0.098], skinAt, { cols: 24, rows: 12, exponent: 0.7 })
  ellipsoid(sole, [x, 0.009, 0.032], [0.044, 0, 0], [0, 0.009, 0], [0, 0, 0.102], skinAt, { cols: 24, rows: 6, exponent: 0.6 })
}

/** The body's geometries by material name. */
export interface BodyParts {
  readonly Skin: Geometry
  readonly Blouse: Geometry
  readonly Cuffs: Geometry
  readonly Socks: Geometry
  readonly Shoes: Geometry
  readonly Soles: Geometry
}

/** Builds the torso, neck, arms, hands, legs and shoes. */
export function buildBody(bones: BonePositions): BodyParts {
  const parts: BodyParts = { Skin: new Geometry(), Blouse: new Geometry(), Cuffs: new Geometry(), Socks: new Geometry(), Shoes: new Geometry(), Soles: new Geometry() }
  torso(parts.Blouse)
  neck(parts.Skin)
  for (const side of ['L', 'R'] as const) {
    arm(side, bones, parts.Blouse, parts.Cuffs, parts.Skin)
    leg(side, parts.Skin, parts.Socks)
    shoe(side, parts.Shoes, parts.Soles)
  }
  for (const g of Object.values(parts)) g.computeNormals()
  return parts
}
