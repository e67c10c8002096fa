// The face panel: the generated face on or off, identities (random, seed, between two seeds),
// favourites (kept in the browser, exported and imported as JSON), and what the generator is doing.
// Untrusted text (favourite names, file contents, error messages) is only ever set as textContent.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import {
  Face, FaceIdentity, FaceSettings, FacePlugin, FaceStatus, FavouritesError, favouritesToJson, loadFavourites,
  parseFavourites, parseSeed, randomSeed, saveFavourites, type FaceFavourite,
} from '../../systems/face/index.ts'
import { DockCorner, dock } from './dock.ts'
import { requirePlugins } from './requirePlugins.ts'
import { button, checkbox, el, fillSelect, input, panel, row, select, slider } from './ui.ts'

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

/** The panel's elements. */
interface FacePanelParts {
  readonly status: HTMLElement
  readonly note: HTMLElement
  readonly message: HTMLElement
  readonly enabled: HTMLInputElement
  readonly seedA: HTMLInputElement
  readonly randomA: HTMLButtonElement
  readonly seedB: HTMLInputElement
  readonly randomB: HTMLButtonElement
  readonly mix: HTMLInputElement
  readonly name: HTMLInputElement
  readonly save: HTMLButtonElement
  readonly favourites: HTMLSelectElement
  readonly load: HTMLButtonElement
  readonly remove: HTMLButtonElement
  readonly exportButton: HTMLButtonElement
  readonly importButton: HTMLButtonElement
  readonly importFile: HTMLInputElement
}

/** The favourites list as the panel holds it (the generator's nz decides which fit). */
class FavouriteList {
  items: FaceFavourite[] = []
  /** The nz the list was loaded for, or null before the generator loaded. */
  loadedFor: number | null = null
}

/** The face panel (bottom-left stack, folded) and the system that keeps it current (render stage). Needs `FacePlugin`. */
export const FacePanelPlugin: Plugin = {
  name: 'facePanel',
  build(app: App) {
    requirePlugins(app, 'face panel', FacePlugin)
    const world = app.world
    const parts = buildFacePanel(world.resource(FaceSettings), world.resource(FaceIdentity))
    const list = new FavouriteList()
    wireFacePanel(world, parts, list)
    app.addSystem(Stage.Render, createSyncFacePanel(parts, list))
  },
}

function buildFacePanel(settings: FaceSettings, identity: FaceIdentity): FacePanelParts {
  const details = panel('face-panel', 'Face')
  const status = el('p', { id: 'face-status', text: 'Loading the face generator…' })
  const note = el('p', { id: 'face-note' })
  note.hidden = true
  const enabled = checkbox('face-enabled', 'Generated face (off: painted face)', settings.enabled)
  const seedA = numberInput('face-seed', identity.seedA ?? 1)
  const randomA = button('face-random', 'Random')
  const seedB = numberInput('face-seed-b', identity.seedB)
  const randomB = button('face-random-b', 'Random')
  const mix = slider('face-mix', '', { min: 0, max: 1, step: 0.01, value: identity.t }).input
  const name = input('face-favourite-name', 'text', 'Name')
  name.maxLength = 80
  const save = button('face-save', 'Save')
  const favourites = select('face-favourites', [])
  const load = button('face-load', 'Wear')
  const remove = button('face-delete', 'Delete')
  const exportButton = button('face-export', 'Export…')
  const importButton = button('face-import', 'Import…')
  const importFile = input('face-import-file', 'file')
  importFile.accept = '.json,application/json'
  importFile.hidden = true
  const message = el('p', { id: 'face-message' })
  message.setAttribute('role', 'status')
  message.hidden = true
  details.append(
    status, note, enabled.label,
    row('Seed A', seedA, randomA), row('Seed B', seedB, randomB), row('A ↔ B', mix),
    row('', name, save), row('', favourites), row('', load, remove, exportButton, importButton), importFile, message,
  )
  dock(DockCorner.bottomLeft).append(details)
  return {
    status, note, message, enabled: enabled.input, seedA, randomA, seedB, randomB, mix, name, save, favourites,
    load, remove, exportButton, importButton, importFile,
  }
}

