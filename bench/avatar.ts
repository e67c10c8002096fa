// Avatar benchmark: CPU time per frame of the avatar systems (spring bones, idle life, head pose,
// breathing, look-at, expression mixing) through App.step on a NullEngine scene, no rendering.
// It drives the hand-built test humanoid (1 and 10 of them) and the shipped default anchor.

import { readFileSync } from 'node:fs'
import { PerformanceObserver, constants } from 'node:perf_hooks'
import { NullEngine } from '@babylonjs/core/Engines/nullEngine'
import { Logger } from '@babylonjs/core/Misc/logger'
import { Scene } from '@babylonjs/core/scene'
import { App, SystemTimings } from '../engine/index.ts'
import { AvatarPlugin, Expression, Gaze, HeadPose, loadAvatar, spawnAvatar } from '../systems/avatar/index.ts'
import type { AvatarModel, ColliderShape, SpringCollider } from '../systems/avatar/index.ts'
import { buildTestAvatar, type ChainSpec, type TestAvatar } from '../tests/unit/avatar/buildTestAvatar.ts'
import { median, percentile, printTable, sig, timeFrames, type BenchResult } from './lib.ts'

/** Frame length the app is stepped with: 60 fps, so one fixed (spring) step a frame. */
const FRAME_MS = 1000 / 60
const WARMUP_FRAMES = 600
const FRAMES = 3000

const HEAD_SPHERE: ColliderShape = { kind: 'sphere', offset: [0, 0.08, 0], radius: 0.1 }
const NECK_SPHERE: ColliderShape = { kind: 'sphere', offset: [0, 0.05, 0], radius: 0.06 }
const SHOULDERS: ColliderShape = { kind: 'capsule', offset: [-0.15, 0.12, 0], tail: [0.15, 0.12, 0], radius: 0.06 }

/** Six hair strands of four joints around the head, each avoiding the three colliders. */
function hairChains(): ChainSpec[] {
  const colliders = [
    { parent: 'head', shape: HEAD_SPHERE },
    { parent: 'neck', shape: NECK_SPHERE },
    { parent: 'chest', shape: SHOULDERS },
  ] as const
  return Array.from({ length: 6 }, (_, c) => {
    const angle = (c / 6) * 2 * Math.PI
    const x = 0.09 * Math.sin(angle), z = 0.09 * Math.cos(angle)
    return {
      parent: 'head', start: [x, 0.12, z], step: [x * 0.3, -0.07, z * 0.3], joints: 4,
      stiffness: 1.2, gravityPower: 0.6, dragForce: 0.35, hitRadius: 0.02, colliders,
    } satisfies ChainSpec
  })
}

/** The benchmark model: 22 expressions with 39 morph binds (plus 2 colour and 1 texture bind), bone look-at, 6 × 4-joint chains, 3 colliders. */
function benchAvatar(): TestAvatar {
  return buildTestAvatar({ lookAt: 'bone', chains: hairChains(), extraExpressions: 3, extraMorphBinds: 6 })
}

/** The shipped default anchor, read from disk. */
const DEFAULT_ANCHOR_URL = new URL('../assets/anchor/anchor.vrm', import.meta.url)

/** The default anchor loaded with `loadAvatar` into its own NullEngine scene, and how to release it all. */
async function loadDefaultAnchor(): Promise<{ model: AvatarModel; dispose: () => void }> {
  // Every NullEngine announces itself on stdout, which carries the JSON; keep warnings and errors (stderr).
  Logger.LogLevels = Logger.WarningLogLevel | Logger.ErrorLogLevel
  const engine = new NullEngine()
  const scene = new Scene(engine)
  try {
    const model = await loadAvatar(scene, new Uint8Array(readFileSync(DEFAULT_ANCHOR_URL)))
    return {
      model,
      dispose: () => {
        model.dispose()
        scene.dispose()
        engine.dispose()
      },
    }
  } catch (err) {
    scene.dispose()
    engine.dispose()
    throw err
  }
}

/** What a model gives the avatar systems to do each frame: spring chains, joints, colliders, expressions, binds. */
function modelCounts(model: AvatarModel): Record<string, number> {
  const colliders = new Set<SpringCollider>()
  let joints = 0
  for (const chain of model.springs) {
    joints += chain.joints.length
    for (const collider of chain.colliders) colliders.add(collider)
  }
  let morphBinds = 0, colorBinds = 0, textureBinds = 0
  for (const expression of model.expressions.values()) {
    morphBinds += expression.morphBinds.length
    colorBinds += expression.materialColorBinds.length
    textureBinds += expression.textureTransformBinds.length
  }
  return {
    springs: model.springs.length, spring_joints: joints, spring_colliders: colliders.size,
    expressions: model.expressions.size, morph_binds: morphBinds, material_color_binds: colorBinds,
    texture_transform_binds: textureBinds,
  }
}

/** An app with `count` test avatars whose lip-sync, emotion, head pose and gaze change every frame. */
function buildApp(count: number): { app: App; avatars: TestAvatar[]; step: () => void } {
  const avatars = Array.from({ length: count }, () => benchAvatar())
  return { ...driveModels(avatars.map((avatar) => avatar.model)), avatars }
}

/**
 * An app with these models spawned (the k-th at x = k, idle seed k + 1), and a step that sets their
 * lip-sync, emotion, head pose and gaze, then runs App.step for one 60 fps frame.
 */
