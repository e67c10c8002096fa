// Stage.Input: the latest tracked frame becomes the solved pose; tracking-lost detection and the
// ease weight that blends the pose in and out.
import { Time, type World } from '../../engine/index.ts'
import { FaceTracked } from './events.ts'
import { Mocap, MocapStatus, STATUS_MESSAGES, type TrackedFrame } from './mocap.ts'

/** Tracking fps is counted over windows of this length, ms. */
const FPS_WINDOW_MS = 1000

/** Makes the system that solves the newest tracked face (`FaceTracked`), updates the status and eases `Mocap.weight`. */
export function createReceiveTracking(world: World): (world: World) => void {
  const tracked = world.reader(FaceTracked)
  return function receiveTracking(w: World): void {
    const frames = tracked.read()
    const mocap = w.tryResource(Mocap)
    // Only the newest frame is solved: an older one that arrived in the same frame is already stale.
    if (mocap) receive(w, mocap, frames.length > 0 ? frames[frames.length - 1] : null)
  }
}

function receive(world: World, mocap: Mocap, frame: TrackedFrame | null): void {
  const now = performance.now()
  const time = world.resource(Time)
  if (frame) {
    countFrame(mocap, now)
    mocap.stats.detectMs = frame.detectMs
    if (frame.face) {
      const face = frame.face
      mocap.landmarks = face
      mocap.landmarksVersion++
      // Coming back from a loss: start the filters afresh rather than gliding from a stale pose.
      if (mocap.weight === 0) mocap.solver.resetFilters()
      mocap.solver.solve({ landmarks: face, blendshapes: face.blendshapes }, frame.capturedMs, mocap.settings, mocap.pose, mocap.rawPose)
      if (mocap.calibrationRequested) {
        mocap.solver.calibrate()
        mocap.calibrationRequested = false
      }
      mocap.faceSeenMs = time.elapsedMs
      mocap.vmc.send(mocap.pose)
      // The pose is applied to the avatar later in this same frame (Stage.Update).
      mocap.stats.frameToPoseMs = now - frame.capturedMs
    }
  }
  if (mocap.vmc.take(mocap.rawPose) && !mocap.cameraOn) {
    // With the camera off, a VMC tracker drives the anchor (its sender filters its own pose).
    mocap.pose.copyFrom(mocap.rawPose)
    mocap.faceSeenMs = time.elapsedMs
    if (mocap.status === MocapStatus.off) {
      mocap.drivenByVmc = true
      mocap.setStatus(MocapStatus.tracking, STATUS_MESSAGES.vmc)
    }
  }
  const lost = time.elapsedMs - mocap.faceSeenMs > mocap.settings.lostAfterMs
  if (mocap.status === MocapStatus.tracking && lost && mocap.drivenByVmc) {
    mocap.drivenByVmc = false
    mocap.setStatus(MocapStatus.off, STATUS_MESSAGES.off)
  } else if (mocap.status === MocapStatus.tracking && lost) mocap.setStatus(MocapStatus.searching, STATUS_MESSAGES.searching)
  else if (mocap.status === MocapStatus.searching && !lost) mocap.setStatus(MocapStatus.tracking, STATUS_MESSAGES.tracking)
  const step = lost ? -time.deltaMs / mocap.settings.easeOutMs : time.deltaMs / mocap.settings.easeInMs
  mocap.weight = Math.min(1, Math.max(0, mocap.weight + step))
}

function countFrame(mocap: Mocap, now: number): void {
  const stats = mocap.stats
  stats.tracked++
  stats.windowFrames++
  if (now - stats.windowStartMs >= FPS_WINDOW_MS) {
    stats.trackingFps = (stats.windowFrames * 1000) / (now - stats.windowStartMs)
    stats.windowStartMs = now
    stats.windowFrames = 0
  }
}
