// Landmarks → raw face measurements: head rotation from a face frame fitted to stable points,
// eye openness, iris offsets, mouth opening and shape, brow height. Raw means before calibration:
// each is compared with the performer's neutral face by the solver.
import { Mesh, centroid, pointAt, type FaceLandmarks, type Vec3 } from './landmarks.ts'

/** Raw measurements of one face; lengths are in units of the outer eye-corner distance (scale-free). */
export interface FaceFeatures {
  /** Head rotation in the performer's frame, degrees: +yaw turns to their left, +pitch up, +roll towards their right shoulder. */
  yawDeg: number
  pitchDeg: number
  rollDeg: number
  /** Face centre from the image centre, in image widths: +x towards the performer's left (image right), +y up. */
  x: number
  y: number
  /** Outer eye-corner distance over the image width: grows as the performer comes closer. */
  scale: number
  /** Eyelid opening over eye width (eye aspect ratio), per eye. */
  eyeOpenRight: number
  eyeOpenLeft: number
  /** Iris centre from the eye centre, in eye widths along the face's own axes (+h to the performer's left, +v up). */
  irisRightH: number
  irisRightV: number
  irisLeftH: number
  irisLeftV: number
  /** Whether the iris offsets were measured (the model gave iris points). */
  hasIris: boolean
  /** Gap between the inner lips. */
  mouthOpen: number
  /** Distance between the mouth corners. */
  mouthWidth: number
  /** Height of the mouth corners above the lips' centre (smiling raises them). */
  mouthCornerLift: number
  /** Height of each brow above its eye centre. */
  browRight: number
  browLeft: number
}

/** A zeroed `FaceFeatures`, for preallocating. */
export function createFeatures(): FaceFeatures {
  return {
    yawDeg: 0, pitchDeg: 0, rollDeg: 0, x: 0, y: 0, scale: 0,
    eyeOpenRight: 0, eyeOpenLeft: 0, irisRightH: 0, irisRightV: 0, irisLeftH: 0, irisLeftV: 0, hasIris: false,
    mouthOpen: 0, mouthWidth: 0, mouthCornerLift: 0, browRight: 0, browLeft: 0,
  }
}

const DEG = 180 / Math.PI
const v = (): Vec3 => ({ x: 0, y: 0, z: 0 })
// Scratch vectors: measuring a face allocates nothing.
const a = v(), b = v(), c = v(), d = v()
const right = v(), up = v(), forward = v()
const EYES_RIGHT = [Mesh.rightEyeOuter, Mesh.rightEyeInner]
const EYES_LEFT = [Mesh.leftEyeOuter, Mesh.leftEyeInner]
/** Points that stay put while the performer talks, blinks or raises brows: the face frame's "up" runs through them. */
const UPPER_FACE = [Mesh.foreheadTop, Mesh.noseBridge]
const LOWER_FACE = [Mesh.noseTip, Mesh.noseBottom]

/** Measures `face` into `out` and returns it. */
export function measureFace(face: FaceLandmarks, out: FaceFeatures): FaceFeatures {
  if (face.count < 468) throw new RangeError(`A face needs at least 468 landmarks (the MediaPipe face mesh); got ${face.count}.`)
  fitFaceFrame(face)
  // Pitch and roll: Euler angles for R = Ry(yaw) · Rx(−pitch) · Rz(roll) with columns (right, up, forward).
  out.pitchDeg = Math.atan2(forward.y, Math.hypot(forward.x, forward.z)) * DEG
  out.rollDeg = Math.atan2(right.y, up.y) * DEG
  out.yawDeg = yawFromCues(face, YAW_CUES)

  centroid(face, EYES_RIGHT, a)
  centroid(face, EYES_LEFT, b)
  const eyeSpan = distance(pointAt(face, Mesh.rightEyeOuter, c), pointAt(face, Mesh.leftEyeOuter, d))
  pointAt(face, Mesh.noseBridge, c)
  out.x = c.x / face.width - 0.5
  out.y = c.y / face.height + 0.5
  out.scale = eyeSpan / face.width

  out.eyeOpenRight = eyeOpening(face, Mesh.rightLids, Mesh.rightEyeOuter, Mesh.rightEyeInner)
  out.eyeOpenLeft = eyeOpening(face, Mesh.leftLids, Mesh.leftEyeOuter, Mesh.leftEyeInner)
  measureIrises(face, out)

  out.mouthOpen = distance(pointAt(face, Mesh.upperLipInner, c), pointAt(face, Mesh.lowerLipInner, d)) / eyeSpan
  pointAt(face, Mesh.mouthRight, a)
  pointAt(face, Mesh.mouthLeft, b)
  out.mouthWidth = distance(a, b) / eyeSpan
  // Corners' mean height minus the inner lips' mean height, along the face's up axis.
  const cornersUp = (dot(a, up) + dot(b, up)) / 2
  const lipsUp = (dot(pointAt(face, Mesh.upperLipInner, c), up) + dot(pointAt(face, Mesh.lowerLipInner, d), up)) / 2
  out.mouthCornerLift = (cornersUp - lipsUp) / eyeSpan

  out.browRight = browHeight(face, Mesh.rightBrow, EYES_RIGHT) / eyeSpan
  out.browLeft = browHeight(face, Mesh.leftBrow, EYES_LEFT) / eyeSpan
  return out
}

