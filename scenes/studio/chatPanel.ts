// The chat panel: a viewer's message in, the host's reply streaming out, a persona editor, a stop
// button, the model's load progress and where replies come from (chatSettings.ts). Untrusted text is
// only ever set as textContent.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import {
  Dialogue,
  DialoguePlugin,
  DialogueSettings,
  DialogueStatus,
  ReplyDone,
  ReplyStarted,
  ReplyToken,
  ViewerMessage,
} from '../../systems/dialogue/index.ts'
import { createChatSettings } from './chatSettings.ts'
import { DockCorner, dock } from './dock.ts'
import { requirePlugins } from './requirePlugins.ts'
import { button, el, input, panel } from './ui.ts'

/** The name a message typed in the panel is sent under (the model expects "name: message"). */
const PANEL_VIEWER = '观众'

/** Reply bubbles kept on screen; older ones are removed so a long stream keeps the page light. */
const MAX_BUBBLES = 40

/** The panel's elements. */
interface ChatPanelParts {
  readonly log: HTMLOListElement
  readonly status: HTMLElement
  readonly progress: HTMLProgressElement
  readonly form: HTMLFormElement
  readonly input: HTMLInputElement
  readonly cancel: HTMLButtonElement
  readonly note: HTMLElement
  readonly persona: HTMLTextAreaElement
}

/** The chat panel (bottom right, open) and the system that keeps it in step with the dialogue (render stage). Needs `DialoguePlugin`. */
export const ChatPanelPlugin: Plugin = {
  name: 'chatPanel',
  build(app: App) {
    requirePlugins(app, 'chat panel', DialoguePlugin)
    const world = app.world
    const parts = buildChatPanel(world)
    wireChatPanel(world, parts)
    app.addSystem(Stage.Render, createSyncChatPanel(world, parts))
  },
}

function buildChatPanel(world: World): ChatPanelParts {
  const settings = world.resource(DialogueSettings)
  const details = panel('chat-panel', 'Chat', true)
  const status = el('p', { id: 'chat-status', text: 'Loading the host\u2019s language model…' })
  const progress = el('progress', { id: 'chat-progress' })
  progress.max = 1
  const log = el('ol', { id: 'chat-log' })
  log.setAttribute('aria-live', 'polite')
  const text = input('chat-input', 'text', 'Say something to the host')
  text.maxLength = settings.maxMessageChars
  const cancel = button('chat-cancel', 'Stop')
  cancel.disabled = true
  const form = el('form', { id: 'chat-form' }, text, button('chat-send', 'Send', true), cancel)
  const note = el('p', { id: 'chat-note', text: `Messages are cut at ${settings.maxMessageChars} characters.` })
  note.hidden = true
  const persona = el('textarea', { id: 'chat-persona-input' })
  persona.value = settings.persona
  persona.rows = 3
  const personaBox = el('details', { id: 'chat-persona' }, el('summary', { text: 'Persona' }), persona)
  details.append(status, progress, log, form, note, personaBox, createChatSettings(world))
  dock(DockCorner.bottomRight).append(details)
  return { log, status, progress, form, input: text, cancel, note, persona }
}

function wireChatPanel(world: World, parts: ChatPanelParts): void {
  const settings = world.resource(DialogueSettings)
  parts.input.addEventListener('input', () => (parts.note.hidden = parts.input.value.length < settings.maxMessageChars))
  parts.form.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = parts.input.value.trim()
    if (!text) return
    world.send(ViewerMessage, { viewer: PANEL_VIEWER, text })
    parts.input.value = ''
  })
  // Straight to the backend, not through the next frame: on a busy machine a frame can take long.
  parts.cancel.addEventListener('click', () => world.resource(Dialogue).cancel())
  // The persona applies from the next message on; an empty one would leave the model without a role.
  parts.persona.addEventListener('change', () => {
    if (parts.persona.value.trim()) settings.persona = parts.persona.value.trim()
    else parts.persona.value = settings.persona
  })
}

/** Makes the system that shows reply events and the model's status; it touches the DOM only when they change. */
function createSyncChatPanel(world: World, parts: ChatPanelParts): (world: World) => void {
  const started = world.reader(ReplyStarted)
  const tokens = world.reader(ReplyToken)
  const done = world.reader(ReplyDone)
  /** Reply bubbles by reply id, while they stream. */
  const bubbles = new Map<number, HTMLLIElement>()
  let shownStatus: DialogueStatus | null = null
  let shownBackend = ''
  let shownLoadMs = -1
  let shownError: string | null = null
  let shownProgress = -1
  return function syncChatPanel(w: World): void {
    const dialogue = w.resource(Dialogue)
    if (dialogue.status !== shownStatus || dialogue.backendName !== shownBackend || dialogue.loadMs !== shownLoadMs || dialogue.error !== shownError) {
      shownStatus = dialogue.status
      shownBackend = dialogue.backendName
      shownLoadMs = dialogue.loadMs
      shownError = dialogue.error
      parts.status.textContent = statusText(dialogue)
      parts.status.dataset.status = dialogue.status
      parts.progress.hidden = dialogue.status !== DialogueStatus.loading
    }
    if (dialogue.status === DialogueStatus.loading && dialogue.progress && dialogue.progress.totalBytes > 0) {
      const fraction = dialogue.progress.loadedBytes / dialogue.progress.totalBytes
      if (fraction !== shownProgress) parts.progress.value = shownProgress = fraction
    }
    for (const s of started.read()) {
      // No viewer: the host picked the topic itself (idle talk, systems/broadcast).
      addBubble(parts, 'chat-viewer', s.viewer ? `${s.viewer}: ${s.message}` : `(idle talk) ${s.message}`)
      bubbles.set(s.replyId, addBubble(parts, 'chat-host chat-streaming', ''))
      if (s.cappedChars > 0) parts.note.hidden = false
    }
    for (const t of tokens.read()) {
      const bubble = bubbles.get(t.replyId)
      if (bubble) bubble.textContent = t.soFar
    }
    for (const d of done.read()) {
      const bubble = bubbles.get(d.replyId)
      if (!bubble) continue
      bubbles.delete(d.replyId)
      bubble.classList.remove('chat-streaming')
      bubble.dataset.end = d.reason
      if (d.reason === 'error') bubble.textContent = d.error ?? 'The host could not answer.'
      else if (d.reason === 'cancelled') bubble.textContent = d.text ? `${d.text} (stopped)` : '(stopped)'
      else bubble.textContent = d.text || '…'
    }
    const idle = dialogue.current === null
    if (parts.cancel.disabled !== idle) parts.cancel.disabled = idle
  }
}

function statusText(dialogue: Dialogue): string {
  switch (dialogue.status) {
    case DialogueStatus.loading:
      return dialogue.backendName === 'openai' ? 'Connecting to the chat server…' : 'Loading the host\u2019s language model…'
    case DialogueStatus.ready:
      return dialogue.backendName === 'openai'
        ? `Host ready (chat server answered in ${Math.round(dialogue.loadMs)} ms).`
        : `Host ready (model loaded in ${Math.round(dialogue.loadMs)} ms).`
    case DialogueStatus.error:
      return dialogue.error ?? 'The host\u2019s language model could not be loaded.'
  }
}

function addBubble(parts: ChatPanelParts, className: string, text: string): HTMLLIElement {
  const li = el('li', { className, text })
  parts.log.append(li)
  while (parts.log.childElementCount > MAX_BUBBLES) parts.log.firstElementChild?.remove()
  li.scrollIntoView({ block: 'nearest' })
  return li
}
