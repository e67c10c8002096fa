// The face features: eyes (whites, irises, lashes), brows, mouth and cheek blush, laid on the
// face a few millimetres in front of it, in layers. The whole set is the `FaceFeatures` mesh, which
// the runtime hides when a generated face texture takes over.
//
// The eye opening is a hole in nothing: the iris is a full disc, and a ring of face skin (the face
// texture, same UVs) lies in front of it around the opening. Closing an eye moves the ring's inner
// edge and the lashes onto the closed-lid curve, which covers the white and the iris.
import { Geometry, grid, rigid, type Skin } from './geometry.ts'
import { faceUv, onFace } from './head.ts'
import { clamp, lerp, smoothstep, type Vec2, type Vec3 } from './math.ts'
import type { BrowParams, EyeParams, FaceParams, MouthParams } from './faceParams.ts'
import { FACE_MORPHS, morphedFace, restFace } from './faceParams.ts'
import { Face } from './proportions.ts'

/** Eye width and height scale (m). */
const EYE_W = 0.036
const EYE_H = 0.035
/** Samples along a lid, inner corner to outer corner. */
const LID_STEPS = 14
/** Iris half-width and half-height (m). */
export const IRIS_RX = 0.0112
export const IRIS_RY = 0.0148

/** Distance of each layer in front of the face (m): later layers cover earlier ones. */
const Layer = {
  blush: 0.0005,
  white: 0.0006,
  mouth: 0.0008,
  brow: 0.0012,
  mouthLine: 0.0014,
  iris: 0.0018,
  ring: 0.0032,
  ringEdge: 0.0012,
  lash: 0.0042,
} as const

/** The materials of the features, in primitive order. */
export const FEATURE_MATERIALS = ['FaceSkin', 'EyeWhite', 'Iris', 'Lash', 'Brow', 'Mouth', 'Blush'] as const
type FeatureMaterial = (typeof FEATURE_MATERIALS)[number]

const sinPow = (s: number, p: number): number => Math.pow(Math.max(0, Math.sin(Math.PI * clamp(s, 0, 1))), p)

/** Upper and lower lid heights (m, relative to the eye centre) at s (0 inner corner .. 1 outer corner). */
function lids(e: EyeParams, s: number): { upper: number; lower: number } {
  const base = lerp(-0.06, 0.14, clamp(s, 0, 1)) * EYE_H
  const upOpen = base + 0.44 * EYE_H * sinPow(s, 0.6) + e.wide * 0.12 * EYE_H * sinPow(s, 1) - e.slant * 0.24 * EYE_H * (1 - s) * sinPow(s, 0.5)
  const lowOpen = base - 0.42 * EYE_H * sinPow(s, 0.9) - e.wide * 0.06 * EYE_H * sinPow(s, 1)
  const blinkLid = base - 0.18 * EYE_H - 0.07 * EYE_H * sinPow(s, 1)
  const joyLid = base - 0.14 * EYE_H + 0.32 * EYE_H * sinPow(s, 0.8)
  const closed = lerp(blinkLid, joyLid, e.arc)
  return { upper: lerp(upOpen, closed, e.close), lower: lerp(lowOpen, closed, e.close) }
}

/** A feature vertex at face-plane (x, y), `layer` metres out, bound to `skin`. */
function at(x: number, y: number, layer: number, skin: Skin, uv?: Vec2): { p: Vec3; n: Vec3; uv?: Vec2; skin: Skin; out: Vec3 } {
  const f = onFace(x, y, layer)
  return { p: f.p, n: f.n, uv, skin, out: f.n }
}

/** Model-space (x, y) of an eye point: s along the lid, v up from the eye centre. */
function eyeXY(side: number, s: number, v: number): [number, number] {
  return [side * Face.eyeX + side * (s - 0.5) * EYE_W, Face.eyeY + v]
}