/**
 * One 2-D yaw cue: a midline point in front of (or behind) a left/right pair of points. For the pair
 * at ±a to the sides and the midline point d in front of them, its offset between them,
 * (dRight − dLeft) / (dRight + dLeft), is (d / a) · tan(yaw): `gain` is d / a.
 */
export interface YawCue {
  readonly mid: number
  readonly right: number
  readonly left: number
  readonly gain: number
}

/**
 * The yaw cues, all on the upper face so that talking does not move them, each midline point at about
 * its pair's height (so a turn combined with a tilt reads nearly the same). Read in the image plane, not
 * from the mesh's depth (the models' depth of the eye corners changes only a few degrees' worth for a
 * 30° turn; measured on the yaw test clip: 3° from depth, 25° from the bridge cue). The first gain is
 * the adult-face proportion (bridge 20 mm in front of outer eye corners ±45 mm apart); the others were
 * fitted against it on the human tracker's landmarks of the yaw test clip, so all read on one scale.
 * Their landmark noise is only partly shared (the eye corners, cheekbones and temples jitter
 * independently), so together they are steadier than any one: on the still clip the bridge cue alone
 * jitters 1.57° (std, before filtering), the three together 0.72°.
 */
export const YAW_CUES: readonly YawCue[] = [
  { mid: Mesh.noseBridge, right: Mesh.rightEyeOuter, left: Mesh.leftEyeOuter, gain: 20 / 45 },
  { mid: Mesh.noseRidge, right: Mesh.rightCheekbone, left: Mesh.leftCheekbone, gain: 0.75 },
  { mid: Mesh.glabella, right: Mesh.rightTemple, left: Mesh.leftTemple, gain: 0.48 },
]

/** Head yaw of `face`, degrees, from `cues` alone (as `measureFace` does with all of `YAW_CUES`). */
export function measureYaw(face: FaceLandmarks, cues: readonly YawCue[] = YAW_CUES): number {
  fitFaceFrame(face)
  return yawFromCues(face, cues)
}

/**
 * Yaw, degrees, from `cues`: each measures gainᵢ · tan(yaw), so the least-squares tan(yaw) is
 * Σ gainᵢ · offsetᵢ / Σ gainᵢ². Reads the face frame's `up`: call after `fitFaceFrame`.
 */
function yawFromCues(face: FaceLandmarks, cues: readonly YawCue[]): number {
  let sum = 0, gainSquared = 0
  for (const cue of cues) {
    sum += cue.gain * midlineOffset(face, cue)
    gainSquared += cue.gain * cue.gain
  }
  return Math.atan(sum / gainSquared) * DEG
}

/**
 * Where `cue.mid` falls between its pair in the image, 0 halfway, ±1 on either point: measured along
 * the pair's line and parallel to the face's own up axis (`up` as seen in the image), so a midline point
 * above or below its pair reads the same whatever the head's tilt and nod.
 */
