// The camera panel: pick a camera, allow it, see yourself with the tracked landmarks, calibrate,
// mirror and smoothing. Folded at the left edge by default; status text is only ever textContent.
import { Stage, type App, type World } from '../../engine/index.ts'
import { Mocap, MocapPlugin, MocapSettings, MocapStatus, listCameras } from '../../systems/mocap/index.ts'
import { drawLandmarks } from './mocapLandmarks.ts'
import { installMocapTestHook } from './mocapTestHook.ts'
import './mocapPanel.css'

/** The panel's status line and figures refresh this often, ms (the preview draws every tracked frame). */
const REFRESH_MS = 250

/** Elements the panel's render system updates. */
interface MocapPanelParts {
  readonly panel: HTMLDetailsElement
  readonly status: HTMLElement
  readonly stats: HTMLElement
  readonly start: HTMLButtonElement
  readonly preview: HTMLElement
  readonly overlay: HTMLCanvasElement
}

/** Adds motion capture (`MocapPlugin`, unless added already), the camera panel and the system that keeps it in step (render stage). */
export function MocapPanelPlugin(app: App): void {
  if (!app.hasPlugin(MocapPlugin.name)) app.addPlugin(MocapPlugin)
  const world = app.world
  const mocap = world.resource(Mocap)
  const settings = world.resource(MocapSettings)
  const panel = element('details', 'mocap-panel')
  const status = element('p', 'mocap-status', mocap.message)
  status.setAttribute('role', 'status')
  const camera = element('select', 'mocap-camera')
  camera.append(option('', 'Default camera'))
  const start = element('button', 'mocap-start', 'Start camera')
  start.type = 'button'
  const preview = element('div', 'mocap-preview')
  const overlay = element('canvas', 'mocap-landmarks')
  preview.append(overlay)
  preview.hidden = true
  const mirror = checkbox('mocap-mirror', 'Mirror', settings.mirror)
  const showLandmarks = checkbox('mocap-show-landmarks', 'Landmarks', settings.showLandmarks)
  const calibrate = element('button', 'mocap-calibrate', 'Calibrate neutral')
  calibrate.type = 'button'
  calibrate.title = 'Look straight at the camera with a relaxed face, then press.'
  const smoothing = element('details', 'mocap-smoothing')
  const cutoff = slider('mocap-min-cutoff', 'Steadiness (min cutoff, Hz)', 0.1, 5, 0.1, settings.headFilter.minCutoffHz)
  const beta = slider('mocap-beta', 'Responsiveness (beta)', 0, 0.2, 0.005, settings.headFilter.beta)
  smoothing.append(element('summary', undefined, 'Smoothing'), cutoff.label, beta.label)
  const model = element('input', 'mocap-model')
  model.type = 'text'
  model.placeholder = 'face_landmarker.task path or URL (optional)'
  model.value = settings.faceLandmarkerModel
  const vmc = checkbox('mocap-vmc', 'VMC bridge (npm run serve:vmc)', false)
  vmc.label.title = `Sends the tracked pose as VMC and, with the camera off, follows VMC from other trackers, through ${settings.vmcBridgeUrl}`
  const stats = element('p', 'mocap-stats')
  panel.append(element('summary', undefined, 'Camera'), status, camera, start, preview, mirror.label, showLandmarks.label, calibrate, smoothing, model, vmc.label, stats)
  document.body.append(panel)

  start.addEventListener('click', () => {
    if (mocap.cameraOn || mocap.status === MocapStatus.starting) mocap.stop()
    else void mocap.start().then(() => fillCameras(camera, settings))
  })
  camera.addEventListener('change', () => {
    settings.deviceId = camera.value
    if (mocap.cameraOn) void mocap.start()
  })
  mirror.input.addEventListener('change', () => (settings.mirror = mirror.input.checked))
  showLandmarks.input.addEventListener('change', () => (settings.showLandmarks = showLandmarks.input.checked))
  calibrate.addEventListener('click', () => mocap.calibrate())
  vmc.input.addEventListener('change', () => (vmc.input.checked ? mocap.vmc.connect(settings.vmcBridgeUrl) : mocap.vmc.close()))
  cutoff.input.addEventListener('input', () => (settings.headFilter.minCutoffHz = Number(cutoff.input.value)))
  beta.input.addEventListener('input', () => (settings.headFilter.beta = Number(beta.input.value)))
  model.addEventListener('change', () => {
    settings.faceLandmarkerModel = model.value.trim()
    if (mocap.cameraOn) void mocap.start()
  })
  navigator.mediaDevices?.addEventListener?.('devicechange', () => void fillCameras(camera, settings))
  void fillCameras(camera, settings)

  app.addSystem(Stage.Render, createSyncMocapPanel({ panel, status, stats, start, preview, overlay }))
  installMocapTestHook(world)
}

