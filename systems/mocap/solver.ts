// Raw face measurements → the anchor's pose: relative to the performer's neutral face, mapped to
// VRM expressions, mirrored if asked, then One-Euro filtered. Allocates nothing per frame.
import { expressionsFromBlendshapes } from './blendshapes.ts'
import { createFeatures, measureFace, type FaceFeatures } from './features.ts'
import type { FaceLandmarks } from './landmarks.ts'
import { OneEuroFilter } from './oneEuro.ts'
import { EXPRESSION_SLOT, MOCAP_EXPRESSIONS, MocapPose } from './pose.ts'
import type { MocapSettings } from './settings.ts'

/** One tracked face: its landmarks, and blendshapes when the tracker gives them (tasks-vision). */
export interface TrackedFace {
  readonly landmarks: FaceLandmarks
  /** Packed in `BLENDSHAPE_NAMES` order, or null. */
  readonly blendshapes: Float32Array | null
}

/**
 * A typical neutral face, used until the performer calibrates. The pitch and iris offsets are what
 * the human tracker measures on a frontal photograph (astronaut.png: the forehead–nose line leans
 * back ~4°, the irises sit ~0.05 eye widths above the corner line).
 */
export const DEFAULT_NEUTRAL: Readonly<FaceFeatures> = {
  ...createFeatures(),
  pitchDeg: 4, scale: 0.15, eyeOpenRight: 0.28, eyeOpenLeft: 0.28, irisRightV: 0.05, irisLeftV: 0.05, hasIris: true,
  mouthOpen: 0.02, mouthWidth: 0.55, mouthCornerLift: 0, browRight: 0.3, browLeft: 0.3,
}

/** An eye starts closing below this share of its neutral opening and is shut at `EYE_SHUT`. */
const EYE_OPEN = 0.8
const EYE_SHUT = 0.35
/** Gaze degrees per eye width of iris travel (the iris moves ~0.2 eye widths for a 30° look). */
const GAZE_DEG_PER_EYE_WIDTH = 150
const GAZE_MAX_YAW_DEG = 35
const GAZE_MAX_PITCH_DEG = 25
/** Lip gap (in eye-corner distances) over neutral at which the mouth counts as fully open. */
const MOUTH_FULL_OPEN = 0.35
/** Mouth width over neutral: this much narrower is fully round, this much wider fully spread. */
const MOUTH_ROUND = 0.2
const MOUTH_SPREAD = 0.15
/** Corner lift over neutral (eye-corner distances) for a full smile. */
const SMILE_FULL = 0.06
/** Brow raise and lowering over neutral (eye-corner distances) for full surprise and anger. */
const BROW_RAISE_FULL = 0.06
const BROW_LOWER_FULL = 0.04
/** Metres per image width of head travel at the neutral distance (a webcam at arm's length sees ~0.7 m across). */
const METRES_PER_IMAGE_WIDTH = 0.7
/** Metres of forward travel for a face that looks twice as large as at neutral (a ~30 cm lean in). */
const METRES_PER_SCALE_DOUBLING = 0.3
/** Head offsets are clamped to this, metres, so a performer leaving the frame does not throw the anchor off stage. */
const MAX_OFFSET_M = 0.15

/**
 * Visemes from mouth opening, rounding and spreading (each 0..1). A documented heuristic, not a
 * phoneme classifier: open and neutral width → aa; open and round → oh; round and nearly closed → ou;
 * spread and nearly closed → ee; spread and half open → ih.
 */
export function mapMouth(open: number, round: number, spread: number, out: Float32Array): void {
  out[EXPRESSION_SLOT.aa] = open * (1 - round) * (1 - spread)
  out[EXPRESSION_SLOT.oh] = open * round
  out[EXPRESSION_SLOT.ou] = round * (1 - open)
  out[EXPRESSION_SLOT.ee] = spread * (1 - open)
  out[EXPRESSION_SLOT.ih] = spread * open
}

/** Eye closure 0..1 from an eye's opening and its neutral opening. */
export function blinkFromOpening(opening: number, neutral: number): number {
  return clamp01((EYE_OPEN * neutral - opening) / ((EYE_OPEN - EYE_SHUT) * neutral))
}

/** Turns a performer-frame pose into a mirror image: yaw, roll, sideways offset and gaze yaw flip, left and right swap. */
export function mirrorPose(p: MocapPose): void {
  p.yawDeg = -p.yawDeg
  p.rollDeg = -p.rollDeg
  p.x = -p.x
  p.gazeYawDeg = -p.gazeYawDeg
  const w = p.weights
  const left = w[EXPRESSION_SLOT.blinkLeft]
  w[EXPRESSION_SLOT.blinkLeft] = w[EXPRESSION_SLOT.blinkRight]
  w[EXPRESSION_SLOT.blinkRight] = left
}

/** Solves tracked faces into poses for one performer; holds their neutral face and the filters. */
export class FaceSolver {
  /** The performer's neutral face (DEFAULT_NEUTRAL until `calibrate`). */
  readonly neutral: FaceFeatures = { ...DEFAULT_NEUTRAL }
  /** Whether `neutral` was captured from the performer. */
  calibrated = false
  /** The last raw measurements (for calibration and diagnostics). */
  readonly features = createFeatures()
  private readonly target = new MocapPose()
  private readonly head = [0, 0, 0, 0, 0, 0].map(() => new OneEuroFilter())
  private readonly gaze = [0, 0].map(() => new OneEuroFilter())
  private readonly expressions = MOCAP_EXPRESSIONS.map(() => new OneEuroFilter())

