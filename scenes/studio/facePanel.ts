// The face panel: the generated face on or off, identities (random, seed, between two seeds),
// favourites (kept in the browser, exported and imported as JSON), and what the generator is doing.
// Untrusted text (favourite names, file contents, error messages) is only ever set as textContent.
import { Stage, type App, type World } from '../../engine/index.ts'
import {
  Face, FaceIdentity, FaceSettings, FacePlugin, FaceStatus, FavouritesError, favouritesToJson, loadFavourites,
  parseFavourites, parseSeed, randomSeed, saveFavourites, type FaceFavourite,
} from '../../systems/face/index.ts'
import { installFaceTestHook } from './faceTestHook.ts'
import './facePanel.css'

/**
 * Reads the face options from the address: `?face=painted` starts with the avatar's own painted
 * face (default: the generated one); `?faceModel=/path/generator.json` loads another generator.
 */
export function faceSettingsFromAddress(search: string): FaceSettings {
  const query = new URLSearchParams(search)
  const settings = new FaceSettings({ enabled: query.get('face') !== 'painted' })
  const model = query.get('faceModel')
  // Only paths on the studio's own origin: the page is cross-origin isolated, and nothing may load from the network.
  if (model && model.startsWith('/') && !model.startsWith('//')) settings.sidecarUrl = model
  return settings
}

/** What the panel's controls are, for the system that keeps them current. */
interface FacePanelParts {
  readonly status: HTMLElement
  readonly note: HTMLElement
  readonly message: HTMLElement
  readonly enabled: HTMLInputElement
  readonly favourites: HTMLSelectElement
}

/** Builds the face panel, adds `FacePlugin` with the address's settings, and keeps the panel current (render stage). */
export function FacePanelPlugin(app: App): void {
  const world = app.world
  if (!world.tryResource(FaceSettings)) world.insertResource(faceSettingsFromAddress(location.search))
  if (!app.hasPlugin(FacePlugin.name)) app.addPlugin(FacePlugin)
  const settings = world.resource(FaceSettings)
  const identity = world.resource(FaceIdentity)

  const panel = element('details', { id: 'face-panel' })
  const status = element('p', { id: 'face-status' }, 'Loading the face generator…')
  const note = element('p', { id: 'face-note' })
  note.hidden = true
  const enabled = element('input', { id: 'face-enabled' })
  enabled.type = 'checkbox'
  enabled.checked = settings.enabled
  const enabledLabel = element('label', { className: 'face-row' })
  enabledLabel.append(enabled, document.createTextNode(' Generated face (off: painted face)'))

  const seedA = numberInput('face-seed', identity.seedA ?? 1)
  const randomA = element('button', { id: 'face-random' }, 'Random')
  const seedB = numberInput('face-seed-b', identity.seedB)
  const randomB = element('button', { id: 'face-random-b' }, 'Random')
  const mix = element('input', { id: 'face-mix' })
  mix.type = 'range'
  mix.min = '0'
  mix.max = '1'
  mix.step = '0.01'
  mix.value = String(identity.t)

  const name = element('input', { id: 'face-favourite-name' })
  name.placeholder = 'Name'
  name.maxLength = 80
  const save = element('button', { id: 'face-save' }, 'Save')
  const favourites = element('select', { id: 'face-favourites' })
  const load = element('button', { id: 'face-load' }, 'Wear')
  const remove = element('button', { id: 'face-delete' }, 'Delete')
  const exportButton = element('button', { id: 'face-export' }, 'Export…')
  const importButton = element('button', { id: 'face-import' }, 'Import…')
  const importFile = element('input', { id: 'face-import-file' })
  importFile.type = 'file'
  importFile.accept = '.json,application/json'
  importFile.hidden = true
  const message = element('p', { id: 'face-message' })
  message.setAttribute('role', 'status')
  message.hidden = true

  panel.append(
    element('summary', {}, 'Face'), status, note, enabledLabel,
    row('Seed A', seedA, randomA), row('Seed B', seedB, randomB), row('A ↔ B', mix),
    row('', name, save), row('', favourites), row('', load, remove, exportButton, importButton), importFile, message,
  )
  for (const button of panel.querySelectorAll('button')) button.type = 'button'
  document.body.append(panel)

  let list: FaceFavourite[] = []
  const nz = () => world.resource(Face).sidecar?.nz ?? null
  const say = (text: string | null) => {
    message.textContent = text ?? ''
    message.hidden = text === null
  }
  const fillList = () => {
    favourites.replaceChildren(...list.map((f, i) => {
      const option = element('option', {}, f.name)
      option.value = String(i)
      return option
    }))
  }
  const keep = () => {
    const n = nz()
    if (n !== null) saveFavourites(localStorage, list, n)
    fillList()
  }
  const useSeedA = (seed: number) => {
    identity.seedA = seed
    identity.customA = null
    seedA.value = String(seed)
    identity.changed()
  }

  enabled.addEventListener('change', () => (settings.enabled = enabled.checked))
  randomA.addEventListener('click', () => useSeedA(randomSeed()))
  randomB.addEventListener('click', () => {
    identity.seedB = randomSeed()
    seedB.value = String(identity.seedB)
    identity.changed()
  })
  seedA.addEventListener('change', () => {
    const seed = parseSeed(seedA.value)
    if (seed === null) say('A seed is a whole number from 0 to 4294967295.')
    else {
      say(null)
      useSeedA(seed)
    }
  })
  seedB.addEventListener('change', () => {
    const seed = parseSeed(seedB.value)
    if (seed === null) return say('A seed is a whole number from 0 to 4294967295.')
    say(null)
    identity.seedB = seed
    identity.changed()
  })
  mix.addEventListener('input', () => {
    identity.t = Number(mix.value)
    identity.changed()
  })
  save.addEventListener('click', () => {
    const n = nz()
    if (n === null) return say('The face generator is not loaded yet.')
    const label = name.value.trim() || (identity.t === 0 && identity.seedA !== null ? `Seed ${identity.seedA}` : 'Face')
    list.push({ name: label.slice(0, 80), z: Array.from(identity.z(n)), seed: identity.t === 0 ? identity.seedA : null })
    keep()
    favourites.value = String(list.length - 1)
    name.value = ''
    say(`Saved “${label}”.`)
  })
  load.addEventListener('click', () => {
    const favourite = list[Number(favourites.value)]
    if (!favourite) return
    identity.t = 0
    mix.value = '0'
    if (favourite.seed !== null) return useSeedA(favourite.seed)
    identity.seedA = null
    identity.customA = Float32Array.from(favourite.z)
    seedA.value = ''
    identity.changed()
  })
  remove.addEventListener('click', () => {
    const index = Number(favourites.value)
    if (!list[index]) return
    list.splice(index, 1)
    keep()
  })
  exportButton.addEventListener('click', () => {
    const n = nz()
    if (n === null) return say('The face generator is not loaded yet.')
    const link = element('a', {})
    link.href = URL.createObjectURL(new Blob([favouritesToJson(list, n)], { type: 'application/json' }))
    link.download = 'genanchor-faces.json'
    link.click()
    URL.revokeObjectURL(link.href)
  })
  importButton.addEventListener('click', () => importFile.click())
  importFile.addEventListener('change', async () => {
    const file = importFile.files?.[0]
    importFile.value = ''
    const n = nz()
    if (!file || n === null) return
    try {
      const imported = parseFavourites(await file.text(), n)
      list = [...list, ...imported].slice(0, 500)
      keep()
      say(`Imported ${imported.length} favourite${imported.length === 1 ? '' : 's'}.`)
    } catch (err) {
      say(err instanceof FavouritesError ? err.message : 'That file could not be read.')
    }
  })

  // Favourites load once the generator's nz is known (they only fit a generator with the same nz).
  let loadedFor: number | null = null
  const loadList = (w: World) => {
    const n = w.resource(Face).sidecar?.nz ?? null
    if (n === null || n === loadedFor) return
    loadedFor = n
    const loaded = loadFavourites(localStorage, n)
    list = loaded.favourites
    fillList()
    if (loaded.problem) say(loaded.problem)
  }
  const parts: FacePanelParts = { status, note, message, enabled, favourites }
  app.addSystem(Stage.Render, createSyncFacePanel(parts, loadList))
  installFaceTestHook(world)
}