function midlineOffset(face: FaceLandmarks, cue: YawCue): number {
  pointAt(face, cue.right, a)
  pointAt(face, cue.left, b)
  pointAt(face, cue.mid, c)
  // c − a = t·(b − a) + s·up in the image plane; t is the midline point's fraction of the way across.
  const across = (b.x - a.x) * up.y - (b.y - a.y) * up.x
  const t = ((c.x - a.x) * up.y - (c.y - a.y) * up.x) / (across || 1)
  return 2 * t - 1
}

/** Fills `right`, `up`, `forward`: an orthonormal frame from the eye line and the forehead–nose line. */
function fitFaceFrame(face: FaceLandmarks): void {
  centroid(face, EYES_RIGHT, a)
  centroid(face, EYES_LEFT, b)
  set(right, b.x - a.x, b.y - a.y, b.z - a.z)
  normalize(right)
  centroid(face, UPPER_FACE, c)
  centroid(face, LOWER_FACE, d)
  set(up, c.x - d.x, c.y - d.y, c.z - d.z)
  // Gram–Schmidt: keep the eye line exact, make up perpendicular to it.
  const k = dot(up, right)
  set(up, up.x - k * right.x, up.y - k * right.y, up.z - k * right.z)
  normalize(up)
  // right × up points out of the face, towards the camera when the performer faces it.
  set(forward, right.y * up.z - right.z * up.y, right.z * up.x - right.x * up.z, right.x * up.y - right.y * up.x)
}

/** Mean lid gap over the corner distance (eye aspect ratio): about 0.25–0.3 open, under 0.1 shut. */
function eyeOpening(face: FaceLandmarks, lids: readonly number[], outer: number, inner: number): number {
  let gap = 0
  for (let k = 0; k < lids.length; k += 2) gap += distance(pointAt(face, lids[k], a), pointAt(face, lids[k + 1], b))
  return gap / (lids.length / 2) / distance(pointAt(face, outer, a), pointAt(face, inner, b))
}

/** Iris offsets per eye; each eye takes the nearer of the two iris centres, whatever order the model lists them in. */
function measureIrises(face: FaceLandmarks, out: FaceFeatures): void {
  out.hasIris = face.count >= Mesh.irisB + 1
  if (!out.hasIris) {
    out.irisRightH = out.irisRightV = out.irisLeftH = out.irisLeftV = 0
    return
  }
  centroid(face, EYES_RIGHT, a)
  pointAt(face, Mesh.irisA, c)
  pointAt(face, Mesh.irisB, d)
  const aIsRight = distance(a, c) <= distance(a, d)
  const widthRight = distance(pointAt(face, Mesh.rightEyeOuter, b), pointAt(face, Mesh.rightEyeInner, d))
  pointAt(face, aIsRight ? Mesh.irisA : Mesh.irisB, c)
  out.irisRightH = (dot(c, right) - dot(a, right)) / widthRight
  out.irisRightV = (dot(c, up) - dot(a, up)) / widthRight
  centroid(face, EYES_LEFT, a)
  const widthLeft = distance(pointAt(face, Mesh.leftEyeOuter, b), pointAt(face, Mesh.leftEyeInner, d))
  pointAt(face, aIsRight ? Mesh.irisB : Mesh.irisA, c)
  out.irisLeftH = (dot(c, right) - dot(a, right)) / widthLeft
  out.irisLeftV = (dot(c, up) - dot(a, up)) / widthLeft
}

/** Mean height of the brow points above the eye corners' centre, along the face's up axis. */
function browHeight(face: FaceLandmarks, brow: readonly number[], eye: readonly number[]): number {
  centroid(face, brow, a)
  centroid(face, eye, b)
  return dot(a, up) - dot(b, up)
}

function set(o: Vec3, x: number, y: number, z: number): void {
  o.x = x
  o.y = y
  o.z = z
}

function normalize(o: Vec3): void {
  const n = Math.hypot(o.x, o.y, o.z) || 1
  o.x /= n
  o.y /= n
  o.z /= n
}

function dot(p: Vec3, q: Vec3): number {
  return p.x * q.x + p.y * q.y + p.z * q.z
}

function distance(p: Vec3, q: Vec3): number {
  return Math.hypot(p.x - q.x, p.y - q.y, p.z - q.z)
}
