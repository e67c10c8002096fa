// Stage.LateUpdate: Gaze (+ idle saccades) → the avatar's look-at applier (eye bones or look expressions).
import { defineQuery, type World } from '../../engine/index.ts'
import { Gaze, IdleLife } from './components.ts'
import { Rig } from './rig.ts'

/** Every rigged avatar: those without a look-at applier are skipped inside. */
const LookingAvatars = defineQuery({ with: [Rig] })

/** Hands every avatar's Gaze (+ idle saccades) to its look-at applier; runs after applyHeadPose, before mixExpressions. */
export function applyLookAt(world: World): void {
  const q = world.query(LookingAvatars)
  const rigs = world.store(Rig).value
  // Gaze is read through its store; entities without it look straight ahead.
  const gaze = world.store(Gaze)
  const idle = world.store(IdleLife)
  for (let n = 0; n < q.count; n++) {
    const i = q.ids[n]
    const applier = rigs[i]!.lookAt
    if (!applier) continue
    let yaw = 0, pitch = 0
    if (world.hasIndex(i, Gaze)) {
      yaw = gaze.yawDeg[i]
      pitch = gaze.pitchDeg[i]
    }
    if (world.hasIndex(i, IdleLife)) {
      yaw += idle.gazeYawDeg[i]
      pitch += idle.gazePitchDeg[i]
    }
    applier.apply(yaw, pitch)
  }
}
