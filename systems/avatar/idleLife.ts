// Stage.Update: what a living face does when nobody drives it — breathing, a slow head sway,
// small eye saccades, and blinks (VRM `blink` on the `idle` layer).
import { defineQuery, Time, type NumericStore, type World } from '../../engine/index.ts'
import { Avatar, Expression, Gaze, HeadPose, IdleLife } from './components.ts'

// Blink timing: a fast close, a short hold, a slower open (measured human blinks are 100–400 ms).
/** How long a blink takes to close the eyes, ms. */
export const BLINK_CLOSE_MS = 60
/** How long a blink keeps them closed, ms. */
export const BLINK_HOLD_MS = 40
/** How long a blink takes to open them again, ms. */
export const BLINK_OPEN_MS = 120
const BLINK_MS = BLINK_CLOSE_MS + BLINK_HOLD_MS + BLINK_OPEN_MS
/** Eyes-open gap between the two closures of a double blink, ms. */
export const DOUBLE_BLINK_GAP_MS = 60
/** Share of blinks that close twice. */
const DOUBLE_BLINK_CHANCE = 0.15
/** Shortest time between blink starts, ms. */
export const BLINK_INTERVAL_MIN_MS = 2000
/** Longest time between blink starts, ms. */
export const BLINK_INTERVAL_MAX_MS = 6000
/** Time between saccades, ms, and how long one takes. */
const SACCADE_INTERVAL_MIN_MS = 500
const SACCADE_INTERVAL_MAX_MS = 3000
const SACCADE_LENGTH_MIN_MS = 30
const SACCADE_LENGTH_MAX_MS = 50
/** Largest saccade offset from the gaze, degrees (VRM range maps shrink this about ninefold on the eye bones). */
const SACCADE_YAW_DEG = 8
const SACCADE_PITCH_DEG = 5
/** Breathing: 15 breaths a minute, chest pitch amplitude in degrees. */
const BREATH_HZ = 0.25
const BREATH_DEG = 0.8
/** Head sway amplitudes, degrees. */
const SWAY_YAW_DEG = 1.5
const SWAY_PITCH_DEG = 1
const SWAY_ROLL_DEG = 0.8
/** Idle head and eye motion wait this long after another source last wrote the pose, then fade in over FADE_MS. */
const QUIET_BEFORE_IDLE_MS = 500
const FADE_MS = 1000

type IdleStore = NumericStore<(typeof IdleLife)['schema']>

/** Avatars that blink, breathe and sway on their own. */
const IdleAvatars = defineQuery({ with: [Avatar, Expression, IdleLife] })

/** Advances every avatar's idle life by one frame and writes its blink to the `idle` layer. */
export function idleLife(world: World): void {
  const q = world.query(IdleAvatars)
  const s = world.store(IdleLife)
  const models = world.store(Avatar).value
  const weights = world.store(Expression).value
  const time = world.resource(Time)
  const dtMs = time.deltaMs
  const headChanged = world.changedTicks(HeadPose)
  const gazeChanged = world.changedTicks(Gaze)
  const since = world.systemLastRun
  for (let n = 0; n < q.count; n++) {
    const i = q.ids[n]
    const t = time.elapsedMs / 1000 + s.phaseS[i]
    s.breathDeg[i] = BREATH_DEG * Math.sin(2 * Math.PI * BREATH_HZ * t)
    // A pose written since this system last ran means someone else drives the head (mocap, a gesture).
    s.headQuietMs[i] = world.hasIndex(i, HeadPose) && headChanged[i] > since ? 0 : s.headQuietMs[i] + dtMs
    s.gazeQuietMs[i] = world.hasIndex(i, Gaze) && gazeChanged[i] > since ? 0 : s.gazeQuietMs[i] + dtMs
    sway(s, i, t, fade(s.headQuietMs[i]))
    saccade(s, i, dtMs, fade(s.gazeQuietMs[i]))
    const blink = advanceBlink(s, i, dtMs)
    if (models[i]!.expressions.has('blink')) weights[i]!.set('blink', blink, 'idle')
  }
}

/** 0 while driven, then 0 → 1 over FADE_MS once the source has been quiet for QUIET_BEFORE_IDLE_MS. */
function fade(quietMs: number): number {
  const t = (quietMs - QUIET_BEFORE_IDLE_MS) / FADE_MS
  return t <= 0 ? 0 : t >= 1 ? 1 : t
}

