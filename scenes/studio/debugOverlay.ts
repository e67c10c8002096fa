import { Stage, SystemTimings, Time, type App, type Plugin, type World } from '../../engine/index.ts'
import { GpuContext, Renderer, type Backend } from '../../systems/render/index.ts'

/** The key that shows and hides the overlay (backtick, as in game consoles). */
export const DEBUG_OVERLAY_KEY = '`'

/** How often the overlay text is rewritten, ms: 4 times a second is readable and costs no frame time. */
const REFRESH_MS = 250

/** Characters of the `stage/system` column. */
const LABEL_WIDTH = 32

const BACKEND_LABEL: Record<Backend, string> = { webgpu: 'WebGPU', webgl2: 'WebGL2' }

/** The overlay's element and its refresh clock. */
class DebugOverlay {
  sinceRefreshMs = 0
  framesSinceRefresh = 0

  constructor(readonly element: HTMLElement) {}
}

/** A text overlay with the backend, fps, frame number, GPU context state and per-system times; visible at start. */
export const DebugOverlayPlugin: Plugin = {
  name: 'debugOverlay',
  build(app: App) {
    const element = document.createElement('pre')
    element.id = 'debug-overlay'
    document.body.append(element)
    window.addEventListener('keydown', toggleOnKey)
    app.world.insertResource(new DebugOverlay(element))
    app.addSystem(Stage.PostRender, refreshDebugOverlay)
  },
  cleanup(app: App) {
    window.removeEventListener('keydown', toggleOnKey)
    app.world.tryResource(DebugOverlay)?.element.remove()
  },
}

function toggleOnKey(event: KeyboardEvent): void {
  if (event.key !== DEBUG_OVERLAY_KEY) return
  const element = document.getElementById('debug-overlay')
  if (element) element.hidden = !element.hidden
}

function refreshDebugOverlay(world: World): void {
  const overlay = world.resource(DebugOverlay)
  const time = world.resource(Time)
  overlay.sinceRefreshMs += time.deltaMs
  overlay.framesSinceRefresh++
  // The first frame refreshes at once so the backend shows without waiting.
  if (time.frame > 0 && overlay.sinceRefreshMs < REFRESH_MS) return
  const fps = overlay.sinceRefreshMs > 0 ? (1000 * overlay.framesSinceRefresh) / overlay.sinceRefreshMs : 0
  overlay.sinceRefreshMs = 0
  overlay.framesSinceRefresh = 0
  if (overlay.element.hidden) return
  overlay.element.textContent = overlayText(world, fps)
}

function overlayText(world: World, fps: number): string {
  const { backend, fallbackReason } = world.resource(Renderer)
  const context = world.resource(GpuContext)
  const timings = world.resource(SystemTimings)
  const lines = [
    `Backend  ${BACKEND_LABEL[backend]}${fallbackReason ? ` (fallback: ${fallbackReason})` : ''}`,
    `GPU      ${context.state} (lost ${context.losses}, restored ${context.restores})`,
    `FPS      ${fps.toFixed(1)}`,
    `Frame    ${world.resource(Time).frame}`,
    `Frame ms ${timings.frame.meanMs.toFixed(2)} mean, ${timings.frame.maxMs.toFixed(2)} max`,
    '',
    `${'System'.padEnd(LABEL_WIDTH)} mean ms  max ms`,
  ]
  for (const row of timings.rows) {
    if (row.calls === 0) continue
    const label = `${row.stage}/${row.name}`.padEnd(LABEL_WIDTH)
    lines.push(`${label} ${row.meanMs.toFixed(2).padStart(7)} ${row.maxMs.toFixed(2).padStart(7)}`)
  }
  lines.push('', `Press ${DEBUG_OVERLAY_KEY} to hide`)
  return lines.join('\n')
}
