// Smooth parametric shapes: generalised cylinders (limbs, torso, hair locks) and ellipsoids.
import { fan, Geometry, grid, type Skin } from './geometry.ts'
import { add, cross, normalize, scale, sub, type Vec2, type Vec3 } from './math.ts'

/** One cross-section of a tube: an ellipse in the plane spanned by unit axes `x` and `y`. */
export interface Ring {
  readonly centre: Vec3
  readonly x: Vec3
  readonly y: Vec3
  readonly rx: number
  readonly ry: number
  readonly skin: Skin
  /** Texture v of this ring (tubes with UVs only). */
  readonly v?: number
}

/** Options of `tube`. */
export interface TubeOptions {
  /** Close the first / last ring with a flat fan (default false: open). */
  readonly capStart?: boolean
  readonly capEnd?: boolean
  /** Radius multiplier at angle `a` (radians, 0 along +x) of ring `i`: pleats, strands. Default 1. */
  readonly profile?: (a: number, i: number) => number
  /** Write texture coordinates (u around, v from the rings). Default false. */
  readonly uv?: boolean
  /** Angle where the seam (u = 0) lies, radians from +x. Default 0. */
  readonly seamAngle?: number
}

/** Adds a tube through `rings` with `segments` vertices around. */
export function tube(g: Geometry, rings: readonly Ring[], segments: number, opts: TubeOptions = {}): void {
  const seam = opts.seamAngle ?? 0
  const point = (r: Ring, i: number, a: number): Vec3 => {
    const k = opts.profile ? opts.profile(a, i) : 1
    return add(r.centre, add(scale(r.x, r.rx * k * Math.cos(a)), scale(r.y, r.ry * k * Math.sin(a))))
  }
  const ids = grid(g, segments, rings.length - 1, (u, v) => {
    const i = Math.round(v * (rings.length - 1))
    const r = rings[i]
    const a = seam + u * Math.PI * 2
    const p = point(r, i, a)
    const uv: Vec2 | undefined = opts.uv ? [u, r.v ?? v] : undefined
    return { p, uv, skin: r.skin, out: sub(p, r.centre) }
  })
  const axisOf = (i: number, j: number): Vec3 => normalize(sub(rings[j].centre, rings[i].centre))
  const last = rings.length - 1
  if (opts.capStart) {
    const r = rings[0]
    fan(g, ids[0], { p: r.centre, uv: opts.uv ? [0.5, r.v ?? 0] : undefined, skin: r.skin, out: axisOf(1, 0) })
  }
  if (opts.capEnd) {
    const r = rings[last]
    fan(g, ids[last], { p: r.centre, uv: opts.uv ? [0.5, r.v ?? 1] : undefined, skin: r.skin, out: axisOf(last - 1, last) })
  }
}

/** A cross-section frame perpendicular to `dir`: `x` as close to `hint` as possible. */
export function frameAround(dir: Vec3, hint: Vec3): { x: Vec3; y: Vec3 } {
  const d = normalize(dir)
  const y = normalize(cross(d, hint))
  const x = normalize(cross(y, d))
  return { x, y }
}

/** Options of `ellipsoid`. */
export interface EllipsoidOptions {
  readonly cols?: number
  readonly rows?: number
  /** Superellipsoid exponent: 1 is an ellipsoid, below 1 boxier (shoes). Default 1. */
  readonly exponent?: number
  /** Keep only the part with elevation above this (radians; default -π/2: closed). */
  readonly minPhi?: number
  readonly uv?: boolean
}

const spow = (x: number, e: number): number => Math.sign(x) * Math.pow(Math.abs(x), e)

/**
 * Adds an ellipsoid: `side`, `up`, `front` are its semi-axes (vectors, metres) and the surface point
 * at azimuth θ (0 towards `front`), elevation φ is `c + side·cosφ·sinθ + up·sinφ + front·cosφ·cosθ`.
 */
export function ellipsoid(
  g: Geometry,
  c: Vec3,
  side: Vec3,
  up: Vec3,
  front: Vec3,
  skinAt: (p: Vec3) => Skin,
  opts: EllipsoidOptions = {},
): void {
  const e = opts.exponent ?? 1
  const minPhi = opts.minPhi ?? -Math.PI / 2
  grid(g, opts.cols ?? 16, opts.rows ?? 10, (u, v) => {
    const theta = -Math.PI + u * 2 * Math.PI
    const phi = minPhi + v * (Math.PI / 2 - minPhi)
    const cp = spow(Math.cos(phi), e)
    const p = add(c, add(add(scale(side, cp * spow(Math.sin(theta), e)), scale(up, spow(Math.sin(phi), e))), scale(front, cp * spow(Math.cos(theta), e))))
    return { p, uv: opts.uv ? [u, 1 - v] : undefined, skin: skinAt(p), out: sub(p, c) }
  })
}
