import { describe, expect, it } from 'vitest'
import { BLENDSHAPE_NAMES } from '../../../systems/mocap/blendshapes.ts'
import { blinkFromOpening, mapMouth } from '../../../systems/mocap/solver.ts'
import { FaceSolver, MocapPose, MocapSettings, type FaceLandmarks } from '../../../systems/mocap/index.ts'
import { EXPRESSION_SLOT } from '../../../systems/mocap/pose.ts'
import { syntheticFace, type SyntheticFaceOptions } from './syntheticFace.ts'

/** Solves one face with filtering effectively off (each solve is a fresh first sample). */
function solveOnce(face: FaceLandmarks, settings = new MocapSettings(), solver = calibratedSolver()): MocapPose {
  solver.resetFilters()
  return solver.solve({ landmarks: face, blendshapes: null }, 0, settings, new MocapPose())
}

/** A solver calibrated on the synthetic frontal face. */
function calibratedSolver(neutral: SyntheticFaceOptions = {}): FaceSolver {
  const solver = new FaceSolver()
  solver.solve({ landmarks: syntheticFace(neutral), blendshapes: null }, 0, new MocapSettings(), new MocapPose())
  solver.calibrate()
  return solver
}

const unmirrored = () => Object.assign(new MocapSettings(), { mirror: false })

