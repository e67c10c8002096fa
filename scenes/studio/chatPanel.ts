// The chat panel: a viewer's message in, the host's reply streaming out, a persona editor, a stop
// button, the model's load progress and where replies come from (chatSettings.ts). Untrusted text is
// only ever set as textContent.
import { Stage, type App, type World } from '../../engine/index.ts'
import { createChatSettings } from './chatSettings.ts'
import {
  Dialogue,
  DialogueSettings,
  DialogueStatus,
  ReplyDone,
  ReplyStarted,
  ReplyToken,
  ViewerMessage,
} from '../../systems/dialogue/index.ts'

/** The name a message typed in the panel is sent under (the model expects "name: message"). */
const PANEL_VIEWER = '观众'

/** Reply bubbles kept on screen; older ones are removed so a long stream keeps the page light. */
const MAX_BUBBLES = 40

/** What the panel's system needs between frames. */
interface ChatPanelParts {
  readonly log: HTMLOListElement
  readonly status: HTMLElement
  readonly progress: HTMLProgressElement
  readonly cancel: HTMLButtonElement
  readonly note: HTMLElement
  /** Reply bubbles by reply id, while they stream. */
  readonly bubbles: Map<number, HTMLLIElement>
}

/** Builds the chat panel and the system that keeps it in step with the dialogue (render stage). */
export function ChatPanelPlugin(app: App): void {
  const world = app.world
  const settings = world.resource(DialogueSettings)
  const panel = element('details', { id: 'chat-panel' })
  panel.open = true
  const summary = element('summary', {}, 'Chat')
  const status = element('p', { id: 'chat-status' }, 'Loading the host\u2019s language model…')
  const progress = element('progress', { id: 'chat-progress' })
  progress.max = 1
  const log = element('ol', { id: 'chat-log' })
  log.setAttribute('aria-live', 'polite')
  const form = element('form', { id: 'chat-form' })
  const input = element('input', { id: 'chat-input' })
  input.type = 'text'
  input.maxLength = settings.maxMessageChars
  input.placeholder = 'Say something to the host'
  input.autocomplete = 'off'
  const send = element('button', { id: 'chat-send' }, 'Send')
  send.type = 'submit'
  const cancel = element('button', { id: 'chat-cancel' }, 'Stop')
  cancel.type = 'button'
  cancel.disabled = true
  form.append(input, send, cancel)
  const note = element('p', { id: 'chat-note' }, `Messages are cut at ${settings.maxMessageChars} characters.`)
  note.hidden = true
  const personaBox = element('details', { id: 'chat-persona' })
  const persona = element('textarea', { id: 'chat-persona-input' })
  persona.value = settings.persona
  persona.rows = 3
  personaBox.append(element('summary', {}, 'Persona'), persona)
  panel.append(summary, status, progress, log, form, note, personaBox, createChatSettings(world))
  document.body.append(panel)

  input.addEventListener('input', () => (note.hidden = input.value.length < settings.maxMessageChars))
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    const text = input.value.trim()
    if (!text) return
    world.send(ViewerMessage, { viewer: PANEL_VIEWER, text })
    input.value = ''
  })
  // Straight to the backend, not through the next frame: on a busy machine a frame can take long.
  cancel.addEventListener('click', () => world.resource(Dialogue).cancel())
  // The persona applies from the next message on; an empty one would leave the model without a role.
  persona.addEventListener('change', () => {
    if (persona.value.trim()) settings.persona = persona.value.trim()
    else persona.value = settings.persona
  })

  const parts: ChatPanelParts = { log, status, progress, cancel, note, bubbles: new Map() }
  app.addSystem(Stage.Render, createSyncChatPanel(world, parts))
}

/** Makes the system that shows reply events and the model's status in the panel. */
function createSyncChatPanel(world: World, parts: ChatPanelParts): (world: World) => void {
  const started = world.reader(ReplyStarted)
  const tokens = world.reader(ReplyToken)
  const done = world.reader(ReplyDone)
  let shownStatus = ''
  return function syncChatPanel(w: World): void {
    const dialogue = w.resource(Dialogue)
    const text = statusText(dialogue)
    if (text !== shownStatus) {
      shownStatus = text
      parts.status.textContent = text
      parts.status.dataset.status = dialogue.status
      parts.progress.hidden = dialogue.status !== DialogueStatus.loading
    }
    if (dialogue.status === DialogueStatus.loading && dialogue.progress && dialogue.progress.totalBytes > 0) {
      parts.progress.value = dialogue.progress.loadedBytes / dialogue.progress.totalBytes
    }
    for (const s of started.read()) {
      // No viewer: the host picked the topic itself (idle talk, systems/broadcast).
      addBubble(parts, 'chat-viewer', s.viewer ? `${s.viewer}: ${s.message}` : `(idle talk) ${s.message}`)
      parts.bubbles.set(s.replyId, addBubble(parts, 'chat-host chat-streaming', ''))
      if (s.cappedChars > 0) parts.note.hidden = false
    }
    for (const t of tokens.read()) {
      const bubble = parts.bubbles.get(t.replyId)
      if (bubble) bubble.textContent = t.soFar
    }
    for (const d of done.read()) {
      const bubble = parts.bubbles.get(d.replyId)
      if (!bubble) continue
      parts.bubbles.delete(d.replyId)
      bubble.classList.remove('chat-streaming')
      bubble.dataset.end = d.reason
      if (d.reason === 'error') bubble.textContent = d.error ?? 'The host could not answer.'
      else if (d.reason === 'cancelled') bubble.textContent = d.text ? `${d.text} (stopped)` : '(stopped)'
      else bubble.textContent = d.text || '…'
    }
    parts.cancel.disabled = dialogue.current === null
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
  const li = element('li', { className }, text)
  parts.log.append(li)
  while (parts.log.childElementCount > MAX_BUBBLES) parts.log.firstElementChild?.remove()
  li.scrollIntoView({ block: 'nearest' })
  return li
}

/** A new element with an id or class and plain text (never markup). */
function element<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: { id?: string; className?: string }, text?: string): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag)
  if (attrs.id) el.id = attrs.id
  if (attrs.className) el.className = attrs.className
  if (text !== undefined) el.textContent = text
  return el
}
