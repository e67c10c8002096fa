// Stage.LateUpdate: the idle breathing angle → the chest bone.
import { defineQuery, type World } from '../../engine/index.ts'
import { IdleLife } from './components.ts'
import { Rig } from './rig.ts'

/** Avatars with idle life (the breathing phase) and a rig (the chest bone). */
const BreathingAvatars = defineQuery({ with: [IdleLife, Rig] })

/** Tilts every idling avatar's chest by its breathing angle. */
export function applyBreathing(world: World): void {
  const q = world.query(BreathingAvatars)
  const idle = world.store(IdleLife)
  const rigs = world.store(Rig).value
  for (let n = 0; n < q.count; n++) {
    const i = q.ids[n]
    rigs[i]!.pose.chest.rotate(0, idle.breathDeg[i], 0)
  }
}
