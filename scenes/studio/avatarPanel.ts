// The performer's avatar controls: "Load avatar…" (or drop a file on the page), a progress bar,
// the licence step, "Reset to default anchor", and one plain message when something goes wrong.
import type { App, World } from '../../engine/index.ts'
import { AvatarLoadError } from '../../systems/avatar/index.ts'
import { forgetSavedAvatar, saveAvatar } from './avatarStore.ts'
import { dock } from './dock.ts'
import { confirmLicence } from './licenceDialog.ts'
import { StageAvatar, putOnStage } from './stageAvatar.ts'
import { DEFAULT_ANCHOR_NAME, loadTimed, showDefaultAnchor } from './stageLoads.ts'

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

/** Builds the avatar panel and page-wide drag-and-drop; the avatar on stage changes only when a load succeeds and is accepted. */
export function AvatarPanelPlugin(app: App): void {
  const ui = buildPanel()
  const world = app.world
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

function buildPanel(): PanelElements {
  const panel = element('section', 'avatar-panel')
  panel.setAttribute('aria-label', 'Avatar')
  const current = element('p', 'avatar-current')
  current.textContent = 'Loading the anchor…'
  const load = button('avatar-load', 'Load avatar…')
  const reset = button('avatar-reset', 'Reset to default anchor')
  const input = element('input', 'avatar-file')
  input.type = 'file'
  input.accept = '.vrm,.glb'
  input.hidden = true
  const progress = element('progress', 'avatar-progress')
  progress.max = 1
  progress.hidden = true
  const message = element('p', 'avatar-message')
  message.setAttribute('role', 'alert')
  message.hidden = true
  const buttons = document.createElement('div')
  buttons.className = 'avatar-buttons'
  buttons.append(load, reset)
  panel.append(current, buttons, input, progress, message)
  const drop = element('div', 'avatar-drop')
  drop.textContent = 'Drop a .vrm avatar to load it'
  drop.hidden = true
  dock('top-right').append(panel)
  document.body.append(drop)
  return { panel, current, load, reset, input, progress, message, drop }
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, id: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  e.id = id
  return e
}

function button(id: string, text: string): HTMLButtonElement {
  const b = element('button', id)
  b.type = 'button'
  b.textContent = text
  return b
}