function driveModels(models: readonly AvatarModel[]): { app: App; step: () => void } {
  const count = models.length
  const app = new App({ fixedHz: 60 })
  app.addPlugin(AvatarPlugin)
  const entities = models.map((model, k) => {
    model.root.position.x = k
    const e = spawnAvatar(app.world, model, { seed: k + 1 })
    // Shown, as the studio shows an avatar once spawned (loadAvatar hands it back hidden).
    model.root.setEnabled(true)
    return e
  })
  const indices = entities.map((e) => app.world.indexOf(e))
  const weights = entities.map((e) => app.world.get(e, Expression)!)
  let frame = 0
  const step = (): void => {
    const t = frame++ * FRAME_MS / 1000
    const pose = app.world.store(HeadPose), gaze = app.world.store(Gaze)
    for (let k = 0; k < count; k++) {
      const i = indices[k], w = weights[k]
      // Speech-like mouth motion, a slow emotion change, a drifting head and gaze.
      w.set('aa', 0.5 + 0.5 * Math.sin(t * 11 + k), 'lipsync')
      w.set('oh', 0.5 + 0.5 * Math.sin(t * 7 + k), 'lipsync')
      w.set('happy', 0.5 + 0.5 * Math.sin(t * 0.3 + k), 'emotion')
      pose.yawDeg[i] = 15 * Math.sin(t * 0.7 + k)
      pose.pitchDeg[i] = 5 * Math.sin(t * 0.5 + k)
      app.world.markChanged(i, HeadPose)
      gaze.yawDeg[i] = 20 * Math.sin(t * 0.9 + k)
      gaze.pitchDeg[i] = 10 * Math.sin(t * 0.4 + k)
    }
    app.step(FRAME_MS)
  }
  return { app, step }
}

/** Counts minor garbage collections while `run` executes (a sign of allocation per frame). */
async function countMinorGcs(run: () => void): Promise<number> {
  let minor = 0
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const detail = (entry as unknown as { detail?: { kind?: number } }).detail
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++
    }
  })
  observer.observe({ entryTypes: ['gc'] })
  run()
  // GC entries are delivered asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50))
  observer.disconnect()
  return minor
}

/**
 * Times `step` and records, under `label`: ms_per_frame_<label>(_p95), <label>.<system>_ms and
 * minor_gcs_per_1000_frames_<label>; adds a table row per system.
 */
async function measure(label: string, rowLabel: string, app: App, step: () => void,
  figures: Record<string, number>, rows: Record<string, string | number>[]): Promise<void> {
  const times = timeFrames(step, WARMUP_FRAMES, FRAMES)
  figures[`ms_per_frame_${label}`] = sig(median(times), 3)
  figures[`ms_per_frame_${label}_p95`] = sig(percentile(times, 0.95), 3)
  for (const row of app.world.resource(SystemTimings).rows) {
    if (row.calls === 0) continue
    rows.push({ avatars: rowLabel, system: row.name, stage: row.stage, mean_ms: row.meanMs })
    figures[`${label}.${row.name}_ms`] = sig(row.meanMs, 3)
  }
  figures[`minor_gcs_per_1000_frames_${label}`] = await countMinorGcs(() => {
    for (let f = 0; f < 1000; f++) step()
  })
}

/**
 * Runs one and ten test avatars, then the shipped default anchor, and reports the median CPU time
 * per frame, per-system means, minor GCs and (for the anchor) what the model holds.
 */
export async function avatarBench(): Promise<BenchResult> {
  const figures: Record<string, number> = {}
  const rows: Record<string, string | number>[] = []
  for (const [label, count] of [['1_avatar', 1], ['10_avatars', 10]] as const) {
    process.stderr.write(`  avatar ${label}…\n`)
    const { app, avatars, step } = buildApp(count)
    await measure(label, String(count), app, step, figures, rows)
    for (const avatar of avatars) avatar.dispose()
  }
  process.stderr.write('  avatar default_anchor…\n')
  const anchor = await loadDefaultAnchor()
  try {
    for (const [name, value] of Object.entries(modelCounts(anchor.model))) figures[`default_anchor.${name}`] = value
    const { app, step } = driveModels([anchor.model])
    await measure('default_anchor', '1 (anchor.vrm)', app, step, figures, rows)
  } finally {
    anchor.dispose()
  }
  printTable(rows)
  return {
    figures,
    notes: 'CPU time of App.step(16.7 ms) per frame with AvatarPlugin on a Babylon NullEngine scene (no rendering), median over ' +
      `${FRAMES} frames after ${WARMUP_FRAMES} warm-up frames; _p95 is the 95th percentile. Each avatar is the hand-built test ` +
      'humanoid (tests/unit/avatar/buildTestAvatar.ts): 22 expressions with 39 morph binds, 2 material-colour binds and 1 ' +
      'texture-transform bind, bone look-at, 6 hair chains × 4 joints (18 simulated segments) against 3 colliders (2 spheres, ' +
      '1 capsule), idle life on. Every frame the driver sets lip-sync (aa, oh) and emotion (happy) weights and moves HeadPose ' +
      'and Gaze. <n>.<system>_ms is the mean time of each avatar system over the last 120 runs. minor_gcs_per_1000_frames counts ' +
      'young-generation collections during 1000 more frames (0 means nothing measurable is allocated per frame). ' +
      'ms_per_frame_default_anchor(_p95), default_anchor.<system>_ms and minor_gcs_per_1000_frames_default_anchor are the ' +
      'same measurement, same driver, for one shipped default anchor: assets/anchor/anchor.vrm read with node:fs, loaded ' +
      'with loadAvatar into its own NullEngine scene (the real loader: skinned meshes, morph target managers, toon ' +
      'materials), spawned with spawnAvatar and shown as the studio does. default_anchor.springs, spring_joints (every ' +
      'joint, tails included), spring_colliders (distinct), expressions, morph_binds, material_color_binds and ' +
      'texture_transform_binds count what that file gives the systems to do. Loading time is not measured here.',
  }
}
