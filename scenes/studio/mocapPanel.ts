// The camera panel: pick a camera, allow it, see yourself with the tracked landmarks, calibrate,
// mirror and smoothing. Folded in the bottom-left stack by default; status text is only ever textContent.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { Mocap, MocapPlugin, MocapSettings, MocapStatus, listCameras } from '../../systems/mocap/index.ts'
import { DockCorner, dock } from './dock.ts'
import { drawLandmarks } from './mocapLandmarks.ts'
import { requirePlugins } from './requirePlugins.ts'
import { button, checkbox, el, fillSelect, input, panel, select, slider } from './ui.ts'

/** The panel's status line and figures refresh this often, ms (the preview draws every tracked frame). */
const REFRESH_MS = 250

/** The panel's elements. */
interface MocapPanelParts {
  readonly panel: HTMLDetailsElement
  readonly status: HTMLElement
  readonly stats: HTMLElement
  readonly camera: HTMLSelectElement
  readonly start: HTMLButtonElement
  readonly preview: HTMLElement
  readonly overlay: HTMLCanvasElement
  readonly mirror: HTMLInputElement
  readonly showLandmarks: HTMLInputElement
  readonly calibrate: HTMLButtonElement
  readonly cutoff: HTMLInputElement
  readonly beta: HTMLInputElement
  readonly model: HTMLInputElement
  readonly vmc: HTMLInputElement
}

/** The camera panel and the system that keeps it in step (render stage). Needs `MocapPlugin`. */
export const MocapPanelPlugin: Plugin = {
  name: 'mocapPanel',
  build(app: App) {
    requirePlugins(app, 'camera panel', MocapPlugin)
    const mocap = app.world.resource(Mocap)
    const parts = buildMocapPanel(mocap.message, app.world.resource(MocapSettings))
    wireMocapPanel(mocap, app.world.resource(MocapSettings), parts)
    app.addSystem(Stage.Render, createSyncMocapPanel(parts))
  },
}

function buildMocapPanel(message: string, settings: MocapSettings): MocapPanelParts {
  const details = panel('mocap-panel', 'Camera')
  const status = el('p', { id: 'mocap-status', text: message })
  status.setAttribute('role', 'status')
  const camera = select('mocap-camera', [['', 'Default camera']])
  const start = button('mocap-start', 'Start camera')
  const overlay = el('canvas', { id: 'mocap-landmarks' })
  const preview = el('div', { id: 'mocap-preview' }, overlay)
  preview.hidden = true
  const mirror = checkbox('mocap-mirror', 'Mirror', settings.mirror)
  const showLandmarks = checkbox('mocap-show-landmarks', 'Landmarks', settings.showLandmarks)
  const calibrate = button('mocap-calibrate', 'Calibrate neutral')
  calibrate.title = 'Look straight at the camera with a relaxed face, then press.'
  const cutoff = slider('mocap-min-cutoff', 'Steadiness (min cutoff, Hz)', { min: 0.1, max: 5, step: 0.1, value: settings.headFilter.minCutoffHz })
  const beta = slider('mocap-beta', 'Responsiveness (beta)', { min: 0, max: 0.2, step: 0.005, value: settings.headFilter.beta })
  const smoothing = el('details', { id: 'mocap-smoothing' }, el('summary', { text: 'Smoothing' }), cutoff.label, beta.label)
  const model = input('mocap-model', 'text', 'face_landmarker.task path or URL (optional)')
  model.value = settings.faceLandmarkerModel
  const vmc = checkbox('mocap-vmc', 'VMC bridge (npm run serve:vmc)', false)
  vmc.label.title = `Sends the tracked pose as VMC and, with the camera off, follows VMC from other trackers, through ${settings.vmcBridgeUrl}`
  const stats = el('p', { id: 'mocap-stats' })
  details.append(status, camera, start, preview, mirror.label, showLandmarks.label, calibrate, smoothing, model, vmc.label, stats)
  dock(DockCorner.bottomLeft).append(details)
  return {
    panel: details, status, stats, camera, start, preview, overlay, mirror: mirror.input, showLandmarks: showLandmarks.input,
    calibrate, cutoff: cutoff.input, beta: beta.input, model, vmc: vmc.input,
  }
}

