// Stage.Update: the solved pose drives every avatar's HeadPose, Gaze and the `mocap` expression
// layer, scaled by the ease weight; idle life steps aside while the pose is marked, and lip-sync
// keeps the mouth while it speaks.
import { defineQuery, type World } from '../../engine/index.ts'
import { Avatar, Expression, Gaze, HeadPose, type ExpressionWeights } from '../avatar/index.ts'
import { EXPRESSION_SOURCES } from '../avatar/index.ts'
import { Mocap, MocapStatus } from './mocap.ts'
import { MOCAP_EXPRESSIONS, MOUTH_EXPRESSIONS } from './pose.ts'

const LIPSYNC_LAYER = EXPRESSION_SOURCES.indexOf('lipsync')
/** The avatars driven. */
const Driven = defineQuery({ with: [Avatar, Expression, HeadPose, Gaze] })

/** Whether the lip-sync layer holds any mouth shape: then the host is speaking and lip-sync owns the mouth. */
export function lipSyncOwnsMouth(weights: ExpressionWeights): boolean {
  const layer = weights.layers[LIPSYNC_LAYER]
  for (const name of MOUTH_EXPRESSIONS) {
    const slot = weights.slotIfKnown(name)
    if (slot >= 0 && !Number.isNaN(layer[slot])) return true
  }
  return false
}

/** Writes the mocap pose to every avatar with HeadPose, Gaze and Expression. */
export function driveAvatars(world: World): void {
  const mocap = world.tryResource(Mocap)
  if (!mocap) return
  const q = world.query(Driven)
  const w = smoothstep(mocap.weight)
  if (w === 0) {
    // Fully eased out: put the head and eyes at rest and hand the mocap layer back, once.
    if (mocap.driving) for (let k = 0; k < q.count; k++) rest(world, q.ids[k])
    mocap.driving = false
    return
  }
  mocap.driving = true
  const tracking = mocap.status === MocapStatus.tracking
  const p = mocap.pose
  const head = world.store(HeadPose)
  const gaze = world.store(Gaze)
  const models = world.store(Avatar).value
  const weights = world.store(Expression).value
  for (let k = 0; k < q.count; k++) {
    const i = q.ids[k]
    head.yawDeg[i] = w * p.yawDeg
    head.pitchDeg[i] = w * p.pitchDeg
    head.rollDeg[i] = w * p.rollDeg
    head.x[i] = w * p.x
    head.y[i] = w * p.y
    head.z[i] = w * p.z
    gaze.yawDeg[i] = w * p.gazeYawDeg
    gaze.pitchDeg[i] = w * p.gazePitchDeg
    // Marked only while a face is tracked: easing out, idle life fades back in on top.
    if (tracking) {
      world.markChanged(i, HeadPose)
      world.markChanged(i, Gaze)
    }
    writeExpressions(weights[i]!, models[i]!.expressions, mocap, w, tracking)
  }
}

function writeExpressions(weights: ExpressionWeights, has: ReadonlyMap<string, unknown>, mocap: Mocap, w: number, tracking: boolean): void {
  const mouthToLipSync = lipSyncOwnsMouth(weights)
  for (let s = 0; s < MOCAP_EXPRESSIONS.length; s++) {
    const name = MOCAP_EXPRESSIONS[s]
    if (!has.has(name)) continue
    // While easing out, idle blinks come back; while lip-sync speaks, it has the mouth alone.
    const handBack = (name === 'blink' && !tracking) || (mouthToLipSync && MOUTH_EXPRESSIONS.includes(name))
    if (handBack) weights.unset(name, 'mocap')
    else weights.set(name, w * mocap.pose.weights[s], 'mocap')
  }
}

function rest(world: World, i: number): void {
  const head = world.store(HeadPose)
  head.yawDeg[i] = head.pitchDeg[i] = head.rollDeg[i] = head.x[i] = head.y[i] = head.z[i] = 0
  world.store(Gaze).yawDeg[i] = world.store(Gaze).pitchDeg[i] = 0
  world.store(Expression).value[i]!.clear('mocap')
}

function smoothstep(t: number): number {
  return t * t * (3 - 2 * t)
}
