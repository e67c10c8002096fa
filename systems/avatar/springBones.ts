// Stage.FixedUpdate: every avatar's spring chains (VRMC_springBone 1.0, see springBone/) step once.
import { defineQuery, Time, type World } from '../../engine/index.ts'
import { Avatar } from './components.ts'
import { Rig } from './rig.ts'
import { stepRig } from './springBone/index.ts'

/** Avatars whose spring chains step each fixed update. */
const SpringAvatars = defineQuery({ with: [Avatar, Rig] })

/** Advances every avatar's spring chains by one fixed step. */
export function springBones(world: World): void {
  const q = world.query(SpringAvatars)
  const rigs = world.store(Rig).value
  const dtS = world.resource(Time).fixedDeltaMs / 1000
  for (let n = 0; n < q.count; n++) stepRig(rigs[q.ids[n]]!.springs, dtS)
}