describe('FaceSolver', () => {
  it('gives the rest pose for the calibrated neutral face', () => {
    const p = solveOnce(syntheticFace())
    expect(p.yawDeg).toBeCloseTo(0, 3)
    expect(p.rollDeg).toBeCloseTo(0, 3)
    for (const w of p.weights) expect(w).toBeCloseTo(0, 3)
  })

  it('turns the anchor like a reflection when mirrored (the default) and like the performer when not', () => {
    const face = syntheticFace({ yawDeg: 20, rollDeg: 10 })
    const mirrored = solveOnce(face)
    expect(mirrored.yawDeg).toBeCloseTo(-20, 0)
    expect(mirrored.rollDeg).toBeCloseTo(-10, 1)
    const same = solveOnce(face, unmirrored())
    expect(same.yawDeg).toBeCloseTo(20, 0)
    expect(same.pitchDeg).toBeCloseTo(0, 1)
  })

  it('closes the performer\u2019s right eye on the anchor\u2019s left eye when mirrored, its right when not', () => {
    const face = syntheticFace({ rightLidPx: 1 })
    const mirrored = solveOnce(face)
    expect(mirrored.weight('blinkLeft')).toBe(1)
    expect(mirrored.weight('blinkRight')).toBe(0)
    const same = solveOnce(face, unmirrored())
    expect(same.weight('blinkRight')).toBe(1)
    // Tracked eyes hold the idle both-eyes blink open.
    expect(same.weight('blink')).toBe(0)
  })

  it('reads an open mouth as aa, an open round one as oh, a spread nearly closed one as ee', () => {
    expect(solveOnce(syntheticFace({ lipGapPx: 36 })).weight('aa')).toBeGreaterThan(0.9)
    const round = solveOnce(syntheticFace({ lipGapPx: 36, mouthHalfWidthPx: 19 }))
    expect(round.weight('oh')).toBeGreaterThan(0.9)
    expect(round.weight('aa')).toBeLessThan(0.1)
    const spread = solveOnce(syntheticFace({ mouthHalfWidthPx: 32 }))
    expect(spread.weight('ee')).toBeGreaterThan(0.9)
  })

  it('reads raised mouth corners as happy and raised or lowered brows as surprised or angry', () => {
    expect(solveOnce(syntheticFace({ cornerLiftPx: 6 })).weight('happy')).toBeGreaterThan(0.9)
    expect(solveOnce(syntheticFace({ browPx: 33 })).weight('surprised')).toBeGreaterThan(0.9)
    const frown = solveOnce(syntheticFace({ browPx: 23 }))
    expect(frown.weight('angry')).toBeGreaterThan(0.9)
    expect(frown.weight('surprised')).toBe(0)
  })

  it('turns the eyes towards the performer\u2019s left for irises moved that way, and holds the gaze while the eyes are shut', () => {
    const solver = calibratedSolver()
    const settings = unmirrored()
    const out = new MocapPose()
    solver.resetFilters()
    solver.solve({ landmarks: syntheticFace({ irisPx: 4 }), blendshapes: null }, 0, settings, out)
    expect(out.gazeYawDeg).toBeCloseTo((4 / 30) * 150, 0)
    solver.resetFilters()
    solver.solve({ landmarks: syntheticFace({ irisPx: -4, rightLidPx: 1, leftLidPx: 1 }), blendshapes: null }, 0, settings, out)
    expect(out.gazeYawDeg).toBeCloseTo((4 / 30) * 150, 0)
  })

  it('moves the head forward when the face grows and clamps the offset', () => {
    const p = solveOnce(syntheticFace({ scale: 2 }))
    expect(p.z).toBeCloseTo(0.15, 3)
    expect(solveOnce(syntheticFace({ scale: 1.2 })).z).toBeCloseTo(0.5 * 0.3 * Math.log2(1.2), 3)
  })

  it('uses tasks-vision blendshapes for expressions when the tracker gives them', () => {
    const bs = new Float32Array(BLENDSHAPE_NAMES.length)
    bs[BLENDSHAPE_NAMES.indexOf('eyeBlinkLeft')] = 0.8
    bs[BLENDSHAPE_NAMES.indexOf('jawOpen')] = 0.6
    bs[BLENDSHAPE_NAMES.indexOf('mouthSmileLeft')] = 1
    bs[BLENDSHAPE_NAMES.indexOf('mouthSmileRight')] = 0.5
    const solver = calibratedSolver()
    solver.resetFilters()
    const p = solver.solve({ landmarks: syntheticFace(), blendshapes: bs }, 0, unmirrored(), new MocapPose())
    expect(p.weight('blinkLeft')).toBeCloseTo(0.8, 5)
    expect(p.weight('aa')).toBeCloseTo(0.6, 5)
    expect(p.weight('happy')).toBeCloseTo(0.75, 5)
  })

  it('smooths the head angles over frames and forgets them on resetFilters', () => {
    const solver = calibratedSolver()
    const out = new MocapPose()
    solver.solve({ landmarks: syntheticFace(), blendshapes: null }, 0, unmirrored(), out)
    solver.solve({ landmarks: syntheticFace({ yawDeg: 30 }), blendshapes: null }, 33, unmirrored(), out)
    expect(out.yawDeg).toBeGreaterThan(0)
    expect(out.yawDeg).toBeLessThan(30)
    solver.resetFilters()
    solver.solve({ landmarks: syntheticFace({ yawDeg: 30 }), blendshapes: null }, 66, unmirrored(), out)
    expect(out.yawDeg).toBeCloseTo(30, 1)
  })
})

describe('solver mappings', () => {
  it('maps eye opening to closure between 80 % and 35 % of neutral', () => {
    expect(blinkFromOpening(0.3, 0.3)).toBe(0)
    expect(blinkFromOpening(0.24, 0.3)).toBeCloseTo(0, 5)
    expect(blinkFromOpening(0.105, 0.3)).toBeCloseTo(1, 5)
    expect(blinkFromOpening(0.1725, 0.3)).toBeCloseTo(0.5, 5)
  })

  it('never makes visemes that sum above 1 for a plain mouth', () => {
    const w = new Float32Array(16)
    for (const open of [0, 0.3, 1]) for (const round of [0, 0.5, 1]) {
      mapMouth(open, round, 0, w)
      const sum = w[EXPRESSION_SLOT.aa] + w[EXPRESSION_SLOT.oh] + w[EXPRESSION_SLOT.ou]
      expect(sum).toBeLessThanOrEqual(1 + 1e-6)
    }
  })
})