/** Low-frequency noise: two incommensurate sines per axis, so the sway never visibly repeats. */
function sway(s: IdleStore, i: number, t: number, weight: number): void {
  s.headYawDeg[i] = weight * SWAY_YAW_DEG * (0.6 * Math.sin(0.41 * t) + 0.4 * Math.sin(1.13 * t + 1.7))
  s.headPitchDeg[i] = weight * SWAY_PITCH_DEG * (0.6 * Math.sin(0.53 * t + 0.9) + 0.4 * Math.sin(1.37 * t + 2.3))
  s.headRollDeg[i] = weight * SWAY_ROLL_DEG * (0.6 * Math.sin(0.31 * t + 2.1) + 0.4 * Math.sin(0.97 * t + 0.4))
}

/** Holds the eyes on a small offset, jumping to a new one every 0.5–3 s in 30–50 ms. */
function saccade(s: IdleStore, i: number, dtMs: number, weight: number): void {
  s.nextSaccadeMs[i] -= dtMs
  s.saccadeMs[i] += dtMs
  if (s.nextSaccadeMs[i] <= 0) {
    s.fromYawDeg[i] = s.toYawDeg[i]
    s.fromPitchDeg[i] = s.toPitchDeg[i]
    s.toYawDeg[i] = SACCADE_YAW_DEG * (2 * random(s.rng, i) - 1)
    s.toPitchDeg[i] = SACCADE_PITCH_DEG * (2 * random(s.rng, i) - 1)
    s.saccadeLengthMs[i] = between(s.rng, i, SACCADE_LENGTH_MIN_MS, SACCADE_LENGTH_MAX_MS)
    s.saccadeMs[i] = -s.nextSaccadeMs[i]
    s.nextSaccadeMs[i] += between(s.rng, i, SACCADE_INTERVAL_MIN_MS, SACCADE_INTERVAL_MAX_MS)
  }
  const k = smoothstep(s.saccadeMs[i] / s.saccadeLengthMs[i])
  s.gazeYawDeg[i] = weight * (s.fromYawDeg[i] + (s.toYawDeg[i] - s.fromYawDeg[i]) * k)
  s.gazePitchDeg[i] = weight * (s.fromPitchDeg[i] + (s.toPitchDeg[i] - s.fromPitchDeg[i]) * k)
}

/** Advances the blink clock and returns the blink weight (1 = closed). */
function advanceBlink(s: IdleStore, i: number, dtMs: number): number {
  s.nextBlinkMs[i] -= dtMs
  s.blinkMs[i] += dtMs
  if (s.nextBlinkMs[i] <= 0) {
    // Start the blink where it should have started, so its curve does not depend on the frame rate.
    s.blinkMs[i] = -s.nextBlinkMs[i]
    s.nextBlinkMs[i] += between(s.rng, i, BLINK_INTERVAL_MIN_MS, BLINK_INTERVAL_MAX_MS)
    s.doubleBlink[i] = random(s.rng, i) < DOUBLE_BLINK_CHANCE ? 1 : 0
  }
  const b = s.blinkMs[i]
  if (b < BLINK_MS) return blinkCurve(b)
  if (s.doubleBlink[i] === 1 && b >= BLINK_MS + DOUBLE_BLINK_GAP_MS) return blinkCurve(b - BLINK_MS - DOUBLE_BLINK_GAP_MS)
  return 0
}

/** Eyelid closure at `ms` into one closure: eased close, hold, eased open; 0 outside. */
export function blinkCurve(ms: number): number {
  if (ms < 0 || ms >= BLINK_MS) return 0
  if (ms < BLINK_CLOSE_MS) return smoothstep(ms / BLINK_CLOSE_MS)
  if (ms < BLINK_CLOSE_MS + BLINK_HOLD_MS) return 1
  return 1 - smoothstep((ms - BLINK_CLOSE_MS - BLINK_HOLD_MS) / BLINK_OPEN_MS)
}

function smoothstep(x: number): number {
  const t = x <= 0 ? 0 : x >= 1 ? 1 : x
  return t * t * (3 - 2 * t)
}

function between(rng: Uint32Array, i: number, min: number, max: number): number {
  return min + (max - min) * random(rng, i)
}

/** mulberry32: a uniform number in [0, 1) from generator state `rng[i]`, which it advances. */
function random(rng: Uint32Array, i: number): number {
  const state = (rng[i] + 0x6d2b79f5) >>> 0
  rng[i] = state
  let t = Math.imul(state ^ (state >>> 15), state | 1)
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296
}

/** First values of an avatar's idle life from its seed: the first blink and saccade come within 0.5–3 s. */
export function initialIdle(seed: number): { rng: number; nextBlinkMs: number; nextSaccadeMs: number; phaseS: number } {
  const rng = new Uint32Array([seed >>> 0])
  const nextBlinkMs = between(rng, 0, 500, 3000)
  const nextSaccadeMs = between(rng, 0, 500, 3000)
  const phaseS = between(rng, 0, 0, 1000)
  return { rng: rng[0], nextBlinkMs, nextSaccadeMs, phaseS }
}
