// The face features as numbers: eye lids, brows and mouth at rest, and what each morph target
// changes. A morph target is the difference between the features built from its parameters and
// the features built from the rest parameters, so every shape here is one small edit.

/** One eye's shape controls (0 = rest). */
export interface EyeParams {
  /** 0 open .. 1 closed. */
  close: number
  /** Shape of the closed lid: 0 a soft ‿ (blink), 1 an arch ∩ (happy ^^). */
  arc: number
  /** + lowers the inner half of the upper lid (angry), - raises it (sad). */
  slant: number
  /** Opens the eye wider (surprised). */
  wide: number
  /** Iris offset in metres: + towards the model's left (+X), + up. */
  irisX: number
  irisY: number
}

/** One brow's controls, metres. */
export interface BrowParams {
  raise: number
  /** + pulls the inner end down (angry), - up (sad). */
  innerDrop: number
  arch: number
}

/** The mouth's controls, metres unless stated. */
export interface MouthParams {
  width: number
  /** Opening above and below the mouth line. */
  top: number
  bottom: number
  /** Corner lift: + smile, - frown. */
  smile: number
  /** 0 a wide, flat opening .. 1 a round one. */
  round: number
}

/** Everything the face features are built from. */
export interface FaceParams {
  eyeL: EyeParams
  eyeR: EyeParams
  browL: BrowParams
  browR: BrowParams
  mouth: MouthParams
}

const eyeRest = (): EyeParams => ({ close: 0, arc: 0, slant: 0, wide: 0, irisX: 0, irisY: 0 })
const browRest = (): BrowParams => ({ raise: 0, innerDrop: 0, arch: 0 })

/** The face at rest: open eyes, a small closed smile. */
export function restFace(): FaceParams {
  return {
    eyeL: eyeRest(),
    eyeR: eyeRest(),
    browL: browRest(),
    browR: browRest(),
    mouth: { width: 0.0142, top: 0.00035, bottom: 0.00035, smile: 0.0013, round: 0.2 },
  }
}

type Edit = (f: FaceParams) => void

const bothEyes = (edit: (e: EyeParams) => void): Edit => (f) => {
  edit(f.eyeL)
  edit(f.eyeR)
}
const bothBrows = (edit: (b: BrowParams) => void): Edit => (f) => {
  edit(f.browL)
  edit(f.browR)
}
const mouth = (m: Partial<MouthParams>): Edit => (f) => {
  Object.assign(f.mouth, m)
}

/**
 * The morph targets of the `FaceFeatures` mesh, in glTF order. Names follow the part they move
 * (Eye_, Brow_, Mouth_, Iris_) and the look they give.
 */
export const FACE_MORPHS: readonly (readonly [string, Edit])[] = [
  ['Mouth_A', mouth({ width: 0.018, top: 0.0026, bottom: 0.0112, smile: 0.0008, round: 0.35 })],
  ['Mouth_I', mouth({ width: 0.021, top: 0.0012, bottom: 0.0036, smile: 0.0016, round: 0.1 })],
  ['Mouth_U', mouth({ width: 0.009, top: 0.0025, bottom: 0.0045, smile: 0, round: 1 })],
  ['Mouth_E', mouth({ width: 0.019, top: 0.0016, bottom: 0.0062, smile: 0.0008, round: 0 })],
  ['Mouth_O', mouth({ width: 0.014, top: 0.0038, bottom: 0.0095, smile: 0, round: 0.9 })],
  ['Eye_Close_L', (f) => Object.assign(f.eyeL, { close: 1 })],
  ['Eye_Close_R', (f) => Object.assign(f.eyeR, { close: 1 })],
  ['Eye_Joy_L', (f) => Object.assign(f.eyeL, { close: 1, arc: 1 })],
  ['Eye_Joy_R', (f) => Object.assign(f.eyeR, { close: 1, arc: 1 })],
  ['Eye_Angry', bothEyes((e) => Object.assign(e, { slant: 1, close: 0.12 }))],
  ['Eye_Sorrow', bothEyes((e) => Object.assign(e, { slant: -0.8, close: 0.18 }))],
  ['Eye_Relax', bothEyes((e) => Object.assign(e, { close: 0.45, arc: 0.35 }))],
  ['Eye_Surprised', bothEyes((e) => Object.assign(e, { wide: 1 }))],
  ['Brow_Joy', bothBrows((b) => Object.assign(b, { raise: 0.0015, arch: 0.0012 }))],
  ['Brow_Angry', bothBrows((b) => Object.assign(b, { raise: -0.0015, innerDrop: 0.0065, arch: -0.0008 }))],
  ['Brow_Sorrow', bothBrows((b) => Object.assign(b, { raise: 0.0008, innerDrop: -0.0065, arch: -0.0008 }))],
  ['Brow_Surprised', bothBrows((b) => Object.assign(b, { raise: 0.0042, arch: 0.0015 }))],
  ['Mouth_Joy', mouth({ width: 0.022, top: 0.0008, bottom: 0.0085, smile: 0.004, round: 0 })],
  ['Mouth_Angry', mouth({ width: 0.015, top: 0.0008, bottom: 0.0014, smile: -0.0026, round: 0.3 })],
  ['Mouth_Sorrow', mouth({ width: 0.012, top: 0.0005, bottom: 0.0016, smile: -0.0022, round: 0.4 })],
  ['Mouth_Relax', mouth({ width: 0.017, smile: 0.0024 })],
  ['Mouth_Surprised', mouth({ width: 0.0105, top: 0.0032, bottom: 0.0062, smile: 0, round: 1 })],
  ['Mouth_Neutral', mouth({ smile: 0 })],
  ['Iris_Up', bothEyes((e) => Object.assign(e, { irisY: 0.003 }))],
  ['Iris_Down', bothEyes((e) => Object.assign(e, { irisY: -0.003 }))],
  ['Iris_Left', bothEyes((e) => Object.assign(e, { irisX: 0.0036 }))],
  ['Iris_Right', bothEyes((e) => Object.assign(e, { irisX: -0.0036 }))],
]

/** The rest face with one morph's edit applied. */
export function morphedFace(edit: Edit): FaceParams {
  const f = restFace()
  edit(f)
  return f
}
