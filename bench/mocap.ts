// Motion-capture benchmark: the offline tracker (human, tfjs WASM) in headless Chromium at 640 × 480,
// fed by the fake camera playing the project's test clips (tests/fixtures/mocap/makeVideos.ts).
// 1. Tracker alone: a blank page of the studio's server runs the mocap worker on camera frames one
//    after another (no stage drawing beside it): frames/s and per-frame tracker time.
// 2. In the studio: the stage draws while the camera panel tracks the still clip (a frontal face with
//    sensor-like noise): head-angle jitter before and after the One-Euro filter, camera frame →
//    avatar pose latency, and the tracking rate the performer gets.
// tasks-vision is the peer only when a face_landmarker.task is available; none ships here.

import { mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { launchChromium, openStudio, startStudioServer, type BrowserSession, type StudioServer } from '../tests/e2e/harness.ts'
import { makeMocapVideos } from '../tests/fixtures/mocap/makeVideos.ts'
import type { MocapSnapshot } from '../scenes/studio/testHooks/index.ts'
import { FaceSolver, MocapPose, MocapSettings } from '../systems/mocap/index.ts'
import { median, percentile, sig, type BenchResult } from './lib.ts'

/** Frames tracked back to back by the tracker-alone run, after WARMUP untimed ones. */
const WARMUP = 10
const FRAMES = 100
/** How long the studio run records the still face, ms. */
const STUDIO_MS = 20_000

const cameraArgs = (file: string) => ['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-video-capture=${file}`]

/**
 * In the page: opens the (fake) camera, starts the mocap worker with the human tracker, then tracks
 * `count` frames one at a time; resolves with each frame's worker time and round trip (ms) and
 * whether a face was found. Plain JavaScript text: tsx would add helpers to a compiled function.
 */
const TRACK_IN_WORKER = `async (count) => {
  const stream = await navigator.mediaDevices.getUserMedia({ video: { width: 640, height: 480 } })
  const video = document.createElement('video')
  video.muted = true
  video.srcObject = stream
  await video.play()
  const worker = new Worker('/systems/mocap/worker.ts?worker_file&type=module', { type: 'module' })
  const next = () => new Promise((resolve, reject) => {
    worker.onmessage = (e) => (e.data.type === 'error' ? reject(new Error(e.data.message)) : resolve(e.data))
  })
  worker.postMessage({ type: 'load', tracker: 'human', assetBase: new URL('/mocap-assets/', location.href).href, modelUrl: '' })
  const ready = await next()
  const frames = []
  for (let id = 1; id <= count; id++) {
    await new Promise((r) => video.requestVideoFrameCallback(r))
    const started = performance.now()
    const image = await createImageBitmap(video)
    worker.postMessage({ type: 'frame', id, image, timeMs: started }, [image])
    const result = await next()
    frames.push({ detectMs: result.detectMs, roundTripMs: performance.now() - started, timeMs: started, face: result.face && { ...result.face, points: Array.from(result.face.points) } })
  }
  worker.terminate()
  for (const t of stream.getTracks()) t.stop()
  return { tracker: ready.description, frames }
}`

interface TrackerRun {
  tracker: string
  frames: { detectMs: number; roundTripMs: number; timeMs: number; face: { points: number[]; count: number; width: number; height: number } | null }[]
}

/**
 * Runs the studio's solver (default settings) over the tracker-alone frames at the times they were
 * taken (~30 per second): the pose before and after the One-Euro filter for each frame with a face.
 */
function solveFrames(run: TrackerRun): { raw: MocapPose[]; filtered: MocapPose[] } {
  const solver = new FaceSolver()
  const settings = new MocapSettings()
  const raw: MocapPose[] = [], filtered: MocapPose[] = []
  for (const f of run.frames) {
    if (!f.face) continue
    const landmarks = { ...f.face, points: Float32Array.from(f.face.points) }
    const r = new MocapPose()
    filtered.push(solver.solve({ landmarks, blendshapes: null }, f.timeMs, settings, new MocapPose(), r))
    raw.push(r)
  }
  return { raw, filtered }
}

async function trackerAlone(server: StudioServer, still: string): Promise<TrackerRun & { browser: string }> {
  const session = await launchChromium('webgl2', cameraArgs(still))
  try {
    const page = await session.context.newPage()
    // A plain file of the same origin: the worker may start there, and no stage draws beside it.
    await page.goto(new URL('package.json', server.url).href)
    const run = (await page.evaluate(`(${TRACK_IN_WORKER})(${WARMUP + FRAMES})`)) as TrackerRun
    return { ...run, frames: run.frames.slice(WARMUP), browser: session.context.browser()?.version() ?? 'Chromium' }
  } finally {
    await session.close()
  }
}

/** Records every newly tracked frame of the studio for `ms`. */
async function studioRun(server: StudioServer, still: string): Promise<MocapSnapshot[]> {
  let session: BrowserSession | null = null
  try {
    session = await launchChromium('webgl2', cameraArgs(still))
    session.context.setDefaultNavigationTimeout(120_000)
    const studio = await openStudio(session, server.url, '?gpu=webgl2')
    const page = studio.page
    await page.waitForFunction(() => window.__genanchor != null, undefined, { timeout: 120_000 })
    await page.evaluate(() => window.__genanchor!.mocap.start())
    await page.waitForFunction(() => window.__genanchor!.mocap.snapshot().status === 'tracking', undefined, { timeout: 120_000 })
    const frames: MocapSnapshot[] = []
    let seen = -1
    const end = Date.now() + STUDIO_MS
    while (Date.now() < end) {
      const s = await page.evaluate(() => window.__genanchor!.mocap.snapshot())
      if (s.stats.tracked !== seen && s.status === 'tracking') frames.push(s)
      seen = s.stats.tracked
      await page.waitForTimeout(20)
    }
    return frames
  } finally {
    await session?.close()
  }
}

function std(xs: readonly number[]): number {
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length
  return Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / xs.length)
}

/** Per-axis standard deviation of head angles, degrees, and the largest of the three. */
function jitter(poses: readonly { yawDeg: number; pitchDeg: number; rollDeg: number }[]): { yaw: number; pitch: number; roll: number; worst: number } {
  const yaw = std(poses.map((p) => p.yawDeg)), pitch = std(poses.map((p) => p.pitchDeg)), roll = std(poses.map((p) => p.rollDeg))
  return { yaw, pitch, roll, worst: Math.max(yaw, pitch, roll) }
}

/** The `mocap` benchmark. */
export async function mocapBench(): Promise<BenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'genanchor-mocap-bench-'))
  // Other work on the machine slows tracking directly: the notes say how busy it was.
  const loadAtStart = loadavg()[0]
  const server = await startStudioServer()
  try {
    const videos = await makeMocapVideos(dir)
    const alone = await trackerAlone(server, videos.still.file)
    const detect = alone.frames.map((f) => f.detectMs)
    const trip = alone.frames.map((f) => f.roundTripMs)
    process.stderr.write(`mocap tracker alone: median round trip ${median(trip).toFixed(1)} ms, tracker ${median(detect).toFixed(1)} ms\n`)
    // A shared development server may reload the page (dependencies re-optimised by another process): one retry.
    const studio = await studioRun(server, videos.still.file).catch((err: unknown) => {
      process.stderr.write(`mocap studio run failed once (${err instanceof Error ? err.message.split('\n')[0] : String(err)}); retrying\n`)
      return studioRun(server, videos.still.file)
    })
    // The first second settles the filter; jitter is measured after it.
    const steady = studio.slice(Math.min(5, Math.floor(studio.length / 4)))
    const studioRaw = jitter(steady.map((s) => s.rawPose))
    const studioFiltered = jitter(steady.map((s) => s.pose))
    // Jitter at the tracker's own rate: the same solver on the tracker-alone frames, after a 1 s settle.
    const solved = solveFrames({ tracker: alone.tracker, frames: alone.frames })
    const raw = jitter(solved.raw.slice(30))
    const filtered = jitter(solved.filtered.slice(30))
    const latency = steady.map((s) => s.stats.frameToPoseMs)
    const studioFps = median(steady.map((s) => s.stats.trackingFps).filter((f) => f > 0))
    return {
      browser: `Chromium ${alone.browser}`,
      figures: {
        tracking_fps: sig(1000 / median(trip)),
        tracking_ms_p50: sig(median(detect)),
        tracking_ms_p95: sig(percentile(detect, 0.95)),
        round_trip_ms_p50: sig(median(trip)),
        faces_found_share: sig(alone.frames.filter((f) => f.face).length / alone.frames.length),
        jitter_raw_deg: sig(raw.worst),
        jitter_filtered_deg: sig(filtered.worst),
        jitter_raw_yaw_deg: sig(raw.yaw),
        jitter_raw_pitch_deg: sig(raw.pitch),
        jitter_raw_roll_deg: sig(raw.roll),
        jitter_filtered_yaw_deg: sig(filtered.yaw),
        jitter_filtered_pitch_deg: sig(filtered.pitch),
        jitter_filtered_roll_deg: sig(filtered.roll),
        studio_jitter_raw_deg: sig(studioRaw.worst),
        studio_jitter_filtered_deg: sig(studioFiltered.worst),
        frame_to_pose_ms: sig(median(latency)),
        frame_to_pose_ms_p95: sig(percentile(latency, 0.95)),
        studio_tracking_fps: sig(studioFps),
        studio_frames_recorded: steady.length,
        tasks_vision_ms_p50: null,
      },
      notes:
        `Tracker ${alone.tracker}, one frame in flight, 640x480 frames from Chromium's fake camera playing the still clip. ` +
        `tracking_fps = 1000 / median round trip (frame grab, transfer, detect, reply) with the tracker alone in a blank page; tracking_ms_* = tracker time in the worker. ` +
        `jitter_* = the largest per-axis std of head yaw/pitch/roll on the still face (raw = solver before the One-Euro filter, filtered = after, default settings minCutoff 1 Hz, beta 0.02), ` +
        `from the studio's solver run in Node over the tracker-alone frames at the times they were taken (the tracker's own rate); studio_jitter_* = the same read live in the studio. ` +
        `In the studio (stage drawing on SwiftShader WebGL2 in the same browser) over ${STUDIO_MS / 1000} s: frame_to_pose_ms = camera frame ready (rVFC captureTime, else its callback time) → pose solved in the frame that applies it; studio_tracking_fps = the rate the performer gets. ` +
        `The filter's effect depends on the tracking rate: at a few frames/s each sample is far apart and the filter removes less than at 30. ` +
        `tasks_vision_ms_p50 is null: no face_landmarker.task model is available offline here (not on npm), so the tasks-vision peer cannot run. ` +
        `Load average (1 min) at start ${loadAtStart.toFixed(1)}, at end ${loadavg()[0].toFixed(1)}.`,
    }
  } finally {
    await server.close()
    rmSync(dir, { recursive: true, force: true })
  }
}
