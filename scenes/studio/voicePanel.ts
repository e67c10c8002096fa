// The voice panel: the "click to enable sound" control when the browser blocks autoplay, engine,
// rate, pitch and volume, a line to say, and Stop. Text is only ever set as textContent.
import { Stage, type App, type World } from '../../engine/index.ts'
import { LipsyncPlugin, LipsyncState } from '../../systems/lipsync/index.ts'
import {
  EspeakEngine,
  SpeakText,
  Speech,
  TTS_ENGINES,
  VoiceOutput,
  VoicePlugin,
  VoiceSettings,
  setVoiceEngine,
  webSpeechAvailable,
} from '../../systems/voice/index.ts'
import { dock } from './dock.ts'
import './voicePanel.css'

/** How each engine is named in the list. */
const ENGINE_LABELS: Readonly<Record<string, string>> = {
  espeak: 'espeak-ng (offline)',
  webspeech: 'Browser voices (Web Speech)',
  http: 'HTTP server (/v1/audio/speech)',
}

/** Elements the panel's render system updates. */
interface VoicePanelParts {
  readonly unlock: HTMLButtonElement
  readonly status: HTMLElement
}

/**
 * Adds the voice and lip-sync (`VoicePlugin`, `LipsyncPlugin`, unless added already), the panel, and
 * the system that keeps it in step (render stage). Add it after the dialogue and avatar plugins.
 */
export function VoicePanelPlugin(app: App): void {
  if (!app.hasPlugin(VoicePlugin.name)) app.addPlugin(VoicePlugin)
  if (!app.hasPlugin(LipsyncPlugin.name)) app.addPlugin(LipsyncPlugin)
  const world = app.world
  const settings = world.resource(VoiceSettings)
  const output = world.resource(VoiceOutput)

  const unlock = element('button', 'voice-unlock', '🔈 Click to enable sound')
  unlock.type = 'button'
  unlock.title = 'The browser keeps pages silent until you click; the host\u2019s speech waits and starts then.'
  unlock.hidden = output.running
  unlock.addEventListener('click', () => void output.unlock())
  // Any click or key on the page counts as the permission too, so typing a chat message also unlocks.
  const unlockOnGesture = () => void output.unlock()
  window.addEventListener('pointerdown', unlockOnGesture, { capture: true })
  window.addEventListener('keydown', unlockOnGesture, { capture: true })

  const panel = element('details', 'voice-panel')
  const status = element('p', 'voice-status', 'Quiet.')
  status.setAttribute('role', 'status')
  const engine = element('select', 'voice-engine')
  for (const name of TTS_ENGINES.keys()) {
    const usable = name !== 'webspeech' || webSpeechAvailable()
    const option = element('option', undefined, usable ? (ENGINE_LABELS[name] ?? name) : `${ENGINE_LABELS[name] ?? name} — none in this browser`)
    option.value = name
    option.disabled = !usable
    engine.append(option)
  }
  engine.value = settings.engine
  const rate = slider('voice-rate', 'Rate (words/min)', 80, 400, 5, settings.rateWpm, (v) => (settings.rateWpm = v))
  const pitch = slider('voice-pitch', 'Pitch', 0, 100, 1, settings.pitch, (v) => (settings.pitch = v))
  const volume = slider('voice-volume', 'Volume', 0, 1, 0.05, settings.volume, (v) => (settings.volume = v))
  const speak = element('input', 'voice-speak-replies')
  speak.type = 'checkbox'
  speak.checked = settings.speakReplies
  speak.addEventListener('change', () => (settings.speakReplies = speak.checked))
  const speakLabel = element('label', undefined)
  speakLabel.append(speak, ' Speak replies')
  const say = element('form', 'voice-say')
  const sayInput = element('input', 'voice-say-input')
  sayInput.type = 'text'
  sayInput.placeholder = 'Text to say'
  const sayButton = element('button', 'voice-say-button', 'Say')
  sayButton.type = 'submit'
  const stop = element('button', 'voice-stop', 'Stop')
  stop.type = 'button'
  say.append(sayInput, sayButton)
  // Stop sits first, under the status: reachable at once, never under the chat panel below.
  panel.append(element('summary', undefined, 'Voice'), status, stop, say, engine, rate, pitch, volume, speakLabel)
  dock('top-right').append(panel)
  document.body.append(unlock)

  engine.addEventListener('change', () => setVoiceEngine(world, engine.value))
  say.addEventListener('submit', (event) => {
    event.preventDefault()
    if (sayInput.value.trim()) world.send(SpeakText, { text: sayInput.value })
    sayInput.value = ''
  })
  // Straight to the queue, not through the next frame: on a busy machine a frame can take long.
  stop.addEventListener('click', () => world.resource(Speech).stop(world, 'stop button'))

  installVoiceTestHook(world)
  app.addSystem(Stage.Render, createSyncVoicePanel({ unlock, status }))
}

/** Makes the system that shows the unlock control and the voice's status. */
function createSyncVoicePanel(parts: VoicePanelParts): (world: World) => void {
  let shown = ''
  return function syncVoicePanel(w: World): void {
    const output = w.resource(VoiceOutput)
    const speech = w.resource(Speech)
    parts.unlock.hidden = output.running
    const blocked = !output.running && speech.busy
    const text = blocked
      ? 'Speech is waiting: click “enable sound”.'
      : speech.busy
        ? `Speaking (${w.resource(LipsyncState).source}).`
        : speech.stats.lastError ?? 'Quiet.'
    if (text !== shown) {
      shown = text
      parts.status.textContent = text
      if (!speech.busy && speech.stats.lastError) parts.status.dataset.error = ''
      else delete parts.status.dataset.error
    }
  }
}

/** What the studio exposes on `window.__genanchorVoice` for end-to-end tests and the sync tool. */
export interface VoiceTestHook {
  readonly output: VoiceOutput
  readonly speech: Speech
  readonly lipsync: LipsyncState
  /** Speaks `text` as `SpeakText` would. */
  say(text: string): void
  /** Makes the espeak worker crash (the engine must restart it and go on). */
  crashWorker(): void
}

declare global {
  interface Window {
    /** Set by the voice panel; see `VoiceTestHook`. */
    __genanchorVoice?: VoiceTestHook
  }
}

function installVoiceTestHook(world: World): void {
  window.__genanchorVoice = {
    output: world.resource(VoiceOutput),
    speech: world.resource(Speech),
    lipsync: world.resource(LipsyncState),
    say: (text) => world.send(SpeakText, { text }),
    crashWorker: () => {
      const engine = world.resource(Speech).engine
      if (engine instanceof EspeakEngine) engine.crashForTest()
    },
  }
}

function slider(id: string, text: string, min: number, max: number, step: number, value: number, set: (v: number) => void): HTMLLabelElement {
  const label = element('label', undefined, text)
  const input = element('input', id)
  input.type = 'range'
  input.min = String(min)
  input.max = String(max)
  input.step = String(step)
  input.value = String(value)
  input.addEventListener('input', () => set(Number(input.value)))
  label.append(input)
  return label
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, id?: string, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (id) el.id = id
  if (text !== undefined) el.textContent = text
  return el
}
