// The broadcast panel: what the host is answering and its queue, the stream view and its control
// channel, recording to WebM, and going live through the server's relay. Untrusted text is only set
// as textContent; the stream key is read once when going live and never shown, kept or logged.
import { Stage, Time, type App, type Plugin, type World } from '../../engine/index.ts'
import {
  BroadcastHost,
  BroadcastPlugin,
  ChatSource,
  HostAnswering,
  RelayClient,
  StreamLink,
  StreamRecorder,
  WorkerWatchdog,
  type ChatPlatformStatus,
  type LinkedChat,
  type RelayStatus,
} from '../../systems/broadcast/index.ts'
import { Renderer } from '../../systems/render/index.ts'
import { VoiceOutput } from '../../systems/voice/index.ts'
import { StreamMirrorPlugin, StudioStreamLink } from './broadcastMirror.ts'
import { DockCorner, dock } from './dock.ts'
import { requirePlugins } from './requirePlugins.ts'
import { button, checkbox, el, input, panel, showText } from './ui.ts'

/** The address `npm run serve` listens on by default. */
const DEFAULT_SERVER = 'ws://127.0.0.1:8790'

/**
 * Integration point with the voice system: a MediaStream of everything audible (the voice's master
 * bus), or null while there is no voice — then recordings and the live stream carry video only.
 */
export async function voiceRecordingStream(world: World): Promise<MediaStream | null> {
  const voice = world.tryResource(VoiceOutput)
  if (!voice) return null
  // A suspended context gives the track no samples, and the relay's muxer would wait for them:
  // the Record and Go live clicks are user gestures, so the browser lets it run.
  await voice.unlock()
  return voice.createRecordingStream()
}

/** A live stream: its recorder, its relay, and the relay's last status. */
export interface LiveSession {
  readonly recorder: StreamRecorder
  readonly relay: RelayClient
  status: RelayStatus | null
}

/** A resource: what the broadcast panel is recording and streaming now. */
export class BroadcastSession {
  /** The recording being made or last made, or null before the first. */
  recorder: StreamRecorder | null = null
  /** The live stream, or null while off air. */
  live: LiveSession | null = null
  /** Each chat platform's state as the server last reported it (empty until it does). */
  platforms: readonly ChatPlatformStatus[] = []
}

const CHAT_SOURCES: ReadonlySet<string> = new Set(Object.values(ChatSource))

/** A chat line from the server as the host takes it: its platform, platform-qualified viewer id and gift kept. */
function incomingFrom(line: LinkedChat) {
  const source = CHAT_SOURCES.has(line.source) ? (line.source as ChatSource) : ChatSource.viewerPage
  return { viewer: line.viewer, text: line.text, bits: line.bits, source, viewerId: line.viewerId, ...(line.gift ? { gift: line.gift } : {}) }
}

/** One line per platform: `bilibili 21452505: live · 1,204 received` (text only: the detail is the server's sentence). */
function platformLine(p: ChatPlatformStatus): string {
  const counts = `${p.received.toLocaleString('en')} received${p.malformed ? ` · ${p.malformed} unreadable` : ''}${p.reconnects ? ` · ${p.reconnects} reconnects` : ''}`
  return `${p.platform} ${p.channel}: ${p.state} · ${counts}${p.detail ? ` · ${p.detail}` : ''}`
}

/** The panel's elements. */
interface PanelParts {
  answering: HTMLElement; queue: HTMLElement; idle: HTMLInputElement; overlay: HTMLInputElement
  server: HTMLInputElement; token: HTMLInputElement; connect: HTMLButtonElement; serverState: HTMLElement
  record: HTMLButtonElement; recording: HTMLElement; download: HTMLAnchorElement
  rtmp: HTMLInputElement; key: HTMLInputElement; live: HTMLButtonElement; liveState: HTMLElement
  platforms: HTMLElement
}

/**
 * The broadcast panel (bottom-left stack, folded): what the host answers, the stream view's link, the
 * server, recording and going live; its system shows the host and the counters (render stage).
 * Needs `BroadcastPlugin` and `StreamMirrorPlugin`.
 */
