// Hair: a shell over the skull, a fringe of tapered locks, side locks, back locks, twin tails with
// ties, and an ahoge. The swinging locks are bound to chains of joints that VRMC_springBone moves.
import { chainSkin, Geometry, grid, rigid, type Skin } from './geometry.ts'
import { headNormal, headPoint } from './head.ts'
import { add, catmullRom, clamp, cross, lerp, normalize, rad, scale, smoothstep, sub, type Vec3 } from './math.ts'
import { tube, type Ring } from './shapes.ts'
import { Body } from './proportions.ts'

/** A chain of spring joints: names root first, positions in model space; the last joint is the tail. */
export interface HairChain {
  readonly name: string
  readonly kind: 'tail' | 'side' | 'back' | 'ahoge'
  readonly joints: readonly { readonly name: string; readonly position: Vec3 }[]
}

/** A point on the hair surface: `offset` metres out from the skull at (θ, φ) in degrees. */
function onSkull(thetaDeg: number, phiDeg: number, offset: number): Vec3 {
  const t = rad(thetaDeg)
  const p = rad(phiDeg)
  return add(headPoint(t, p), scale(headNormal(t, p), offset))
}

/** A tapered lock along a Catmull-Rom path. */
interface LockSpec {
  readonly path: readonly Vec3[]
  /** Half-width and half-thickness at the widest point (m). */
  readonly width: number
  readonly thickness: number
  /** Multiplier of both along the lock, t in 0..1 (default: full at the root, a point at the tip). */
  readonly taper?: (t: number) => number
  /** The direction the lock's thickness faces (away from the head) at point p. */
  readonly outward: (p: Vec3) => Vec3
  readonly skin: (t: number) => Skin
  readonly steps?: number
  readonly segments?: number
}

const defaultTaper = (t: number): number => Math.pow(1 - t, 0.7) * (0.75 + 0.25 * smoothstep(0, 0.25, t))

/** Adds one lock: rings across the path, lens-shaped (wide, thin), closing to a point at the tip. */
function lock(g: Geometry, spec: LockSpec): void {
  const steps = spec.steps ?? 12
  const taper = spec.taper ?? defaultTaper
  const rings: Ring[] = []
  for (let i = 0; i <= steps; i++) {
    const t = i / steps
    const p = catmullRom(spec.path, t)
    const tangent = normalize(sub(catmullRom(spec.path, Math.min(1, t + 0.01)), catmullRom(spec.path, Math.max(0, t - 0.01))))
    const side = normalize(cross(tangent, spec.outward(p)))
    const normal = normalize(cross(side, tangent))
    const k = taper(t)
    rings.push({ centre: p, x: side, y: normal, rx: Math.max(1e-4, spec.width * k), ry: Math.max(1e-4, spec.thickness * k), skin: spec.skin(t), v: t })
  }
  // A lens rather than an ellipse: the edges come to a soft point, as drawn hair does.
  tube(g, rings, spec.segments ?? 10, { capStart: true, uv: true, profile: (a) => 0.82 + 0.18 * Math.abs(Math.cos(a)) })
}

const C = Body.headCentre
const awayFromHead = (p: Vec3): Vec3 => normalize(sub(p, C))

/** Skin along a chain: the head before the first joint, then each joint's segment. */
function chainLockSkin(chain: HairChain, ts: readonly number[]): (t: number) => Skin {
  const anchors: [number, string][] = [[ts[0], 'Head']]
  for (let i = 0; i + 1 < ts.length; i++) anchors.push([(ts[i] + ts[i + 1]) / 2, chain.joints[i].name])
  return (t) => chainSkin(anchors, t)
}

/** Joints of a chain placed along a path at parameters ts. */
function chainAlong(name: string, kind: HairChain['kind'], path: readonly Vec3[], ts: readonly number[]): HairChain {
  return { name, kind, joints: ts.map((t, i) => ({ name: `${name}_${i}`, position: catmullRom(path, t) })) }
}