function wireMocapPanel(mocap: Mocap, settings: MocapSettings, parts: MocapPanelParts): void {
  parts.start.addEventListener('click', () => {
    if (mocap.cameraOn || mocap.status === MocapStatus.starting) mocap.stop()
    else void mocap.start().then(() => fillCameras(parts.camera, settings))
  })
  parts.camera.addEventListener('change', () => {
    settings.deviceId = parts.camera.value
    if (mocap.cameraOn) void mocap.start()
  })
  parts.mirror.addEventListener('change', () => (settings.mirror = parts.mirror.checked))
  parts.showLandmarks.addEventListener('change', () => (settings.showLandmarks = parts.showLandmarks.checked))
  parts.calibrate.addEventListener('click', () => mocap.calibrate())
  parts.vmc.addEventListener('change', () => (parts.vmc.checked ? mocap.vmc.connect(settings.vmcBridgeUrl) : mocap.vmc.close()))
  parts.cutoff.addEventListener('input', () => (settings.headFilter.minCutoffHz = Number(parts.cutoff.value)))
  parts.beta.addEventListener('input', () => (settings.headFilter.beta = Number(parts.beta.value)))
  parts.model.addEventListener('change', () => {
    settings.faceLandmarkerModel = parts.model.value.trim()
    if (mocap.cameraOn) void mocap.start()
  })
  navigator.mediaDevices?.addEventListener?.('devicechange', () => void fillCameras(parts.camera, settings))
  void fillCameras(parts.camera, settings)
}

/** Makes the render-stage system that shows the status, the preview and the landmarks; it writes only what changed. */
function createSyncMocapPanel(parts: MocapPanelParts): (world: World) => void {
  let shownVideo: HTMLVideoElement | null = null
  let drawnVersion = -1
  let refreshedMs = Number.NEGATIVE_INFINITY
  let shownMirror: boolean | null = null
  let shownStatus = ''
  // The figures' line is rebuilt only when one of its numbers changed.
  const shown = { fps: NaN, detectMs: NaN, poseMs: NaN, calibrated: false, cameraOn: false, vmcState: '', sent: -1, received: -1 }
  return function syncMocapPanel(world: World): void {
    const mocap = world.resource(Mocap)
    const settings = mocap.settings
    if (mocap.video !== shownVideo) {
      shownVideo?.remove()
      shownVideo = mocap.video
      if (shownVideo) parts.preview.prepend(shownVideo)
      parts.preview.hidden = shownVideo === null
      parts.start.textContent = shownVideo ? 'Stop camera' : 'Start camera'
      if (shownVideo) parts.panel.open = true
    }
    if (settings.mirror !== shownMirror) parts.preview.classList.toggle('mirrored', (shownMirror = settings.mirror))
    const now = performance.now()
    if (now - refreshedMs >= REFRESH_MS) {
      refreshedMs = now
      if (parts.status.textContent !== mocap.message) parts.status.textContent = mocap.message
      if (mocap.status !== shownStatus) parts.status.dataset.status = shownStatus = mocap.status
      const s = mocap.stats
      const fps = Math.round(s.trackingFps * 10)
      const detectMs = Math.round(s.detectMs)
      const poseMs = Math.round(s.frameToPoseMs)
      const { vmc } = mocap
      if (fps !== shown.fps || detectMs !== shown.detectMs || poseMs !== shown.poseMs || mocap.solver.calibrated !== shown.calibrated
        || mocap.cameraOn !== shown.cameraOn || vmc.state !== shown.vmcState || vmc.sent !== shown.sent || vmc.received !== shown.received) {
        Object.assign(shown, { fps, detectMs, poseMs, calibrated: mocap.solver.calibrated, cameraOn: mocap.cameraOn, vmcState: vmc.state, sent: vmc.sent, received: vmc.received })
        const camera = mocap.cameraOn
          ? `${(fps / 10).toFixed(1)} fps · tracker ${detectMs} ms · frame→pose ${poseMs} ms${mocap.solver.calibrated ? ' · calibrated' : ''}`
          : ''
        parts.stats.textContent = camera + (vmc.state === 'off' ? '' : ` VMC ${vmc.state}, ${vmc.sent} sent, ${vmc.received} received.`)
      }
    }
    const draw = settings.showLandmarks && parts.panel.open && mocap.cameraOn
    if (!draw && drawnVersion !== -1) {
      parts.overlay.getContext('2d')?.clearRect(0, 0, parts.overlay.width, parts.overlay.height)
      drawnVersion = -1
    } else if (draw && mocap.landmarks && mocap.landmarksVersion !== drawnVersion) {
      drawnVersion = mocap.landmarksVersion
      drawLandmarks(parts.overlay, mocap.landmarks, mocap.status === MocapStatus.tracking)
    }
  }
}

/** Lists the cameras, keeping the chosen one selected (labels appear once the camera was allowed). */
async function fillCameras(camera: HTMLSelectElement, settings: MocapSettings): Promise<void> {
  const cameras = await listCameras().catch(() => [])
  fillSelect(camera, [['', 'Default camera'], ...cameras.filter((c) => c.deviceId).map((c, i) => [c.deviceId, c.label || `Camera ${i + 1}`] as const)])
  camera.value = settings.deviceId
}