export const BroadcastPanelPlugin: Plugin = {
  name: 'broadcastPanel',
  build(app: App) {
    requirePlugins(app, 'broadcast panel', BroadcastPlugin, StreamMirrorPlugin)
    const world = app.world
    const session = world.insertResource(new BroadcastSession())
    const ui = buildBroadcastPanel()
    wireBroadcastPanel(world, ui, session)
    app.addSystem(Stage.Render, createSyncBroadcastPanel(world, ui, session))
  },
}

function wireBroadcastPanel(world: World, ui: PanelParts, session: BroadcastSession): void {
  const host = world.resource(BroadcastHost)
  const links = world.resource(StudioStreamLink)
  const connectLink = (): void => {
    links.link.close()
    const link = new StreamLink({ server: ui.server.value.trim(), token: ui.token.value })
    link.onSocketState = (state) => showText(ui.serverState, state === 'ready' ? 'Connected: viewer chat comes in, stream pages follow.' : state, !['ready', 'connecting', 'off'].includes(state) && !state.startsWith('disconnected'))
    link.onChat = (line) => host.receive(incomingFrom(line))
    link.onPlatforms = (platforms) => (session.platforms = platforms)
    links.link = link
  }
  ui.connect.addEventListener('click', connectLink)
  ui.overlay.addEventListener('change', () => links.link.send({ kind: 'overlay', show: ui.overlay.checked }))
  ui.idle.addEventListener('change', () => (host.settings.idleAfterMs = ui.idle.checked ? 20_000 : Infinity))

  ui.record.addEventListener('click', async () => {
    if (session.recorder?.recording) {
      await session.recorder.stop()
      const blob = session.recorder.blob()
      URL.revokeObjectURL(ui.download.href)
      ui.download.href = URL.createObjectURL(blob)
      ui.download.download = `genanchor-${new Date().toISOString().replace(/[:.]/g, '-')}.webm`
      ui.download.hidden = false
      ui.record.textContent = 'Record'
      return
    }
    try {
      const recorder = new StreamRecorder(world.resource(Renderer).canvas, await voiceRecordingStream(world))
      session.recorder = recorder
      recorder.start()
      ui.record.textContent = 'Stop recording'
      ui.download.hidden = true
    } catch (err) {
      showText(ui.recording, (err as Error).message, true)
    }
  })

  ui.live.addEventListener('click', async () => {
    const live = session.live
    if (live) {
      live.relay.close()
      await live.recorder.stop()
      session.live = null
      ui.live.textContent = 'Go live'
      showText(ui.liveState, 'Ended.')
      return
    }
    const key = ui.key.value
    // The key leaves the page once, to the server; the field is cleared and nothing keeps it.
    ui.key.value = ''
    try {
      const rec = new StreamRecorder(world.resource(Renderer).canvas, await voiceRecordingStream(world), { keep: false })
      const relay = new RelayClient()
      const started: LiveSession = { recorder: rec, relay, status: null }
      relay.onStatus = (status) => (started.status = status)
      await relay.open(ui.server.value.trim(), ui.token.value, { url: ui.rtmp.value.trim(), key, audio: rec.hasAudio })
      rec.onChunk = (chunk) => relay.send(chunk)
      rec.start()
      session.live = started
      ui.live.textContent = 'End stream'
      if (!rec.hasAudio) showText(ui.liveState, 'Live with video only: the voice system is not running.')
    } catch (err) {
      showText(ui.liveState, (err as Error).message, true)
    }
  })
}