/** The lower edge of the hair shell (elevation, degrees) at azimuth θ (degrees): high at the front, long at the back. */
function hairlinePhi(thetaDeg: number): number {
  const a = Math.abs(thetaDeg) / 180
  const jag = a > 0.35 ? 5 * Math.abs(((a * 14) % 1) - 0.5) * 2 : 0
  return 40 - 78 * smoothstep(0.14, 0.55, a) - 8 * smoothstep(0.55, 1, a) - jag
}

/** The shell over the skull; thicker on top and at the back for volume. */
function shell(g: Geometry): void {
  grid(g, 56, 14, (u, v) => {
    const theta = -180 + 360 * u
    const phi = lerp(hairlinePhi(theta), 90, Math.pow(v, 0.9))
    const back = smoothstep(0.2, 1, Math.abs(theta) / 180)
    const offset = 0.011 + 0.007 * smoothstep(-0.3, 0.7, Math.sin(rad(phi))) + 0.006 * back
    const p = onSkull(theta, Math.min(phi, 89.9), offset)
    // v by elevation, top 0: the shine band of the texture then rings the head at one height.
    return { p, uv: [u, 1 - (phi + 90) / 180], skin: rigid('Head'), out: awayFromHead(p) }
  })
}

/** Fringe locks: [tip azimuth, tip elevation, half-width] in degrees and metres. */
const FRINGE: readonly (readonly [number, number, number])[] = [
  [-62, -4, 0.016], [-47, 10, 0.019], [-31, 18, 0.02], [-15, 22, 0.02], [-1, 18, 0.017],
  [13, 23, 0.02], [29, 19, 0.02], [45, 11, 0.019], [61, -3, 0.016],
]

function fringe(g: Geometry): void {
  for (const [thetaTip, phiTip, width] of FRINGE) {
    const thetaRoot = thetaTip * 0.45
    const path: Vec3[] = []
    for (let i = 0; i <= 4; i++) {
      const t = i / 4
      // The lock sweeps from the crown down the forehead, leaving the skull a little at the tip.
      path.push(onSkull(lerp(thetaRoot, thetaTip, Math.pow(t, 0.8)), lerp(70, phiTip, t), lerp(0.016, 0.009, t) + 0.004 * Math.sin(Math.PI * t)))
    }
    lock(g, { path, width, thickness: 0.006, outward: awayFromHead, skin: () => rigid('Head'), steps: 10, segments: 8 })
  }
}

function sideLocks(g: Geometry): HairChain[] {
  return [1, -1].map((sx) => {
    const side = sx > 0 ? 'L' : 'R'
    const top = onSkull(sx * 70, 30, 0.014)
    const temple = onSkull(sx * 76, -8, 0.013)
    const path: Vec3[] = [top, temple, add(temple, [sx * 0.004, -0.06, 0.004]), add(temple, [sx * 0.002, -0.12, 0.008]), add(temple, [-sx * 0.002, -0.175, 0.012])]
    const ts = [0.25, 0.5, 0.75, 1]
    const chain = chainAlong(`HairSide_${side}`, 'side', path, ts)
    lock(g, { path, width: 0.017, thickness: 0.007, outward: () => normalize([sx, 0, 0.4]), skin: chainLockSkin(chain, ts), steps: 14, segments: 8 })
    return chain
  })
}

/** Back locks: azimuths in degrees (180 is straight behind). */
const BACK_LOCKS = [138, 158, 180, 202, 222]

function backLocks(g: Geometry): HairChain[] {
  return BACK_LOCKS.map((theta, i) => {
    const th = theta > 180 ? theta - 360 : theta
    const sx = Math.sin(rad(th))
    const root = onSkull(th, 35, 0.016)
    const nape = onSkull(th, -38, 0.02)
    const spread = sx * 0.03
    const path: Vec3[] = [root, onSkull(th, 0, 0.022), nape, add(nape, [spread * 0.6, -0.08, -0.012]), add(nape, [spread, -0.17, -0.01]), add(nape, [spread * 1.3, -0.24, 0.0])]
    const ts = [0.4, 0.6, 0.8, 1]
    const chain = chainAlong(`HairBack_${i}`, 'back', path, ts)
    lock(g, { path, width: 0.03, thickness: 0.009, outward: (p) => normalize(sub(p, [0, p[1], 0.02])), skin: chainLockSkin(chain, ts), steps: 16, segments: 10 })
    return chain
  })
}

