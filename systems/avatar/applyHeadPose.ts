// Stage.LateUpdate: HeadPose (+ idle sway) → neck and head bones; head offset → hips.
import { defineQuery, type World } from '../../engine/index.ts'
import { HeadPose, IdleLife } from './components.ts'
import { Rig } from './rig.ts'

/** Share of the head rotation the neck takes when there is one; the head takes the rest. */
export const NECK_SHARE = 0.4

/** Avatars whose head pose drives their neck, head and hips. */
const PosedAvatars = defineQuery({ with: [HeadPose, Rig] })

/** Turns every avatar's neck and head from rest by its HeadPose plus idle sway, and shifts its hips by the head offset. */
export function applyHeadPose(world: World): void {
  const q = world.query(PosedAvatars)
  const pose = world.store(HeadPose)
  const idle = world.store(IdleLife)
  const rigs = world.store(Rig).value
  for (let n = 0; n < q.count; n++) {
    const i = q.ids[n]
    const { neck, head, hips } = rigs[i]!.pose
    let yaw = pose.yawDeg[i], pitch = pose.pitchDeg[i], roll = pose.rollDeg[i]
    if (world.hasIndex(i, IdleLife)) {
      yaw += idle.headYawDeg[i]
      pitch += idle.headPitchDeg[i]
      roll += idle.headRollDeg[i]
    }
    if (neck) {
      neck.rotate(yaw * NECK_SHARE, pitch * NECK_SHARE, roll * NECK_SHARE)
      head.rotate(yaw * (1 - NECK_SHARE), pitch * (1 - NECK_SHARE), roll * (1 - NECK_SHARE))
    } else {
      head.rotate(yaw, pitch, roll)
    }
    // The whole body follows the head offset, as a seated streamer leaning in does.
    hips.offset(pose.x[i], pose.y[i], pose.z[i])
  }
}