  /** Takes the last solved face as the neutral one (the performer looks straight ahead, face relaxed). */
  calibrate(): void {
    Object.assign(this.neutral, this.features)
    this.calibrated = true
  }

  /** Goes back to the typical neutral face. */
  resetCalibration(): void {
    Object.assign(this.neutral, DEFAULT_NEUTRAL)
    this.calibrated = false
  }

  /** Forgets filter history, so the next face is taken as it is (after tracking was lost). */
  resetFilters(): void {
    for (const f of this.head) f.reset()
    for (const f of this.gaze) f.reset()
    for (const f of this.expressions) f.reset()
  }

  /** Solves `face`, seen at `timeMs`, into `out` (filtered); `raw`, when given, gets the unfiltered pose. */
  solve(face: TrackedFace, timeMs: number, settings: MocapSettings, out: MocapPose, raw?: MocapPose): MocapPose {
    const f = measureFace(face.landmarks, this.features)
    const n = this.neutral
    const t = this.target
    t.yawDeg = f.yawDeg - n.yawDeg
    t.pitchDeg = f.pitchDeg - n.pitchDeg
    t.rollDeg = f.rollDeg - n.rollDeg
    const gain = METRES_PER_IMAGE_WIDTH * settings.positionScale
    t.x = clamp(gain * (f.x - n.x), MAX_OFFSET_M)
    t.y = clamp(gain * (f.y - n.y), MAX_OFFSET_M)
    t.z = clamp(settings.positionScale * METRES_PER_SCALE_DOUBLING * Math.log2(f.scale / n.scale), MAX_OFFSET_M)
    this.solveExpressions(face, f, t.weights)
    this.solveGaze(f, t)
    if (settings.mirror) mirrorPose(t)
    if (raw) raw.copyFrom(t)
    return this.filter(t, timeMs, settings, out)
  }

  private solveExpressions(face: TrackedFace, f: FaceFeatures, w: Float32Array): void {
    const n = this.neutral
    if (face.blendshapes) expressionsFromBlendshapes(face.blendshapes, w, mapMouth)
    else {
      w[EXPRESSION_SLOT.blinkLeft] = blinkFromOpening(f.eyeOpenLeft, n.eyeOpenLeft)
      w[EXPRESSION_SLOT.blinkRight] = blinkFromOpening(f.eyeOpenRight, n.eyeOpenRight)
      const open = clamp01((f.mouthOpen - n.mouthOpen) / MOUTH_FULL_OPEN)
      const widthRatio = f.mouthWidth / n.mouthWidth
      mapMouth(open, clamp01((1 - widthRatio) / MOUTH_ROUND), clamp01((widthRatio - 1) / MOUTH_SPREAD), w)
      w[EXPRESSION_SLOT.happy] = clamp01((f.mouthCornerLift - n.mouthCornerLift) / SMILE_FULL)
      const brow = (f.browLeft + f.browRight - n.browLeft - n.browRight) / 2
      w[EXPRESSION_SLOT.surprised] = clamp01(brow / BROW_RAISE_FULL)
      w[EXPRESSION_SLOT.angry] = clamp01(-brow / BROW_LOWER_FULL)
    }
    // Tracked eyes replace idle blinks: the both-eyes `blink` is held open on the mocap layer.
    w[EXPRESSION_SLOT.blink] = 0
  }

  /** Gaze from both irises; held where it was while the eyes are mostly shut (the iris is hidden then). */
  private solveGaze(f: FaceFeatures, t: MocapPose): void {
    const shut = Math.min(t.weights[EXPRESSION_SLOT.blinkLeft], t.weights[EXPRESSION_SLOT.blinkRight])
    if (!f.hasIris || shut > 0.5) return
    const n = this.neutral
    const h = (f.irisLeftH + f.irisRightH - n.irisLeftH - n.irisRightH) / 2
    const v = (f.irisLeftV + f.irisRightV - n.irisLeftV - n.irisRightV) / 2
    t.gazeYawDeg = clamp(h * GAZE_DEG_PER_EYE_WIDTH, GAZE_MAX_YAW_DEG)
    t.gazePitchDeg = clamp(v * GAZE_DEG_PER_EYE_WIDTH, GAZE_MAX_PITCH_DEG)
  }

  private filter(t: MocapPose, timeMs: number, settings: MocapSettings, out: MocapPose): MocapPose {
    const h = this.head
    for (const f of h) Object.assign(f.settings, settings.headFilter)
    out.yawDeg = h[0].filter(t.yawDeg, timeMs)
    out.pitchDeg = h[1].filter(t.pitchDeg, timeMs)
    out.rollDeg = h[2].filter(t.rollDeg, timeMs)
    out.x = h[3].filter(t.x, timeMs)
    out.y = h[4].filter(t.y, timeMs)
    out.z = h[5].filter(t.z, timeMs)
    for (const f of this.gaze) Object.assign(f.settings, settings.gazeFilter)
    out.gazeYawDeg = this.gaze[0].filter(t.gazeYawDeg, timeMs)
    out.gazePitchDeg = this.gaze[1].filter(t.gazePitchDeg, timeMs)
    for (let k = 0; k < this.expressions.length; k++) {
      const f = this.expressions[k]
      Object.assign(f.settings, settings.expressionFilter)
      out.weights[k] = clamp01(f.filter(t.weights[k], timeMs))
    }
    return out
  }
}

function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x
}

function clamp(x: number, limit: number): number {
  return x < -limit ? -limit : x > limit ? limit : x
}
