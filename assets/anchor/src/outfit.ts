// The outfit over the body: a pleated skirt, a sailor collar and a ribbon bow.
import { Geometry, grid, rigid } from './geometry.ts'
import { add, lerp, scale, smoothstep, type Vec3 } from './math.ts'
import { ellipsoid, tube, type Ring } from './shapes.ts'
import { torsoNormal, torsoPoint, torsoSkin } from './body.ts'

/** Ring angle of the front (+Z) in the torso frame. */
const FRONT = Math.PI / 2

/** Skirt rings from the waist to the hem: height, half-width, half-depth. */
const SKIRT: readonly (readonly [number, number, number])[] = [
  [0.965, 0.1, 0.076],
  [0.93, 0.11, 0.084],
  [0.87, 0.145, 0.112],
  [0.8, 0.175, 0.142],
  [0.72, 0.2, 0.168],
  [0.65, 0.218, 0.186],
  [0.615, 0.224, 0.192],
]

/** Number of pleats around the skirt. */
const PLEATS = 18

/** A sharp triangle wave in 0..1 with period 1: knife pleats. */
const pleat = (x: number): number => Math.abs(((x % 1) + 1) % 1 - 0.5) * 2

/** The pleated skirt: a flared tube, pleats growing from the waist to the hem, a stripe near the hem (texture). */
function skirt(g: Geometry): void {
  const rings: Ring[] = SKIRT.map(([y, rx, rz], i) => ({
    centre: [0, y, 0.004],
    x: [1, 0, 0],
    y: [0, 0, 1],
    rx,
    ry: rz,
    skin: rigid('Hips'),
    v: i / (SKIRT.length - 1),
  }))
  const depth = (i: number): number => 0.05 * smoothstep(0, 0.6, i / (SKIRT.length - 1))
  tube(g, rings, PLEATS * 6, {
    uv: true,
    profile: (a, i) => 1 + depth(i) * (pleat((a / (2 * Math.PI)) * PLEATS) - 0.5),
    seamAngle: -FRONT,
  })
}

/** Angle from the front, -π..π. */
const fromFront = (a: number): number => Math.atan2(Math.sin(a - FRONT), Math.cos(a - FRONT))

/** The collar's neckline height at ring angle a: a V at the front. */
function necklineY(a: number): number {
  const f = Math.abs(fromFront(a))
  const v = Math.pow(Math.max(0, 1 - f / 0.78), 1.25)
  return 1.236 - 0.124 * v
}

/** The collar's width (m, measured in height) at ring angle a: lapels at the front, a square flap at the back. */
function collarWidth(a: number): number {
  const f = Math.abs(fromFront(a))
  const lapel = 0.036 * smoothstep(0.02, 0.3, f)
  const flap = 0.128 * smoothstep(Math.PI - 1.15, Math.PI - 0.85, f)
  return lapel + 0.012 * smoothstep(0.3, 1.2, f) + flap
}

/** A sailor collar lying on the shoulders, 5 mm off the blouse; texture v runs from the neckline (0) to the edge (1). */
function collar(g: Geometry): void {
  grid(g, 96, 6, (u, v) => {
    const a = FRONT + (u - 0.5) * 2 * Math.PI
    const yIn = necklineY(a)
    const y = lerp(yIn, yIn - collarWidth(a), v)
    const n = torsoNormal(y, a)
    const p = add(torsoPoint(y, a), scale(n, 0.005 + 0.003 * v))
    return { p, uv: [u, v], skin: torsoSkin(y), out: n, n }
  })
}

/** Where the bow sits: at the bottom of the collar's V, just in front of it. */
function bowCentre(): Vec3 {
  const y = 1.112
  return add(torsoPoint(y, FRONT), [0, 0, 0.012])
}

/** A ribbon bow: two loops, a knot and two tails. */
function bow(g: Geometry): void {
  const c = bowCentre()
  const skin = rigid('UpperChest')
  for (const sx of [1, -1]) {
    const tilt: Vec3 = [0, 0.18, 0]
    ellipsoid(g, add(c, [sx * 0.028, 0.004, -0.003]), add([sx * 0.027, 0, 0], scale(tilt, sx * 0.1)), [0, 0.017, 0], [0, 0, 0.009], () => skin, { cols: 14, rows: 8 })
    const tailRings: Ring[] = [0, 1, 2, 3].map((i) => {
      const t = i / 3
      const centre = add(c, [sx * (0.006 + 0.026 * t), -0.012 - 0.055 * t, -0.004 - 0.004 * t])
      return { centre, x: [1, 0, 0], y: [0, 0, 1], rx: lerp(0.008, 0.012, t), ry: 0.0025, skin }
    })
    tube(g, tailRings, 10, { capEnd: true })
  }
  ellipsoid(g, add(c, [0, 0, 0.004]), [0.009, 0, 0], [0, 0.011, 0], [0, 0, 0.008], () => skin, { cols: 12, rows: 8 })
}

/** The outfit's geometries by material name. */
export interface OutfitParts {
  readonly Skirt: Geometry
  readonly Collar: Geometry
  readonly Ribbon: Geometry
}

/** Builds the skirt, collar and bow. */
export function buildOutfit(): OutfitParts {
  const parts: OutfitParts = { Skirt: new Geometry(), Collar: new Geometry(), Ribbon: new Geometry() }
  skirt(parts.Skirt)
  collar(parts.Collar)
  bow(parts.Ribbon)
  for (const g of Object.values(parts)) g.computeNormals()
  return parts
}
