// The debug overlay, heading the top-left dock: folded to one line (backend and fps) at start so it
// covers no panel; a click or the backtick key unfolds the full text (GPU context, frame times,
// every system's time) and folds it again.
import { Stage, SystemTimings, Time, type App, type Plugin, type World } from '../../engine/index.ts'
import { GpuContext, Renderer, type Backend } from '../../systems/render/index.ts'
import { DockCorner, dock } from './dock.ts'
import { el } from './ui.ts'

/** The key that folds and unfolds the overlay (backtick, as in game consoles). */
export const DEBUG_OVERLAY_KEY = '`'

/** How often the overlay text is rewritten, ms: 4 times a second is readable and costs no frame time. */
const REFRESH_MS = 250

/** Characters of the `stage/system` column. */
const LABEL_WIDTH = 32

const BACKEND_LABEL: Record<Backend, string> = { webgpu: 'WebGPU', webgl2: 'WebGL2' }

/** The overlay's element, whether it is unfolded, and its refresh clock. */
class DebugOverlay {
  sinceRefreshMs = 0
  framesSinceRefresh = 0
  /** Frames per second over the last refresh period. */
  fps = 0

  constructor(readonly element: HTMLElement) {}

  get expanded(): boolean {
    return this.element.getAttribute('aria-expanded') === 'true'
  }

  /** Folds or unfolds; the text follows at once. */
  toggle(world: World): void {
    this.element.setAttribute('aria-expanded', String(!this.expanded))
    this.element.textContent = overlayText(world, this)
  }
}

/** The debug overlay (folded at start), refreshed in postRender. */
export const DebugOverlayPlugin: Plugin = {
  name: 'debugOverlay',
  build(app: App) {
    const world = app.world
    const element = el('pre', { id: 'debug-overlay' })
    element.setAttribute('role', 'button')
    element.setAttribute('aria-expanded', 'false')
    element.title = `Click or press ${DEBUG_OVERLAY_KEY} to unfold or fold`
    // First in the top-left stack, whatever else is docked there.
    dock(DockCorner.topLeft).prepend(element)
    const overlay = world.insertResource(new DebugOverlay(element))
    element.addEventListener('click', () => overlay.toggle(world))
    const onKey = (event: KeyboardEvent) => {
      if (event.key === DEBUG_OVERLAY_KEY && !isTyping(event.target)) overlay.toggle(world)
    }
    window.addEventListener('keydown', onKey)
    world.insertResource(new DebugOverlayKey(onKey))
    app.addSystem(Stage.PostRender, refreshDebugOverlay)
  },
  cleanup(app: App) {
    const key = app.world.tryResource(DebugOverlayKey)
    if (key) window.removeEventListener('keydown', key.listener)
    app.world.tryResource(DebugOverlay)?.element.remove()
  },
}

/** The overlay's key listener, kept to remove it at cleanup. */
class DebugOverlayKey {
  constructor(readonly listener: (event: KeyboardEvent) => void) {}
}

/** A backtick typed into a text field is text, not a toggle. */
function isTyping(target: EventTarget | null): boolean {
  return target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
}

function refreshDebugOverlay(world: World): void {
  const overlay = world.resource(DebugOverlay)
  const time = world.resource(Time)
  overlay.sinceRefreshMs += time.deltaMs
  overlay.framesSinceRefresh++
  // The first frame refreshes at once so the backend shows without waiting.
  if (time.frame > 0 && overlay.sinceRefreshMs < REFRESH_MS) return
  overlay.fps = overlay.sinceRefreshMs > 0 ? (1000 * overlay.framesSinceRefresh) / overlay.sinceRefreshMs : 0
  overlay.sinceRefreshMs = 0
  overlay.framesSinceRefresh = 0
  overlay.element.textContent = overlayText(world, overlay)
}

function overlayText(world: World, overlay: DebugOverlay): string {
  const { backend, fallbackReason } = world.resource(Renderer)
  if (!overlay.expanded) return `${BACKEND_LABEL[backend]}${fallbackReason ? ' (fallback)' : ''} · ${overlay.fps.toFixed(1)} fps ▸`
  const context = world.resource(GpuContext)
  const timings = world.resource(SystemTimings)
  const lines = [
    `Backend  ${BACKEND_LABEL[backend]}${fallbackReason ? ` (fallback: ${fallbackReason})` : ''}`,
    `GPU      ${context.state} (lost ${context.losses}, restored ${context.restores})`,
    `FPS      ${overlay.fps.toFixed(1)}`,
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
  lines.push('', `Click or press ${DEBUG_OVERLAY_KEY} to fold`)
  return lines.join('\n')
}
