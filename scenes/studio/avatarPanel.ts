// The performer's avatar controls: "Load avatar…" (or drop a file on the page), a progress bar,
// the licence step, "Reset to default anchor", and one plain message when something goes wrong.
import type { App, Plugin, World } from '../../engine/index.ts'
import { AvatarLoadError, AvatarPlugin } from '../../systems/avatar/index.ts'
import { forgetSavedAvatar, saveAvatar } from './avatarStore.ts'
import { DockCorner, dock } from './dock.ts'
import { confirmLicence } from './licenceDialog.ts'
import { requirePlugins } from './requirePlugins.ts'
import { StageAvatar, putOnStage } from './stageAvatar.ts'
import { DEFAULT_ANCHOR_NAME, loadTimed, showDefaultAnchor } from './stageLoads.ts'
import { button, el } from './ui.ts'

/** The panel's elements. */
interface PanelElements {
  readonly panel: HTMLElement
  readonly current: HTMLElement
  readonly load: HTMLButtonElement
  readonly reset: HTMLButtonElement
  readonly input: HTMLInputElement
  readonly progress: HTMLProgressElement
  readonly message: HTMLElement
  readonly drop: HTMLElement
}

/**
 * The avatar panel (top right) and page-wide drag-and-drop; the avatar on stage changes only when a
 * load succeeds and is accepted. Needs `AvatarPlugin`. The panel has no per-frame work: the avatar's
 * name is shown when a swap happens (a `StageAvatar` listener).
 */
export const AvatarPanelPlugin: Plugin = {
  name: 'avatarPanel',
  build(app: App) {
    requirePlugins(app, 'avatar panel', AvatarPlugin)
    wireAvatarPanel(app.world, buildAvatarPanel())
  },
}

/** Wires the buttons, the file input and drops to loads, and shows each swap's avatar name. */
function wireAvatarPanel(world: World, ui: PanelElements): void {
  let busy = false
  const run = async (job: () => Promise<void>) => {
    if (busy) return
    busy = true
    ui.load.disabled = ui.reset.disabled = true
    hideMessage(ui)
    try {
      await job()
    } catch (err) {
      showAvatarMessage(err)
    } finally {
      busy = false
      ui.load.disabled = ui.reset.disabled = false
      ui.progress.hidden = true
    }
  }
  ui.load.addEventListener('click', () => ui.input.click())
  ui.input.addEventListener('change', () => {
    const file = ui.input.files?.[0]
    ui.input.value = ''
    if (file) void run(() => loadFile(world, ui, file))
  })
  ui.reset.addEventListener('click', () => void run(async () => {
    await forgetSavedAvatar()
    await showDefaultAnchor(world)
  }))
  watchDrops(ui, (file) => void run(() => loadFile(world, ui, file)))
  const stage = world.resource(StageAvatar)
  stage.listeners.add(() => {
    ui.current.textContent = stage.origin === 'default' ? DEFAULT_ANCHOR_NAME : `${stage.model?.meta.name || stage.fileName} (${stage.fileName})`
  })
}

/** Loads a performer's file, asks about its licence, and on "Use this avatar" swaps it in and remembers it. */
async function loadFile(world: World, ui: PanelElements, file: File): Promise<void> {
  ui.progress.value = 0
  ui.progress.hidden = false
  const { model, loadMs } = await loadTimed(world, file, (p) => {
    ui.progress.value = p.fraction
  })
  ui.progress.hidden = true
  if (!(await confirmLicence(model.meta, file.name))) {
    model.dispose()
    return
  }
  putOnStage(world, model, { fileName: file.name, origin: 'file', loadMs })
  try {
    await saveAvatar({ name: file.name, bytes: await file.arrayBuffer(), savedAtMs: Date.now() })
  } catch (err) {
    console.error(err)
    showAvatarMessage(new Error('The avatar is on stage, but the browser would not store it, so the default anchor will return after a reload'))
  }
}

/** Shows one plain sentence about a failed avatar action in the panel; details go to the console. */
export function showAvatarMessage(error: unknown): void {
  const message = document.getElementById('avatar-message')
  if (!message) return
  if (!(error instanceof AvatarLoadError)) console.error(error)
  const text = error instanceof Error ? error.message : String(error)
  message.textContent = /[.!?]$/.test(text) ? text : `${text}.`
  message.hidden = false
}

function hideMessage(ui: PanelElements): void {
  ui.message.hidden = true
  ui.message.textContent = ''
}

function watchDrops(ui: PanelElements, onFile: (file: File) => void): void {
  const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false
  // Enter/leave fire for every child element; a counter tells when the pointer really left the page.
  let depth = 0
  window.addEventListener('dragenter', (event) => {
    if (!carriesFiles(event)) return
    depth++
    ui.drop.hidden = false
  })
  window.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1)
    if (depth === 0) ui.drop.hidden = true
  })
  window.addEventListener('dragover', (event) => {
    if (carriesFiles(event)) event.preventDefault()
  })
  window.addEventListener('drop', (event) => {
    if (!carriesFiles(event)) return
    event.preventDefault()
    depth = 0
    ui.drop.hidden = true
    const file = event.dataTransfer?.files[0]
    if (file) onFile(file)
  })
}

function buildAvatarPanel(): PanelElements {
  const panel = el('section', { id: 'avatar-panel', className: 'studio-panel' })
  panel.setAttribute('aria-label', 'Avatar')
  const current = el('p', { id: 'avatar-current', text: 'Loading the anchor…' })
  const load = button('avatar-load', 'Load avatar…')
  const reset = button('avatar-reset', 'Reset to default anchor')
  const input = el('input', { id: 'avatar-file' })
  input.type = 'file'
  input.accept = '.vrm,.glb'
  input.hidden = true
  const progress = el('progress', { id: 'avatar-progress' })
  progress.max = 1
  progress.hidden = true
  const message = el('p', { id: 'avatar-message' })
  message.setAttribute('role', 'alert')
  message.hidden = true
  panel.append(current, el('div', { className: 'avatar-buttons' }, load, reset), input, progress, message)
  const drop = el('div', { id: 'avatar-drop', text: 'Drop a .vrm avatar to load it' })
  drop.hidden = true
  dock(DockCorner.topRight).append(panel)
  document.body.append(drop)
  return { panel, current, load, reset, input, progress, message, drop }
}