/** Makes the system that shows what the host answers (on each event) and the counters (4 times a second, only when changed). */
function createSyncBroadcastPanel(world: World, ui: PanelParts, session: BroadcastSession): (world: World) => void {
  const host = world.resource(BroadcastHost)
  const answering = world.reader(HostAnswering)
  let nextUiMs = 0
  let shownPlatforms: readonly ChatPlatformStatus[] | null = null
  const shown = { waiting: -1, answered: -1, accepted: -1, rejected: -1, restarts: -1, recordingS: -1, recordingKb: -1 }
  return function syncBroadcastPanel(w: World): void {
    for (const a of answering.read()) {
      if (a.message) ui.answering.textContent = `Answering ${a.message.viewer}: ${a.message.text}`
      else ui.answering.textContent = a.topic ? `Talking about ${a.topic}` : 'Waiting for chat.'
    }
    // Counters four times a second: they need not follow every frame.
    const nowMs = w.resource(Time).elapsedMs
    if (nowMs < nextUiMs) return
    nextUiMs = nowMs + 250
    let restarts = 0
    for (const watched of w.resource(WorkerWatchdog).watched) restarts += watched.restarts
    const rejected = host.moderator.rejectedTotal()
    if (host.queue.size !== shown.waiting || host.tally.answered !== shown.answered || host.moderator.counts.accepted !== shown.accepted
      || rejected !== shown.rejected || restarts !== shown.restarts) {
      Object.assign(shown, { waiting: host.queue.size, answered: host.tally.answered, accepted: host.moderator.counts.accepted, rejected, restarts })
      ui.queue.textContent = `${host.queue.size} waiting · ${host.tally.answered} answered · ${host.moderator.counts.accepted} accepted · ${rejected} rejected · ${restarts} restarts`
    }
    const recorder = session.recorder
    if (recorder?.recording) {
      const seconds = Math.floor(recorder.durationMs / 1000)
      const kb = Math.floor(recorder.sizeBytes / 1024)
      if (seconds !== shown.recordingS || kb !== shown.recordingKb) {
        shown.recordingS = seconds
        shown.recordingKb = kb
        ui.recording.textContent = `${formatDuration(recorder.durationMs)} · ${formatBytes(recorder.sizeBytes)}${recorder.hasAudio ? '' : ' · video only'}`
      }
    }
    if (session.platforms !== shownPlatforms) {
      shownPlatforms = session.platforms
      ui.platforms.replaceChildren(...shownPlatforms.map((p) => {
        const item = el('li', { text: platformLine(p) })
        item.toggleAttribute('data-error', p.state === 'down' || p.state === 'ended')
        return item
      }))
    }
    const status = session.live?.status
    if (status) {
      const text = `${status.state} · ${Math.round(status.bitrateKbps)} kbit/s · ${status.droppedFrames} dropped · ${status.reconnects} reconnects${status.error ? ` · ${status.error}` : ''}`
      if (text !== ui.liveState.textContent) showText(ui.liveState, text, status.error !== null)
    }
  }
}

function buildBroadcastPanel(): PanelParts {
  const p = (id: string, text = '') => el('p', { id, text })
  const idle = checkbox('broadcast-idle', 'Idle talk when chat is quiet', true)
  const overlay = checkbox('broadcast-overlay', 'Chat overlay', false)
  const parts: PanelParts = {
    answering: p('broadcast-answering', 'Waiting for chat.'), queue: p('broadcast-queue'),
    idle: idle.input, overlay: overlay.input,
    server: input('broadcast-server', 'text', DEFAULT_SERVER), token: input('broadcast-token', 'password', 'control token'),
    connect: button('broadcast-connect', 'Connect'), serverState: p('broadcast-server-state', 'Not connected: stream pages in this browser still follow.'),
    record: button('broadcast-record', 'Record'), recording: p('broadcast-recording'), download: el('a', { id: 'broadcast-download', text: 'Download the recording' }),
    rtmp: input('broadcast-rtmp', 'text', 'rtmp://live.twitch.tv/app'), key: input('broadcast-key', 'password', 'stream key'),
    live: button('broadcast-live', 'Go live'), liveState: p('broadcast-live-state'),
    platforms: el('ul', { id: 'broadcast-platforms' }),
  }
  parts.server.value = DEFAULT_SERVER
  parts.download.hidden = true
  const view = el('a', { id: 'broadcast-stream-link', text: 'Open the stream view' })
  view.href = 'stream.html'
  view.target = '_blank'
  view.rel = 'noopener'
  const section = (legend: string, ...children: HTMLElement[]) => el('fieldset', {}, el('legend', { text: legend }), ...children)
  const details = panel('broadcast-panel', 'Broadcast')
  details.append(
    section('Host', parts.answering, parts.queue, idle.label),
    section('Stream view', view, overlay.label),
    section('Server', parts.server, parts.token, parts.connect, parts.serverState, parts.platforms),
    section('Record', parts.record, parts.recording, parts.download),
    section('Live', parts.rtmp, parts.key, parts.live, parts.liveState),
  )
  dock(DockCorner.bottomLeft).append(details)
  return parts
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function formatBytes(bytes: number): string {
  return bytes < 1 << 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / (1 << 20)).toFixed(1)} MB`
}
