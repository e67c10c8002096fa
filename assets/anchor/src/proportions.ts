// Key measures of the figure (metres, model space: +Y up, facing +Z, feet at y = 0), shared by the
// skeleton and every shape so that moving one number moves everything built on it.
import type { Vec3 } from './math.ts'

/** Heights and offsets of the body and the face. */
export const Body = {
  /** Top of the hair. */
  height: 1.55,
  ankleY: 0.075,
  kneeY: 0.445,
  hipJointY: 0.8,
  hipsY: 0.84,
  shoulderY: 1.195,
  neckY: 1.225,
  headY: 1.285,
  /** Centre of the skull's ellipsoid. */
  headCentre: [0, 1.4, 0.008] as Vec3,
  upperArmLength: 0.235,
  forearmLength: 0.215,
  legX: 0.082,
} as const

/** Where the face features sit (model-space x, y); all are drawn onto the face from the front. */
export const Face = {
  eyeX: 0.0365,
  eyeY: 1.396,
  browY: 1.433,
  mouthY: 1.3425,
  noseY: 1.367,
  blushX: 0.051,
  blushY: 1.368,
} as const
