// The face landmarks every tracker reports, in one layout: MediaPipe's 468-point face mesh
// topology (both backends' models descend from it) plus 10 iris points in either order.

/**
 * Landmarks of one face in image pixels: `points[3k..3k+2]` is point k's x (right), y (down) and
 * z (depth on the x scale, negative towards the camera). At least 468 points; 478 with irises.
 */
export interface FaceLandmarks {
  readonly points: Float32Array
  /** Number of points (`points.length / 3`). */
  readonly count: number
  /** Size of the image the points are in, pixels. */
  readonly width: number
  readonly height: number
}

/** Mesh points the solver reads (MediaPipe face mesh indices; "right" is the performer's right). */
export const Mesh = {
  foreheadTop: 10,
  noseBridge: 168,
  noseTip: 1,
  noseBottom: 2,
  chin: 152,
  /** Midline: between the brows, and the nose ridge halfway down. */
  glabella: 9,
  noseRidge: 195,
  /** Temples at the brows' height and cheekbones below the eyes (yaw cues' side points). */
  rightTemple: 162,
  leftTemple: 389,
  rightCheekbone: 111,
  leftCheekbone: 340,
  rightEyeOuter: 33,
  rightEyeInner: 133,
  leftEyeOuter: 263,
  leftEyeInner: 362,
  /** Eyelid pairs, upper then lower, across the middle of each eye. */
  rightLids: [159, 145, 158, 153, 160, 144],
  leftLids: [386, 374, 385, 380, 387, 373],
  rightBrow: [70, 63, 105, 66, 107],
  leftBrow: [300, 293, 334, 296, 336],
  upperLipInner: 13,
  lowerLipInner: 14,
  mouthRight: 61,
  mouthLeft: 291,
  /** Irises: the first of each five points is its centre (the two models list the eyes in opposite order). */
  irisA: 468,
  irisB: 473,
} as const

/** Number of mesh points without irises. */
export const MESH_POINTS = 468
/** Number of points with both irises. */
export const MESH_POINTS_WITH_IRIS = 478

/** A 3-vector in a right-handed frame: x right in the image, y up, z towards the camera. */
export interface Vec3 {
  x: number
  y: number
  z: number
}

/** Reads point `k` into `out`, flipping image y (down) and depth (away) into the right-handed frame. */
export function pointAt(face: FaceLandmarks, k: number, out: Vec3): Vec3 {
  out.x = face.points[3 * k]
  out.y = -face.points[3 * k + 1]
  out.z = -face.points[3 * k + 2]
  return out
}

/** The mean of several points, into `out`. */
export function centroid(face: FaceLandmarks, ks: readonly number[], out: Vec3): Vec3 {
  let x = 0, y = 0, z = 0
  for (const k of ks) {
    x += face.points[3 * k]
    y += face.points[3 * k + 1]
    z += face.points[3 * k + 2]
  }
  out.x = x / ks.length
  out.y = -y / ks.length
  out.z = -z / ks.length
  return out
}