function wireFacePanel(world: World, parts: FacePanelParts, list: FavouriteList): void {
  const settings = world.resource(FaceSettings)
  const identity = world.resource(FaceIdentity)
  const { seedA, seedB, mix, name, favourites } = parts
  const nz = () => world.resource(Face).sidecar?.nz ?? null
  const say = (text: string | null) => showMessage(parts, text)
  const keep = () => {
    const n = nz()
    if (n !== null) saveFavourites(localStorage, list.items, n)
    fillFavourites(parts, list)
  }
  const useSeedA = (seed: number) => {
    identity.seedA = seed
    identity.customA = null
    seedA.value = String(seed)
    identity.changed()
  }

  parts.enabled.addEventListener('change', () => (settings.enabled = parts.enabled.checked))
  parts.randomA.addEventListener('click', () => useSeedA(randomSeed()))
  parts.randomB.addEventListener('click', () => {
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
  parts.save.addEventListener('click', () => {
    const n = nz()
    if (n === null) return say('The face generator is not loaded yet.')
    const label = name.value.trim() || (identity.t === 0 && identity.seedA !== null ? `Seed ${identity.seedA}` : 'Face')
    list.items.push({ name: label.slice(0, 80), z: Array.from(identity.z(n)), seed: identity.t === 0 ? identity.seedA : null })
    keep()
    favourites.value = String(list.items.length - 1)
    name.value = ''
    say(`Saved “${label}”.`)
  })
  parts.load.addEventListener('click', () => {
    const favourite = list.items[Number(favourites.value)]
    if (!favourite) return
    identity.t = 0
    mix.value = '0'
    if (favourite.seed !== null) return useSeedA(favourite.seed)
    identity.seedA = null
    identity.customA = Float32Array.from(favourite.z)
    seedA.value = ''
    identity.changed()
  })
  parts.remove.addEventListener('click', () => {
    const index = Number(favourites.value)
    if (!list.items[index]) return
    list.items.splice(index, 1)
    keep()
  })
  parts.exportButton.addEventListener('click', () => {
    const n = nz()
    if (n === null) return say('The face generator is not loaded yet.')
    const link = el('a')
    link.href = URL.createObjectURL(new Blob([favouritesToJson(list.items, n)], { type: 'application/json' }))
    link.download = 'genanchor-faces.json'
    link.click()
    URL.revokeObjectURL(link.href)
  })
  parts.importButton.addEventListener('click', () => parts.importFile.click())
  parts.importFile.addEventListener('change', async () => {
    const file = parts.importFile.files?.[0]
    parts.importFile.value = ''
    const n = nz()
    if (!file || n === null) return
    try {
      const imported = parseFavourites(await file.text(), n)
      list.items = [...list.items, ...imported].slice(0, 500)
      keep()
      say(`Imported ${imported.length} favourite${imported.length === 1 ? '' : 's'}.`)
    } catch (err) {
      say(err instanceof FavouritesError ? err.message : 'That file could not be read.')
    }
  })
}

function showMessage(parts: FacePanelParts, text: string | null): void {
  parts.message.textContent = text ?? ''
  parts.message.hidden = text === null
}

function fillFavourites(parts: FacePanelParts, list: FavouriteList): void {
  fillSelect(parts.favourites, list.items.map((f, i) => [String(i), f.name] as const))
}

/** Favourites load once the generator's nz is known (they only fit a generator with the same nz). */
function loadFavouritesFor(world: World, parts: FacePanelParts, list: FavouriteList): void {
  const n = world.resource(Face).sidecar?.nz ?? null
  if (n === null || n === list.loadedFor) return
  list.loadedFor = n
  const loaded = loadFavourites(localStorage, n)
  list.items = loaded.favourites
  fillFavourites(parts, list)
  if (loaded.problem) showMessage(parts, loaded.problem)
}

/** Makes the system that shows the generator's state in the panel, 4 times a second; it writes only what changed. */
function createSyncFacePanel(parts: FacePanelParts, list: FavouriteList): (world: World) => void {
  let sinceMs = Infinity
  let last = performance.now()
  let shownNote: string | null | undefined
  // What the status line was written from: it is rewritten only when one of these changed.
  const shown = { status: '', enabled: false, backend: '', threads: 0, fallback: '', hz: -1, targetHz: -1, inferMs10: -1 }
  return function syncFacePanel(world: World): void {
    const now = performance.now()
    sinceMs += now - last
    last = now
    if (sinceMs < 250) return
    sinceMs = 0
    loadFavouritesFor(world, parts, list)
    const face = world.resource(Face)
    const enabled = world.resource(FaceSettings).enabled
    const hz = face.rate.measuredHz(now)
    const targetHz = Math.round(face.rate.targetHz)
    const inferMs10 = Math.round(face.inferMs * 10)
    if (face.status !== shown.status || enabled !== shown.enabled || (face.backend ?? '') !== shown.backend || face.threads !== shown.threads
      || (face.fallbackReason ?? '') !== shown.fallback || hz !== shown.hz || targetHz !== shown.targetHz || inferMs10 !== shown.inferMs10) {
      Object.assign(shown, { status: face.status, enabled, backend: face.backend ?? '', threads: face.threads, fallback: face.fallbackReason ?? '', hz, targetHz, inferMs10 })
      parts.status.textContent = statusText(face, enabled, now)
      parts.status.dataset.status = face.status
    }
    if (face.note !== shownNote) {
      shownNote = face.note
      parts.note.textContent = face.note ?? ''
      parts.note.hidden = face.note === null
    }
    if (parts.enabled.checked !== enabled) parts.enabled.checked = enabled
    if (face.message !== null && parts.message.dataset.generator !== face.message) {
      parts.message.dataset.generator = face.message
      showMessage(parts, face.message)
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

function numberInput(id: string, value: number): HTMLInputElement {
  const i = el('input', { id })
  i.inputMode = 'numeric'
  i.value = String(value)
  i.size = 10
  return i
}
