import { Time, defineComponent, type World } from '../../engine/index.ts'
import { Transform } from '../../systems/render/index.ts'

/**
 * A gentle periodic motion around a node's rest pose: rotation amplitudes in radians, bob in metres.
 * The swayed node's rest rotation must be zero (put angled meshes under it), since sway writes the rotation.
 */
export const Sway = defineComponent('Sway', {
  hz: 'f32',
  phaseRad: 'f32',
  pitchRad: 'f32',
  yawRad: 'f32',
  rollRad: 'f32',
  bobM: 'f32',
  restY: 'f32',
})

/** Moves every swaying entity's `Transform` for the current time; stage: update (it is behaviour). */
export function idleSway(world: World): void {
  const q = world.query({ with: [Sway, Transform] })
  const s = world.store(Sway)
  const t = world.store(Transform)
  const seconds = world.resource(Time).elapsedMs / 1000
  for (let k = 0; k < q.count; k++) {
    const i = q.ids[k]
    const angle = 2 * Math.PI * s.hz[i] * seconds + s.phaseRad[i]
    // Yaw and roll use slower, offset waves so the motion never looks like one mechanical swing.
    t.rx[i] = s.pitchRad[i] * Math.sin(angle)
    t.ry[i] = s.yawRad[i] * Math.sin(angle * 0.5 + 1.3)
    t.rz[i] = s.rollRad[i] * Math.sin(angle * 0.75 + 0.4)
    t.y[i] = s.restY[i] + s.bobM[i] * Math.sin(angle * 2)
  }
}
