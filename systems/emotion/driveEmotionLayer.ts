// update stage (after followSpeech): the eased weights go onto the `emotion` layer of every avatar.
import { Time, defineQuery, type World } from '../../engine/index.ts'
import { Avatar, Expression } from '../avatar/index.ts'
import { Mood } from './mood.ts'
import { EMOTION_PRESETS } from './presets.ts'

/** Avatars whose expressions the mood drives. */
const Avatars = defineQuery({ with: [Avatar, Expression] })

/**
 * Samples the tweens and writes each preset onto the `emotion` layer of every avatar that has that
 * expression. A preset at 0 with nowhere else to go is unset, so the layer is released (neutral) and
 * lower layers show; higher ones (mocap, lipsync, manual) win over it in the mixer as always.
 */
export function driveEmotionLayer(world: World): void {
  const mood = world.resource(Mood)
  const tweens = mood.tweens
  tweens.sample(world.resource(Time).elapsedMs)
  const q = world.query(Avatars)
  const store = world.store(Expression).value
  for (let k = 0; k < q.count; k++) {
    const weights = store[q.ids[k]]!
    for (let p = 0; p < EMOTION_PRESETS.length; p++) {
      const name = EMOTION_PRESETS[p]
      // Only expressions the avatar has: a name it lacks would be listed as unknown for nothing.
      if (weights.slotIfKnown(name) < 0) continue
      const w = tweens.weights[p]
      if (w <= 0 && tweens.target(p) === 0) weights.unset(name, 'emotion')
      else weights.set(name, w, 'emotion')
    }
  }
}