function eye(parts: Record<FeatureMaterial, Geometry>, side: number, e: EyeParams): void {
  const bone = side > 0 ? 'Eye_L' : 'Eye_R'
  const head = rigid('Head')
  grid(parts.EyeWhite, LID_STEPS, 3, (s, t) => {
    const { upper, lower } = lids(e, s)
    const [x, y] = eyeXY(side, s, lerp(lower, upper, t))
    return at(x, y, Layer.white, head)
  })
  // The iris: a disc whose texture carries the pupil and highlights (u follows +X on both eyes, so the highlights agree).
  const ix = side * Face.eyeX + e.irisX
  const iy = Face.eyeY - 0.03 * EYE_H + e.irisY
  grid(parts.Iris, 28, 3, (u, r) => {
    const a = u * 2 * Math.PI
    const dx = IRIS_RX * r * Math.cos(a)
    const dy = IRIS_RY * r * Math.sin(a)
    return at(ix + dx, iy + dy, Layer.iris, rigid(bone), [0.5 + dx / (2 * IRIS_RX), 0.5 - dy / (2 * IRIS_RY)])
  })
  skinRing(parts.FaceSkin, side, e)
  lashes(parts.Lash, side, e)
}

/** The eye outline as a closed loop: the upper lid inner → outer, then the lower lid back. */
function outline(e: EyeParams, k: number): { s: number; v: number } {
  const n = LID_STEPS
  if (k <= n) return { s: k / n, v: lids(e, k / n).upper }
  const s = (2 * n - k) / n
  return { s, v: lids(e, s).lower }
}

/** Face skin round the opening, in front of the iris: hides whatever of the iris lies outside the lids. */
function skinRing(g: Geometry, side: number, e: EyeParams): void {
  const rest: EyeParams = { close: 0, arc: 0, slant: 0, wide: 0, irisX: 0, irisY: 0 }
  const head = rigid('Head')
  grid(g, 2 * LID_STEPS, 2, (u, r) => {
    const k = Math.round(u * 2 * LID_STEPS) % (2 * LID_STEPS)
    const now = outline(e, k)
    const still = outline(rest, k)
    // Outer loops follow the resting outline pushed away from the eye centre, so they never move.
    const dirS = still.s - 0.5
    const dirV = still.v / EYE_H
    const len = Math.hypot(dirS, dirV) || 1
    const push = [0, 0.009, 0.014][r * 2]
    const [x0, y0] = eyeXY(side, now.s, now.v)
    const [x1, y1] = eyeXY(side, still.s + (dirS / len) * (push / EYE_W), still.v + (dirV / len) * push)
    const [x, y] = r === 0 ? [x0, y0] : [x1, y1]
    const layer = r < 1 ? Layer.ring : Layer.ringEdge
    return at(x, y, layer, head, faceUv(onFace(x, y, 0).p))
  })
}

function lashes(g: Geometry, side: number, e: EyeParams): void {
  const head = rigid('Head')
  // Upper lash: a band over the upper lid, thicker towards the outer corner, ending in a small flick.
  grid(g, LID_STEPS + 4, 1, (u, t) => {
    const s = lerp(-0.03, 1.09, u)
    const flick = Math.max(0, s - 1)
    const thick = EYE_H * (0.075 + 0.1 * smoothstep(0.15, 0.95, s)) * (1 - flick / 0.1) * smoothstep(-0.04, 0.06, s)
    const lid = lids(e, s).upper + flick * 0.7 * EYE_H
    const v = lerp(lid - 0.03 * EYE_H, lid + thick, t)
    const [x, y] = eyeXY(side, s, v)
    return at(x, y, Layer.lash, head)
  })
  // Lower lash: a thin line under the outer half.
  grid(g, 8, 1, (u, t) => {
    const s = lerp(0.45, 1.0, u)
    const thick = 0.045 * EYE_H * smoothstep(0.45, 0.75, s)
    const lid = lids(e, s).lower
    const [x, y] = eyeXY(side, s, lerp(lid - thick, lid + 0.01 * EYE_H, t))
    return at(x, y, Layer.lash, head)
  })
}

