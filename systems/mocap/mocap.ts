// The Mocap resource: the camera, the tracker worker and the frame pump, plus what the solver made
// of the last face. The studio panel drives it (start, stop, calibrate); tracked frames go to the world's `FaceTracked` inbox.
import type { Inbox } from '../../engine/index.ts'
import { MOCAP_ASSET_DIR } from './assets.ts'
import { CAMERA_MESSAGES, CameraError, openCamera } from './camera.ts'
import type { FaceLandmarks } from './landmarks.ts'
import { MocapPose } from './pose.ts'
import { MocapSettings } from './settings.ts'
import { FaceSolver } from './solver.ts'
import type { TrackerFace } from './tracker.ts'
import { TrackerClient } from './trackerClient.ts'
import { VmcLink } from './vmcLink.ts'

/** Where motion capture stands, as the panel shows it. */
export const MocapStatus = {
  off: 'off',
  starting: 'starting',
  /** A face is tracked and drives the anchor. */
  tracking: 'tracking',
  /** The camera runs but no face has been seen for `lostAfterMs`: the anchor is back to idle life. */
  searching: 'searching',
  denied: 'denied',
  noCamera: 'no-camera',
  busy: 'busy',
  unplugged: 'unplugged',
  unsupported: 'unsupported',
  /** The tracker could not load or failed. */
  error: 'error',
} as const
/** One of `MocapStatus`. */
export type MocapStatus = (typeof MocapStatus)[keyof typeof MocapStatus]

/** The sentence the panel shows for the states that are not errors. */
export const STATUS_MESSAGES = {
  off: 'Camera off. Press Start camera to drive the anchor with your face.',
  starting: 'Starting the camera and the face tracker…',
  tracking: 'Tracking your face.',
  vmc: 'Driven by VMC from another tracker (camera off).',
  searching: 'No face in view: the anchor is back to idle life until you return.',
} as const

/** A tracked camera frame, the payload of `FaceTracked`. */
export interface TrackedFrame {
  readonly face: TrackerFace | null
  /** When the camera took the frame (or, where the browser does not say, when it was ready), page clock ms. */
  readonly capturedMs: number
  /** Tracker time in the worker, ms. */
  readonly detectMs: number
}

/** Rolling figures the panel and the benchmark read. */
export class MocapStats {
  /** Frames tracked per second, over the last second. */
  trackingFps = 0
  /** Tracker time of the last frame, ms. */
  detectMs = 0
  /** Camera frame → avatar pose written, for the last frame, ms. */
  frameToPoseMs = 0
  /** Frames tracked and camera frames skipped because one was still in flight. */
  tracked = 0
  skipped = 0
  /** The fps window: its start (page ms) and the frames tracked in it so far. */
  windowStartMs = 0
  windowFrames = 0
}

/** Motion capture of one performer (a resource). */
export class Mocap {
  status: MocapStatus = MocapStatus.off
  /** One sentence for the performer about `status`. */
  message: string = STATUS_MESSAGES.off
  /** The tracker that runs ('' until loaded). */
  trackerDescription = ''
  /** The camera preview (null while off); the panel shows it. */
  video: HTMLVideoElement | null = null
  /** The last face seen (for drawing the landmarks), and a counter that moves when it changes. */
  landmarks: FaceLandmarks | null = null
  landmarksVersion = 0
  /** Filtered pose in the avatar's frame, and the same before filtering. */
  readonly pose = new MocapPose()
  readonly rawPose = new MocapPose()
  /** How much the pose drives the anchor now, 0..1: eases in when a face appears, out when it is lost. */
  weight = 0
  /** When the last face was solved, on the world clock (`Time.elapsedMs`); −∞ while none was. */
  faceSeenMs = Number.NEGATIVE_INFINITY
  /** Whether the pose comes from the VMC bridge (the camera is off) rather than the camera. */
  drivenByVmc = false
  /** Whether `driveAvatars` wrote the pose last frame (so it hands the mocap layer back once when eased out). */
  driving = false
  /** Set by `calibrate`; the next solved face becomes the neutral one. */
  calibrationRequested = false
  readonly stats = new MocapStats()
  readonly solver = new FaceSolver()
  /** The VMC bridge link: solved poses go out; with the camera off, received poses drive the anchor. */
  readonly vmc = new VmcLink()
  private stream: MediaStream | null = null
  private client: TrackerClient | null = null
  private loadedTracker = ''
  private inFlight = false
  private session = 0