/** Radius of a twin tail along it: pinched at the tie, full below it, a point at the end. */
const tailRadius = (t: number): number => {
  const swell = 0.018 + 0.026 * smoothstep(0.02, 0.25, t)
  return swell * Math.pow(clamp(1 - smoothstep(0.3, 1, t), 0, 1), 0.6)
}

function twinTails(g: Geometry, ties: Geometry): HairChain[] {
  return [1, -1].map((sx) => {
    const side = sx > 0 ? 'L' : 'R'
    const tie = onSkull(sx * 112, 34, 0.02)
    const path: Vec3[] = [
      tie,
      add(tie, [sx * 0.045, -0.004, -0.025]),
      [sx * 0.15, 1.38, -0.1],
      [sx * 0.18, 1.2, -0.11],
      [sx * 0.19, 1.02, -0.1],
      [sx * 0.18, 0.86, -0.085],
    ]
    const ts = [0.08, 0.3, 0.52, 0.74, 1]
    const chain = chainAlong(`HairTail_${side}`, 'tail', path, ts)
    const skin = chainLockSkin(chain, ts)
    // Three strands twisting round each other read as hair, where one tube reads as a sausage.
    for (let k = 0; k < 3; k++) {
      const phase = (k * 2 * Math.PI) / 3
      const end = [1, 0.93, 0.96][k]
      const strand: Vec3[] = []
      for (let i = 0; i <= 10; i++) {
        const t = (i / 10) * end
        const c = catmullRom(path, t)
        const r = tailRadius(t) * 0.45
        strand.push(add(c, [Math.cos(phase + t * 3) * r * sx, 0, Math.sin(phase + t * 3) * r]))
      }
      lock(g, {
        path: strand,
        width: 1,
        thickness: 0.8,
        taper: (t) => tailRadius(t * end) * 0.62,
        outward: () => normalize([sx, 0, -0.6]),
        skin: (t) => skin(t * end),
        steps: 18,
        segments: 10,
      })
    }
    tieRing(ties, tie, normalize(sub(path[1], path[0])))
    return chain
  })
}

/** A scrunchie round the twin tail's root: a small torus. */
function tieRing(g: Geometry, centre: Vec3, axis: Vec3): void {
  const ref: Vec3 = Math.abs(axis[1]) < 0.9 ? [0, 1, 0] : [1, 0, 0]
  const u = normalize(cross(axis, ref))
  const w = cross(axis, u)
  const rings: Ring[] = []
  const n = 16
  for (let i = 0; i <= n; i++) {
    const a = (i / n) * 2 * Math.PI
    const dir = add(scale(u, Math.cos(a)), scale(w, Math.sin(a)))
    rings.push({ centre: add(add(centre, scale(axis, 0.012)), scale(dir, 0.021)), x: dir, y: axis, rx: 0.009, ry: 0.009, skin: rigid('Head') })
  }
  tube(g, rings, 10)
}

function ahoge(g: Geometry): HairChain {
  const root = onSkull(-6, 78, 0.012)
  const path: Vec3[] = [root, add(root, [0.004, 0.03, 0.004]), add(root, [0.012, 0.052, 0.022]), add(root, [0.02, 0.05, 0.045])]
  const ts = [0.05, 0.5, 1]
  const chain = chainAlong('HairAhoge', 'ahoge', path, ts)
  lock(g, { path, width: 0.008, thickness: 0.003, outward: () => [1, 0, 0], skin: chainLockSkin(chain, ts), steps: 10, segments: 8 })
  return chain
}

/** Hair geometries and the spring chains that move them. */
export interface HairParts {
  readonly Hair: Geometry
  readonly HairTie: Geometry
  readonly chains: readonly HairChain[]
}

/** Builds the whole hairdo. */
export function buildHair(): HairParts {
  const hair = new Geometry()
  const ties = new Geometry()
  shell(hair)
  fringe(hair)
  const chains = [...twinTails(hair, ties), ...sideLocks(hair), ...backLocks(hair), ahoge(hair)]
  hair.computeNormals()
  ties.computeNormals()
  return { Hair: hair, HairTie: ties, chains }
}