/** Makes the render-stage system that shows the status, the preview and the landmarks. */
function createSyncMocapPanel(parts: MocapPanelParts): (world: World) => void {
  let shownVideo: HTMLVideoElement | null = null
  let drawnVersion = -1
  let refreshedMs = Number.NEGATIVE_INFINITY
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
    parts.preview.classList.toggle('mirrored', settings.mirror)
    const now = performance.now()
    if (now - refreshedMs >= REFRESH_MS) {
      refreshedMs = now
      if (parts.status.textContent !== mocap.message) parts.status.textContent = mocap.message
      parts.status.dataset.status = mocap.status
      const s = mocap.stats
      const camera = mocap.cameraOn
        ? `${s.trackingFps.toFixed(1)} fps · tracker ${s.detectMs.toFixed(0)} ms · frame→pose ${s.frameToPoseMs.toFixed(0)} ms${mocap.solver.calibrated ? ' · calibrated' : ''}`
        : ''
      const vmc = mocap.vmc.state === 'off' ? '' : ` VMC ${mocap.vmc.state}, ${mocap.vmc.sent} sent, ${mocap.vmc.received} received.`
      parts.stats.textContent = camera + vmc
    }
    const show = settings.showLandmarks && parts.panel.open && mocap.cameraOn
    if (!show && drawnVersion !== -1) {
      parts.overlay.getContext('2d')?.clearRect(0, 0, parts.overlay.width, parts.overlay.height)
      drawnVersion = -1
    } else if (show && mocap.landmarks && mocap.landmarksVersion !== drawnVersion) {
      drawnVersion = mocap.landmarksVersion
      drawLandmarks(parts.overlay, mocap.landmarks, mocap.status === MocapStatus.tracking)
    }
  }
}

/** Lists the cameras, keeping the chosen one selected (labels appear once the camera was allowed). */
async function fillCameras(select: HTMLSelectElement, settings: MocapSettings): Promise<void> {
  const cameras = await listCameras().catch(() => [])
  select.replaceChildren(option('', 'Default camera'), ...cameras.filter((c) => c.deviceId).map((c, i) => option(c.deviceId, c.label || `Camera ${i + 1}`)))
  select.value = settings.deviceId
}

function option(value: string, text: string): HTMLOptionElement {
  const o = document.createElement('option')
  o.value = value
  o.textContent = text
  return o
}

function checkbox(id: string, text: string, checked: boolean): { label: HTMLLabelElement; input: HTMLInputElement } {
  const label = element('label', undefined, text)
  const input = element('input', id)
  input.type = 'checkbox'
  input.checked = checked
  label.prepend(input)
  return { label, input }
}

function slider(id: string, text: string, min: number, max: number, step: number, value: number): { label: HTMLLabelElement; input: HTMLInputElement } {
  const label = element('label', undefined, text)
  const input = element('input', id)
  input.type = 'range'
  input.min = String(min)
  input.max = String(max)
  input.step = String(step)
  input.value = String(value)
  label.append(input)
  return { label, input }
}

/** A new element with an id and plain text (never markup). */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, id?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (id) el.id = id
  if (text !== undefined) el.textContent = text
  return el
}