  /** `frames` is the world's `FaceTracked` inbox: tracked frames are posted to it as they arrive. */
  constructor(
    readonly settings: MocapSettings,
    private readonly frames: Inbox<TrackedFrame>,
  ) {}

  /** Opens the camera (with the settings' device and size), loads the tracker and starts tracking frames. */
  async start(): Promise<void> {
    this.stop()
    const session = ++this.session
    this.setStatus(MocapStatus.starting, STATUS_MESSAGES.starting)
    try {
      const stream = await openCamera(this.settings.deviceId, this.settings.widthPx, this.settings.heightPx)
      if (session !== this.session) return stopStream(stream)
      this.stream = stream
      for (const track of stream.getVideoTracks()) track.addEventListener('ended', () => this.onEnded(session), { once: true })
      const video = document.createElement('video')
      video.muted = true
      video.playsInline = true
      video.srcObject = stream
      await video.play()
      if (session !== this.session) return
      this.video = video
      await this.loadTracker()
      if (session !== this.session) return
      this.setStatus(MocapStatus.searching, STATUS_MESSAGES.searching)
      video.requestVideoFrameCallback((now, meta) => this.pump(session, now, meta))
    } catch (err) {
      if (session !== this.session) return
      this.stop()
      if (err instanceof CameraError) this.setStatus(err.problem, err.message)
      else this.setStatus(MocapStatus.error, err instanceof Error ? err.message : String(err))
      console.warn(err)
    }
  }

  /** Stops the camera; the anchor eases back to idle life. The tracker stays loaded for a quick restart. */
  stop(): void {
    this.session++
    this.drivenByVmc = false
    if (this.stream) stopStream(this.stream)
    this.stream = null
    if (this.video) this.video.srcObject = null
    this.video = null
    // Frames of the camera just stopped must not move the anchor after the stop.
    this.frames.discard()
    this.faceSeenMs = Number.NEGATIVE_INFINITY
    this.setStatus(MocapStatus.off, STATUS_MESSAGES.off)
  }

  /** Captures the performer's neutral face from the next tracked frame. */
  calibrate(): void {
    this.calibrationRequested = true
  }

  /** Whether the camera is giving frames. */
  get cameraOn(): boolean {
    return this.video !== null
  }

  /** Stops the camera and the worker (plugin cleanup). */
  dispose(): void {
    this.stop()
    this.vmc.close()
    this.client?.dispose()
    this.client = null
  }

  /** Sets the status and its sentence. */
  setStatus(status: MocapStatus, message: string): void {
    this.status = status
    this.message = message
  }

  private async loadTracker(): Promise<void> {
    const { tracker, faceLandmarkerModel } = this.settings
    const name = tracker === 'auto' ? (faceLandmarkerModel ? 'tasks-vision' : 'human') : tracker
    const modelUrl = faceLandmarkerModel ? new URL(faceLandmarkerModel, location.href).href : ''
    const key = `${name} ${modelUrl}`
    if (this.client && this.loadedTracker === key) return
    this.client?.dispose()
    this.client = new TrackerClient()
    this.loadedTracker = ''
    const assetBase = new URL(import.meta.env.BASE_URL + MOCAP_ASSET_DIR, location.href).href
    this.trackerDescription = await this.client.load(name, assetBase, modelUrl)
    this.loadedTracker = key
  }

  /** Called for each new camera frame: sends it to the tracker unless one is still in flight. */
  private pump(session: number, now: number, meta: VideoFrameCallbackMetadata): void {
    const video = this.video
    if (session !== this.session || !video || !this.client) return
    video.requestVideoFrameCallback((n, m) => this.pump(session, n, m))
    if (this.inFlight) {
      this.stats.skipped++
      return
    }
    this.inFlight = true
    const capturedMs = meta.captureTime ?? now
    const client = this.client
    createImageBitmap(video)
      .then((image) => client.track(image, capturedMs))
      .then((result) => {
        if (session === this.session) this.frames.post({ face: result.face, capturedMs, detectMs: result.detectMs })
      })
      .catch((err: unknown) => {
        if (session !== this.session) return
        this.stop()
        this.setStatus(MocapStatus.error, err instanceof Error ? err.message : String(err))
      })
      .finally(() => (this.inFlight = false))
  }

  private onEnded(session: number): void {
    if (session !== this.session) return
    this.stop()
    this.setStatus(MocapStatus.unplugged, CAMERA_MESSAGES.unplugged)
  }
}

function stopStream(stream: MediaStream): void {
  for (const track of stream.getTracks()) track.stop()
}
