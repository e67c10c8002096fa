// The voice panel: the "click to enable sound" control when the browser blocks autoplay, engine,
// rate, pitch and volume, a line to say, and Stop. Text is only ever set as textContent.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { LipsyncPlugin, LipsyncState } from '../../systems/lipsync/index.ts'
import { SpeakText, Speech, TTS_ENGINES, VoiceOutput, VoicePlugin, VoiceSettings, setVoiceEngine, webSpeechAvailable } from '../../systems/voice/index.ts'
import { DockCorner, dock } from './dock.ts'
import { requirePlugins } from './requirePlugins.ts'
import { button, checkbox, el, input, panel, select, slider } from './ui.ts'

/** How each engine is named in the list. */
const ENGINE_LABELS: Readonly<Record<string, string>> = {
  espeak: 'espeak-ng (offline)',
  webspeech: 'Browser voices (Web Speech)',
  http: 'HTTP server (/v1/audio/speech)',
}

/** The panel's elements. */
interface VoicePanelParts {
  readonly unlock: HTMLButtonElement
  readonly status: HTMLElement
  readonly engine: HTMLSelectElement
  readonly rate: HTMLInputElement
  readonly pitch: HTMLInputElement
  readonly volume: HTMLInputElement
  readonly speakReplies: HTMLInputElement
  readonly say: HTMLFormElement
  readonly sayInput: HTMLInputElement
  readonly stop: HTMLButtonElement
}

/**
 * The voice panel (top right, under the avatar panel) and the system that keeps it in step (render
 * stage). Needs `VoicePlugin` and `LipsyncPlugin`.
 */
export const VoicePanelPlugin: Plugin = {
  name: 'voicePanel',
  build(app: App) {
    requirePlugins(app, 'voice panel', VoicePlugin, LipsyncPlugin)
    const parts = buildVoicePanel(app.world.resource(VoiceSettings), app.world.resource(VoiceOutput).running)
    wireVoicePanel(app.world, parts)
    app.addSystem(Stage.Render, createSyncVoicePanel(parts))
  },
}

function buildVoicePanel(settings: VoiceSettings, soundOn: boolean): VoicePanelParts {
  const unlock = button('voice-unlock', '🔈 Click to enable sound')
  unlock.title = 'The browser keeps pages silent until you click; the host\u2019s speech waits and starts then.'
  unlock.hidden = soundOn
  const status = el('p', { id: 'voice-status', text: 'Quiet.' })
  status.setAttribute('role', 'status')
  const names = [...TTS_ENGINES.keys()]
  const missing = new Set(names.filter((name) => name === 'webspeech' && !webSpeechAvailable()))
  const engine = select('voice-engine', names.map((name) => {
    const label = ENGINE_LABELS[name] ?? name
    return [name, missing.has(name) ? `${label} — none in this browser` : label] as const
  }), missing)
  engine.value = settings.engine
  const rate = slider('voice-rate', 'Rate (words/min)', { min: 80, max: 400, step: 5, value: settings.rateWpm })
  const pitch = slider('voice-pitch', 'Pitch', { min: 0, max: 100, step: 1, value: settings.pitch })
  const volume = slider('voice-volume', 'Volume', { min: 0, max: 1, step: 0.05, value: settings.volume })
  const speakReplies = checkbox('voice-speak-replies', 'Speak replies', settings.speakReplies)
  const sayInput = input('voice-say-input', 'text', 'Text to say')
  const say = el('form', { id: 'voice-say' }, sayInput, button('voice-say-button', 'Say', true))
  const stop = button('voice-stop', 'Stop')
  const details = panel('voice-panel', 'Voice')
  // Stop sits first, under the status: reachable at once, never under the chat panel below.
  details.append(status, stop, say, engine, rate.label, pitch.label, volume.label, speakReplies.label)
  dock(DockCorner.topRight).append(details)
  document.body.append(unlock)
  return { unlock, status, engine, rate: rate.input, pitch: pitch.input, volume: volume.input, speakReplies: speakReplies.input, say, sayInput, stop }
}

function wireVoicePanel(world: World, parts: VoicePanelParts): void {
  const settings = world.resource(VoiceSettings)
  const output = world.resource(VoiceOutput)
  parts.unlock.addEventListener('click', () => void output.unlock())
  // Any click or key on the page counts as the permission too, so typing a chat message also unlocks.
  const unlockOnGesture = () => void output.unlock()
  window.addEventListener('pointerdown', unlockOnGesture, { capture: true })
  window.addEventListener('keydown', unlockOnGesture, { capture: true })
  parts.rate.addEventListener('input', () => (settings.rateWpm = Number(parts.rate.value)))
  parts.pitch.addEventListener('input', () => (settings.pitch = Number(parts.pitch.value)))
  parts.volume.addEventListener('input', () => (settings.volume = Number(parts.volume.value)))
  parts.speakReplies.addEventListener('change', () => (settings.speakReplies = parts.speakReplies.checked))
  parts.engine.addEventListener('change', () => setVoiceEngine(world, parts.engine.value))
  parts.say.addEventListener('submit', (event) => {
    event.preventDefault()
    if (parts.sayInput.value.trim()) world.send(SpeakText, { text: parts.sayInput.value })
    parts.sayInput.value = ''
  })
  // Straight to the queue, not through the next frame: on a busy machine a frame can take long.
  parts.stop.addEventListener('click', () => world.resource(Speech).stop(world, 'stop button'))
}

/** What the voice's status line shows. */
const VoiceLine = { quiet: 0, blocked: 1, speaking: 2, failed: 3 } as const
type VoiceLine = (typeof VoiceLine)[keyof typeof VoiceLine]

/** Makes the system that shows the unlock control and the voice's status; it writes only what changed. */
function createSyncVoicePanel(parts: VoicePanelParts): (world: World) => void {
  let shownLine: VoiceLine | -1 = -1
  let shownSource = ''
  let shownError: string | null = null
  return function syncVoicePanel(w: World): void {
    const output = w.resource(VoiceOutput)
    const speech = w.resource(Speech)
    if (parts.unlock.hidden !== output.running) parts.unlock.hidden = output.running
    const source = w.resource(LipsyncState).source
    const error = speech.stats.lastError
    const line = !output.running && speech.busy ? VoiceLine.blocked : speech.busy ? VoiceLine.speaking : error ? VoiceLine.failed : VoiceLine.quiet
    if (line === shownLine && (line !== VoiceLine.speaking || source === shownSource) && (line !== VoiceLine.failed || error === shownError)) return
    shownLine = line
    shownSource = source
    shownError = error
    parts.status.textContent =
      line === VoiceLine.blocked ? 'Speech is waiting: click “enable sound”.'
        : line === VoiceLine.speaking ? `Speaking (${source}).`
          : line === VoiceLine.failed ? (error ?? '')
            : 'Quiet.'
    parts.status.toggleAttribute('data-error', line === VoiceLine.failed)
  }
}
