import { describe, expect, it } from 'vitest'
import { createFeatures, measureFace } from '../../../systems/mocap/features.ts'
import { YAW_CUES, measureYaw } from '../../../systems/mocap/features.ts'
import { syntheticFace } from './syntheticFace.ts'

const measure = (options: Parameters<typeof syntheticFace>[0]) => measureFace(syntheticFace(options), createFeatures())

describe('measureFace', () => {
  it('reads a frontal face as yaw, pitch and roll 0', () => {
    const f = measure({})
    expect(f.yawDeg).toBeCloseTo(0, 3)
    expect(f.pitchDeg).toBeCloseTo(0, 3)
    expect(f.rollDeg).toBeCloseTo(0, 3)
  })

  it.each([
    [{ yawDeg: 25 }, 25, 0, 0],
    [{ yawDeg: -40 }, -40, 0, 0],
    [{ pitchDeg: 15 }, 0, 15, 0],
    [{ rollDeg: -20 }, 0, 0, -20],
  ])('recovers the head rotation %o in sign and size', (pose, yaw, pitch, roll) => {
    const f = measure(pose)
    expect(f.yawDeg).toBeCloseTo(yaw, 1)
    expect(f.pitchDeg).toBeCloseTo(pitch, 2)
    expect(f.rollDeg).toBeCloseTo(roll, 2)
  })

  it('recovers a combined turn, tilt and nod within 3° (yaw is read in the image plane)', () => {
    const f = measure({ yawDeg: 20, pitchDeg: -10, rollDeg: 15 })
    expect(Math.abs(f.yawDeg - 20)).toBeLessThan(3)
    expect(f.pitchDeg).toBeCloseTo(-10, 1)
    expect(f.rollDeg).toBeCloseTo(15, 1)
  })

  it('reads yaw from several cues on one scale: each alone and all together recover a known turn', () => {
    for (const yaw of [-30, -10, 15, 35]) {
      const face = syntheticFace({ yawDeg: yaw })
      for (const cue of YAW_CUES) expect(measureYaw(face, [cue])).toBeCloseTo(yaw, 1)
      expect(measureYaw(face)).toBeCloseTo(yaw, 1)
    }
  })

  it('jitters less with all yaw cues than with the nose bridge alone on noisy landmarks', () => {
    // Independent Gaussian noise of 0.5 px on every point (the tracker's on a still face), from a fixed seed.
    let seed = 12345
    const uniform = () => ((seed = (seed * 1664525 + 1013904223) >>> 0) + 0.5) / 2 ** 32
    const gauss = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
    const std = (xs: number[]) => {
      const mean = xs.reduce((s, x) => s + x, 0) / xs.length
      return Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length)
    }
    const single: number[] = [], combined: number[] = []
    for (let k = 0; k < 400; k++) {
      const face = syntheticFace({ yawDeg: 10, scale: 1.3 })
      for (let i = 0; i < face.points.length; i += 3) {
        face.points[i] += 0.5 * gauss()
        face.points[i + 1] += 0.5 * gauss()
      }
      single.push(measureYaw(face, [YAW_CUES[0]]))
      combined.push(measureYaw(face))
    }
    expect(std(combined)).toBeLessThan(0.6 * std(single))
    // Still centred on the true turn.
    expect(combined.reduce((s, x) => s + x, 0) / combined.length).toBeCloseTo(10, 0)
  })

  it('measures eye openness per eye, unchanged by a head turn', () => {
    const f = measure({ rightLidPx: 9, leftLidPx: 1.5 })
    expect(f.eyeOpenRight).toBeCloseTo(0.3, 3)
    expect(f.eyeOpenLeft).toBeCloseTo(0.05, 3)
    const turned = measure({ rightLidPx: 9, leftLidPx: 1.5, yawDeg: 20, rollDeg: 10 })
    expect(turned.eyeOpenRight).toBeCloseTo(0.3, 3)
  })

  it('measures mouth opening, width and corner lift in eye-corner distances, independent of face size', () => {
    const small = measure({ lipGapPx: 27, mouthHalfWidthPx: 30, cornerLiftPx: 4.5 })
    const large = measure({ lipGapPx: 27, mouthHalfWidthPx: 30, cornerLiftPx: 4.5, scale: 2 })
    expect(small.mouthOpen).toBeCloseTo(27 / 90, 3)
    expect(small.mouthWidth).toBeCloseTo(60 / 90, 3)
    expect(small.mouthCornerLift).toBeCloseTo(4.5 / 90, 3)
    expect(large.mouthOpen).toBeCloseTo(small.mouthOpen, 3)
    expect(large.scale).toBeCloseTo(2 * small.scale, 3)
  })

  it('measures irises relative to each eye whichever order the model lists them in, and skips them without iris points', () => {
    const f = measure({ irisPx: 6 })
    expect(f.irisRightH).toBeCloseTo(6 / 30, 3)
    expect(f.irisLeftH).toBeCloseTo(6 / 30, 3)
    const none = measure({ count: 468 })
    expect(none.hasIris).toBe(false)
  })

  it('places the face centre relative to the image centre, +x towards the performer\u2019s left, +y up', () => {
    const f = measure({ dx: 64, dy: 48 })
    expect(f.x).toBeCloseTo(0.1, 3)
    // The point measured is between the eyes, 5 px above the centre of the synthetic face.
    expect(f.y).toBeCloseTo(0.1 + 5 / 480, 3)
  })

  it('refuses a landmark set smaller than the face mesh', () => {
    expect(() => measureFace({ points: new Float32Array(30), count: 10, width: 640, height: 480 }, createFeatures())).toThrow(/468 landmarks/)
  })
})
