// The stream view's behaviour: commands from the studio (BroadcastChannel or the server's control
// socket) drive the anchor's face and head and the captions; all text is set with textContent only.
import { Stage, entityIndex, type App, type Entity, type World } from '../../engine/index.ts'
import { Expression, Gaze, HeadPose } from '../../systems/avatar/index.ts'
import { StreamLink, type ControlAddress, type StreamCommand } from '../../systems/broadcast/index.ts'

/** Chat lines the overlay keeps. */
const OVERLAY_LINES = 8

/** A resource: the link, the anchor entity, the overlay elements and what arrived since the last frame. */
export class StreamView {
  /** Commands received, applied in the next input stage. */
  readonly inbox: StreamCommand[] = []
  /** The anchor once loaded. */
  anchor: Entity | null = null
  /** Commands applied since the page opened: whether the studio is getting through. */
  applied = 0
  /** Expression names set from the studio last time, to release the ones no longer sent. */
  readonly driven = new Set<string>()

  constructor(
    readonly link: StreamLink,
    readonly caption: HTMLElement,
    readonly reply: HTMLElement,
    readonly chat: HTMLOListElement,
  ) {}
}

/** The stream page's options from its address: `?bg=transparent|green|<hex>`, `?chat=1`, `?server=ws://…&token=…`. */
export interface StreamOptions {
  /** Clear colour, RGBA 0..1 (default transparent). */
  readonly clearColor: readonly [number, number, number, number]
  /** Whether the chat overlay shows from the start (default false). */
  readonly chat: boolean
  /** The server's control channel, or null for BroadcastChannel only (default null). */
  readonly control: ControlAddress | null
}

/** Reads `StreamOptions` from `location.search`; an unknown background is an error that says what works. */
export function streamOptionsFrom(search: string): StreamOptions {
  const q = new URLSearchParams(search)
  const bg = q.get('bg') ?? 'transparent'
  let clearColor: [number, number, number, number]
  if (bg === 'transparent') clearColor = [0, 0, 0, 0]
  else if (bg === 'green') clearColor = [0, 1, 0, 1]
  else if (/^[0-9a-f]{6}$/i.test(bg)) clearColor = [parseInt(bg.slice(0, 2), 16) / 255, parseInt(bg.slice(2, 4), 16) / 255, parseInt(bg.slice(4, 6), 16) / 255, 1]
  else throw new Error(`Unknown "?bg=${bg}"; use ?bg=transparent, ?bg=green or a hex colour like ?bg=00ff00.`)
  const server = q.get('server')
  const token = q.get('token')
  return { clearColor, chat: q.get('chat') === '1', control: server && token ? { server, token } : null }
}

/** Builds the overlay and the link, and adds `applyStreamCommands` (input). */
export function streamViewPlugin(options: StreamOptions): (app: App) => void {
  return function StreamViewPlugin(app: App): void {
    const caption = overlay('p', 'stream-caption')
    const reply = overlay('p', 'stream-reply')
    const chat = document.createElement('ol')
    chat.id = 'stream-chat'
    chat.hidden = !options.chat
    document.body.append(caption, reply, chat)
    const link = new StreamLink(options.control)
    const view = app.world.insertResource(new StreamView(link, caption, reply, chat))
    link.onCommand = (command) => view.inbox.push(command)
    link.onChat = (line) => view.inbox.push({ kind: 'chat', viewer: line.viewer, text: line.text })
    app.addSystem(Stage.Input, applyStreamCommands)
  }
}

function overlay(tag: 'p', className: string): HTMLElement {
  const el = document.createElement(tag)
  el.className = className
  el.hidden = true
  return el
}

/** input stage: applies what the studio sent. Only the newest pose of a frame matters. */
export function applyStreamCommands(world: World): void {
  const view = world.resource(StreamView)
  if (view.inbox.length === 0) return
  let pose: Extract<StreamCommand, { kind: 'pose' }> | null = null
  for (const command of view.inbox.splice(0)) {
    view.applied++
    if (command.kind === 'pose') pose = command
    else applyText(view, command)
  }
  if (pose && view.anchor !== null && world.isAlive(view.anchor)) applyPose(world, view, view.anchor, pose)
}

function applyPose(world: World, view: StreamView, anchor: Entity, pose: Extract<StreamCommand, { kind: 'pose' }>): void {
  const weights = world.get(anchor, Expression)
  if (weights) {
    for (const name of view.driven) if (!(name in pose.weights)) weights.unset(name, 'manual')
    view.driven.clear()
    for (const [name, w] of Object.entries(pose.weights)) {
      weights.set(name, w, 'manual')
      view.driven.add(name)
    }
  }
  const i = entityIndex(anchor)
  const head = world.store(HeadPose)
  ;[head.yawDeg[i], head.pitchDeg[i], head.rollDeg[i], head.x[i], head.y[i], head.z[i]] = pose.head
  world.markChanged(i, HeadPose)
  const gaze = world.store(Gaze)
  ;[gaze.yawDeg[i], gaze.pitchDeg[i]] = pose.gaze
  world.markChanged(i, Gaze)
}

function applyText(view: StreamView, command: Exclude<StreamCommand, { kind: 'pose' }>): void {
  switch (command.kind) {
    case 'caption': {
      view.caption.replaceChildren()
      if (command.text) {
        const who = document.createElement('span')
        who.className = 'who'
        who.textContent = command.viewer
        view.caption.append(who, document.createTextNode(command.text))
      }
      view.caption.hidden = !command.text
      return
    }
    case 'reply':
      view.reply.textContent = command.text
      view.reply.hidden = !command.text
      return
    case 'overlay':
      view.chat.hidden = !command.show
      return
    case 'chat': {
      const li = document.createElement('li')
      const who = document.createElement('span')
      who.className = 'who'
      who.textContent = command.viewer
      li.append(who, document.createTextNode(command.text))
      view.chat.append(li)
      while (view.chat.children.length > OVERLAY_LINES) view.chat.firstElementChild!.remove()
      return
    }
  }
}
