// Motion capture as tests (and the mocap benchmark) see it: plain numbers, read live.
import type { World } from '../../../engine/index.ts'
import { Expression, HeadPose, IdleLife } from '../../../systems/avatar/index.ts'
import { MOCAP_EXPRESSIONS, Mocap, type MocapPose } from '../../../systems/mocap/index.ts'
import { StageAvatar } from '../stageAvatar.ts'

/** A pose as plain numbers: head and gaze in degrees and metres, expression weights by name. */
export interface PoseSnapshot {
  yawDeg: number
  pitchDeg: number
  rollDeg: number
  x: number
  y: number
  z: number
  gazeYawDeg: number
  gazePitchDeg: number
  weights: Record<string, number>
}

/** Motion capture as tests see it. */
export interface MocapSnapshot {
  status: string
  message: string
  tracker: string
  /** How much the pose drives the anchor, 0..1. */
  weight: number
  calibrated: boolean
  /** Solved pose after and before filtering (avatar frame). */
  pose: PoseSnapshot
  rawPose: PoseSnapshot
  /** The avatar on stage: its HeadPose, its idle sway (sum of |offsets|, 0 while mocap drives the head), and its mixed mocap-driven expressions. */
  avatar: { headYawDeg: number; headRollDeg: number; idleSwayDeg: number; resolved: Record<string, number> } | null
  stats: { trackingFps: number; detectMs: number; frameToPoseMs: number; tracked: number; skipped: number }
}

/** Motion capture's hooks: `window.__genanchor.mocap`. */
export interface MocapTestHooks {
  snapshot(): MocapSnapshot
  start(): Promise<void>
  stop(): void
  calibrate(): void
}


function poseOf(p: MocapPose): PoseSnapshot {
  const weights: Record<string, number> = {}
  MOCAP_EXPRESSIONS.forEach((name, k) => (weights[name] = p.weights[k]))
  const { yawDeg, pitchDeg, rollDeg, x, y, z, gazeYawDeg, gazePitchDeg } = p
  return { yawDeg, pitchDeg, rollDeg, x, y, z, gazeYawDeg, gazePitchDeg, weights }
}

/** Makes motion capture's hooks over `world`. */
export function mocapHooks(world: World): MocapTestHooks {
  const mocap = world.resource(Mocap)
  return {
    start: () => mocap.start(),
    stop: () => mocap.stop(),
    calibrate: () => mocap.calibrate(),
    snapshot() {
      const s = mocap.stats
      const stage = world.resource(StageAvatar)
      let avatar: MocapSnapshot['avatar'] = null
      if (stage.entity !== null && world.isAlive(stage.entity)) {
        const i = world.indexOf(stage.entity)
        const resolved: Record<string, number> = {}
        const expressions = world.get(stage.entity, Expression)
        for (const name of MOCAP_EXPRESSIONS) resolved[name] = expressions?.resolved.get(name) ?? 0
        const idle = world.hasIndex(i, IdleLife) ? world.store(IdleLife) : null
        // Idle sway's share now: its offsets are scaled by a 0..1 fade that is 0 while mocap drives the head.
        const sway = idle ? Math.abs(idle.headYawDeg[i]) + Math.abs(idle.headPitchDeg[i]) + Math.abs(idle.headRollDeg[i]) : 0
        avatar = { headYawDeg: world.store(HeadPose).yawDeg[i], headRollDeg: world.store(HeadPose).rollDeg[i], idleSwayDeg: sway, resolved }
      }
      return {
        status: mocap.status,
        message: mocap.message,
        tracker: mocap.trackerDescription,
        weight: mocap.weight,
        calibrated: mocap.solver.calibrated,
        pose: poseOf(mocap.pose),
        rawPose: poseOf(mocap.rawPose),
        avatar,
        stats: { trackingFps: s.trackingFps, detectMs: s.detectMs, frameToPoseMs: s.frameToPoseMs, tracked: s.tracked, skipped: s.skipped },
      }
    },
  }
}
