// The avatar's public components: what other capabilities read and write to move the avatar.
import { defineComponent, defineObject } from '../../engine/index.ts'
import type { AvatarModel } from './model.ts'
import type { ExpressionWeights } from './expressionWeights.ts'

/** The loaded avatar of an entity (its node tree, expressions, springs). */
export const Avatar = defineObject<AvatarModel>('Avatar')

/** Expression weights by layer (idle < emotion < mocap < lipsync < manual) and their mixed result. */
export const Expression = defineObject<ExpressionWeights>('Expression')

/**
 * Head rotation in degrees from rest (40 % on the neck, 60 % on the head) and head offset in
 * metres (moves the hips), in the avatar's own space: +yaw turns to the avatar's left, +pitch looks
 * up, +roll tilts towards its right shoulder; +x is its left, +y up, +z forward. Default all 0.
 * A writer that replaces idle motion (face tracking) calls `world.markChanged(index, HeadPose)`
 * each frame it writes: idle sway steps aside until 0.5 s after the last mark, then fades back
 * over 1 s. Idle sway is added on top of unmarked writes.
 */
export const HeadPose = defineComponent('HeadPose', {
  yawDeg: 'f32', pitchDeg: 'f32', rollDeg: 'f32', x: 'f32', y: 'f32', z: 'f32',
})

/**
 * Eye direction relative to the head in degrees, before the VRM range maps: +yaw to the avatar's
 * left, +pitch up. Default 0 (straight ahead). As with HeadPose, `world.markChanged(index, Gaze)`
 * (tracked eyes) makes idle saccades step aside; an aiming behaviour that leaves it unmarked keeps them.
 */
export const Gaze = defineComponent('Gaze', { yawDeg: 'f32', pitchDeg: 'f32' })

/**
 * Idle life of an avatar (breathing, head sway, saccades, blinks): its state and what it adds.
 * `spawnAvatar` adds it; remove it to keep the avatar still. The `*Deg` outputs are offsets the
 * pose and look-at systems add on top of `HeadPose` and `Gaze`, already faded out while another
 * source drives those.
 */
export const IdleLife = defineComponent('IdleLife', {
  /** Random generator state (mulberry32), seeded at spawn so runs repeat. */
  rng: 'u32',
  /** Time until the next blink starts, ms. */
  nextBlinkMs: 'f64',
  /** Time since the current blink started, ms (large when none is running). */
  blinkMs: { type: 'f64', default: 1e9 },
  /** 1 when the current blink closes the eyes twice. */
  doubleBlink: 'u8',
  /** Time until the next saccade, ms. */
  nextSaccadeMs: 'f64',
  /** Time since the current saccade started, ms, and how long it takes. */
  saccadeMs: { type: 'f64', default: 1e9 },
  saccadeLengthMs: { type: 'f32', default: 40 },
  /** Saccade start and end, degrees. */
  fromYawDeg: 'f32', fromPitchDeg: 'f32', toYawDeg: 'f32', toPitchDeg: 'f32',
  /** Seconds added to the clock of the sway noise, so avatars sway out of step. */
  phaseS: 'f32',
  /** Time since another system last wrote HeadPose / Gaze, ms. */
  headQuietMs: 'f64', gazeQuietMs: 'f64',
  /** Outputs: head sway, eye offset and chest breathing rotation, degrees. */
  headYawDeg: 'f32', headPitchDeg: 'f32', headRollDeg: 'f32',
  gazeYawDeg: 'f32', gazePitchDeg: 'f32',
  breathDeg: 'f32',
})