/** Makes the system that shows the generator's state in the panel, refreshed 4 times a second. */
function createSyncFacePanel(parts: FacePanelParts, loadList: (w: World) => void): (world: World) => void {
  let sinceMs = Infinity
  let last = performance.now()
  return function syncFacePanel(world: World): void {
    const now = performance.now()
    sinceMs += now - last
    last = now
    if (sinceMs < 250) return
    sinceMs = 0
    loadList(world)
    const face = world.resource(Face)
    parts.status.textContent = statusText(face, world.resource(FaceSettings).enabled, now)
    parts.status.dataset.status = face.status
    parts.note.textContent = face.note ?? ''
    parts.note.hidden = face.note === null
    parts.enabled.checked = world.resource(FaceSettings).enabled
    if (face.message !== null && parts.message.dataset.generator !== face.message) {
      parts.message.dataset.generator = face.message
      parts.message.textContent = face.message
      parts.message.hidden = false
    }
  }
}

const BACKEND_LABEL = { webgpu: 'WebGPU', wasm: 'WASM', cpu: 'CPU' } as const

function statusText(face: Face, enabled: boolean, now: number): string {
  switch (face.status) {
    case FaceStatus.loading:
      return 'Loading the face generator…'
    case FaceStatus.error:
      return face.images > 0 ? 'Face generator stopped; the face keeps its last image.' : 'No face generator; the avatar keeps its painted face.'
    case FaceStatus.ready: {
      if (!enabled) return 'Painted face (generated face off).'
      const backend = face.backend ? BACKEND_LABEL[face.backend] : '?'
      const threads = face.backend === 'wasm' ? ` × ${face.threads} thread${face.threads === 1 ? '' : 's'}` : ''
      const fallback = face.fallbackReason ? ` (${face.fallbackReason})` : ''
      return `${backend}${threads}${fallback} · ${face.rate.measuredHz(now)} Hz (target ${Math.round(face.rate.targetHz)}) · ${face.inferMs.toFixed(1)} ms per image`
    }
  }
}

function row(label: string, ...controls: HTMLElement[]): HTMLElement {
  const div = element('div', { className: 'face-row' })
  if (label) div.append(element('span', { className: 'face-label' }, label))
  div.append(...controls)
  return div
}

function numberInput(id: string, value: number): HTMLInputElement {
  const input = element('input', { id })
  input.inputMode = 'numeric'
  input.value = String(value)
  input.size = 10
  return input
}

/** A new element with an id or class and plain text (never markup). */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: { id?: string; className?: string }, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (attrs.id) el.id = attrs.id
  if (attrs.className) el.className = attrs.className
  if (text !== undefined) el.textContent = text
  return el
}