function brow(g: Geometry, side: number, b: BrowParams): void {
  grid(g, 12, 1, (s, t) => {
    const x = side * Face.eyeX + side * lerp(-0.013, 0.021, s)
    const centre = Face.browY + b.raise + (0.0018 + b.arch) * Math.sin(Math.PI * s) - b.innerDrop * Math.pow(1 - s, 1.5) - 0.002 * s
    const half = lerp(0.0016, 0.0005, Math.pow(s, 1.2))
    return at(x, centre + (t - 0.5) * 2 * half, Layer.brow, rigid('Head'))
  })
}

/** Mouth opening heights at s (0 one corner .. 1 the other): the upper and lower edge, relative to the mouth line. */
function mouthEdges(m: MouthParams, s: number): { upper: number; lower: number } {
  const corner = (2 * s - 1) ** 2 * m.smile
  const bump = sinPow(s, lerp(0.9, 0.5, m.round))
  return { upper: corner + m.top * bump, lower: corner - m.bottom * bump }
}

function mouthPart(interior: Geometry, line: Geometry, m: MouthParams): void {
  const head = rigid('Head')
  grid(interior, 16, 3, (s, t) => {
    const { upper, lower } = mouthEdges(m, s)
    return at((s - 0.5) * m.width, Face.mouthY + lerp(upper, lower, t), Layer.mouth, head, [s, t])
  })
  // The mouth line along the upper edge, running a little past the corners.
  grid(line, 18, 1, (u, t) => {
    const s = lerp(-0.06, 1.06, u)
    const upper = s < 0 || s > 1 ? (2 * s - 1) ** 2 * m.smile : mouthEdges(m, s).upper
    const half = 0.00045 * smoothstep(-0.07, 0.04, Math.min(s, 1 - s))
    return at((s - 0.5) * m.width, Face.mouthY + upper + (t - 0.5) * 2 * half, Layer.mouthLine, head)
  })
}

function blush(g: Geometry, side: number): void {
  const cx = side * Face.blushX
  const cy = Face.blushY
  grid(g, 20, 2, (u, r) => {
    const a = u * 2 * Math.PI
    const dx = 0.016 * r * Math.cos(a)
    const dy = 0.009 * r * Math.sin(a)
    return at(cx + dx, cy + dy, Layer.blush, rigid('Head'), [0.5 + dx / 0.032, 0.5 - dy / 0.018])
  })
}

/** The feature geometries for one set of face parameters, by material. */
export function buildFeatures(f: FaceParams): Record<FeatureMaterial, Geometry> {
  const parts = Object.fromEntries(FEATURE_MATERIALS.map((m) => [m, new Geometry()])) as Record<FeatureMaterial, Geometry>
  eye(parts, 1, f.eyeL)
  eye(parts, -1, f.eyeR)
  brow(parts.Brow, 1, f.browL)
  brow(parts.Brow, -1, f.browR)
  mouthPart(parts.Mouth, parts.Lash, f.mouth)
  blush(parts.Blush, 1)
  blush(parts.Blush, -1)
  return parts
}

/** The features at rest plus, per material, the offsets each morph target applies. */
export function buildFeaturesWithMorphs(): { parts: Record<FeatureMaterial, Geometry>; morphs: Record<FeatureMaterial, Map<string, Vec3[]>> } {
  const parts = buildFeatures(restFace())
  const morphs = Object.fromEntries(FEATURE_MATERIALS.map((m) => [m, new Map<string, Vec3[]>()])) as Record<FeatureMaterial, Map<string, Vec3[]>>
  for (const [name, edit] of FACE_MORPHS) {
    const moved = buildFeatures(morphedFace(edit))
    for (const m of FEATURE_MATERIALS) {
      const base = parts[m].positions
      const deltas = moved[m].positions.map((p, i): Vec3 => [p[0] - base[i][0], p[1] - base[i][1], p[2] - base[i][2]])
      // A morph that leaves this primitive alone is stored as nothing (an all-zero accessor).
      if (deltas.some((d) => Math.abs(d[0]) + Math.abs(d[1]) + Math.abs(d[2]) > 1e-7)) morphs[m].set(name, deltas)
    }
  }
  return { parts, morphs }
}
