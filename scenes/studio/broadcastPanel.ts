// The broadcast panel: what the host is answering and its queue, the stream view and its control
// channel, recording to WebM, and going live through the server's relay. Untrusted text is only set
// as textContent; the stream key is read once when going live and never shown, kept or logged.
import { Stage, Time, type App, type World } from '../../engine/index.ts'
import {
  BroadcastHost,
  BroadcastPlugin,
  ChatSource,
  HostAnswering,
  RelayClient,
  StreamLink,
  StreamRecorder,
  WorkerWatchdog,
  type RelayStatus,
} from '../../systems/broadcast/index.ts'
import { Renderer } from '../../systems/render/index.ts'
import { Speech, VoiceOutput } from '../../systems/voice/index.ts'
import { StudioStreamLink, addStreamMirror } from './broadcastMirror.ts'
import './broadcastPanel.css'

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

/** What tests and the console see on `window.__genanchorBroadcast`. */
export interface BroadcastTestHook {
  readonly host: BroadcastHost
  readonly recorder: () => StreamRecorder | null
  readonly relay: () => RelayStatus | null
}

declare global {
  interface Window {
    __genanchorBroadcast?: BroadcastTestHook
  }
}

/** Adds the broadcast capability, the stream mirror and the panel (the studio adds only this plugin). */
export function BroadcastPanelPlugin(app: App): void {
  const world = app.world
  app.addPlugin(BroadcastPlugin)
  const host = world.resource(BroadcastHost)
  // The next message waits until the voice has finished speaking the last reply, not just its text.
  host.busyChecks.push((w) => w.tryResource(Speech)?.busy ?? false)
  const links = world.insertResource(new StudioStreamLink(new StreamLink()))
  addStreamMirror(app)
  const ui = buildPanel()
  let recorder: StreamRecorder | null = null
  let live: { recorder: StreamRecorder; relay: RelayClient; status: RelayStatus | null } | null = null
  window.__genanchorBroadcast = { host, recorder: () => recorder, relay: () => live?.status ?? null }

  const connectLink = (): void => {
    links.link.close()
    const link = new StreamLink({ server: ui.server.value.trim(), token: ui.token.value })
    link.onSocketState = (state) => show(ui.serverState, state === 'ready' ? 'Connected: viewer chat comes in, stream pages follow.' : state, !['ready', 'connecting', 'off'].includes(state) && !state.startsWith('disconnected'))
    link.onChat = (line) => host.receive({ viewer: line.viewer, text: line.text, bits: line.bits, source: line.source === 'twitch' ? ChatSource.twitch : ChatSource.viewerPage })
    links.link = link
  }
  ui.connect.addEventListener('click', connectLink)
  ui.overlay.addEventListener('change', () => links.link.send({ kind: 'overlay', show: ui.overlay.checked }))
  ui.idle.addEventListener('change', () => (host.settings.idleAfterMs = ui.idle.checked ? 20_000 : Infinity))

  ui.record.addEventListener('click', async () => {
    if (recorder?.recording) {
      await recorder.stop()
      const blob = recorder.blob()
      URL.revokeObjectURL(ui.download.href)
      ui.download.href = URL.createObjectURL(blob)
      ui.download.download = `genanchor-${new Date().toISOString().replace(/[:.]/g, '-')}.webm`
      ui.download.hidden = false
      ui.record.textContent = 'Record'
      return
    }
    try {
      recorder = new StreamRecorder(world.resource(Renderer).canvas, await voiceRecordingStream(world))
      recorder.start()
      ui.record.textContent = 'Stop recording'
      ui.download.hidden = true
    } catch (err) {
      show(ui.recording, (err as Error).message, true)
    }
  })

  ui.live.addEventListener('click', async () => {
    if (live) {
      live.relay.close()
      await live.recorder.stop()
      live = null
      ui.live.textContent = 'Go live'
      show(ui.liveState, 'Ended.')
      return
    }
    const key = ui.key.value
    // The key leaves the page once, to the server; the field is cleared and nothing keeps it.
    ui.key.value = ''
    try {
      const rec = new StreamRecorder(world.resource(Renderer).canvas, await voiceRecordingStream(world), { keep: false })
      const relay = new RelayClient()
      const session = { recorder: rec, relay, status: null as RelayStatus | null }
      relay.onStatus = (status) => (session.status = status)
      await relay.open(ui.server.value.trim(), ui.token.value, { url: ui.rtmp.value.trim(), key, audio: rec.hasAudio })
      rec.onChunk = (chunk) => relay.send(chunk)
      rec.start()
      live = session
      ui.live.textContent = 'End stream'
      if (!rec.hasAudio) show(ui.liveState, 'Live with video only: the voice system is not running.')
    } catch (err) {
      show(ui.liveState, (err as Error).message, true)
    }
  })

  const answering = world.reader(HostAnswering)
  let nextUiMs = 0
  app.addSystem(Stage.Render, function showBroadcast(w: World): void {
    for (const a of answering.read()) {
      if (a.message) ui.answering.textContent = `Answering ${a.message.viewer}: ${a.message.text}`
      else ui.answering.textContent = a.topic ? `Talking about ${a.topic}` : 'Waiting for chat.'
    }
    // Counters four times a second: they need not follow every frame.
    const nowMs = w.resource(Time).elapsedMs
    if (nowMs < nextUiMs) return
    nextUiMs = nowMs + 250
    const restarts = w.resource(WorkerWatchdog).watched.reduce((n, s) => n + s.restarts, 0)
    ui.queue.textContent = `${host.queue.size} waiting · ${host.tally.answered} answered · ${host.moderator.counts.accepted} accepted · ${host.moderator.rejectedTotal()} rejected · ${restarts} restarts`
    if (recorder?.recording) ui.recording.textContent = `${formatDuration(recorder.durationMs)} · ${formatBytes(recorder.sizeBytes)}${recorder.hasAudio ? '' : ' · video only'}`
    const status = live?.status
    if (status) show(ui.liveState, `${status.state} · ${Math.round(status.bitrateKbps)} kbit/s · ${status.droppedFrames} dropped · ${status.reconnects} reconnects${status.error ? ` · ${status.error}` : ''}`, status.error !== null)
  })
}

/** The panel's elements. */
interface PanelParts {
  answering: HTMLElement; queue: HTMLElement; idle: HTMLInputElement; overlay: HTMLInputElement
  server: HTMLInputElement; token: HTMLInputElement; connect: HTMLButtonElement; serverState: HTMLElement
  record: HTMLButtonElement; recording: HTMLElement; download: HTMLAnchorElement
  rtmp: HTMLInputElement; key: HTMLInputElement; live: HTMLButtonElement; liveState: HTMLElement
}

function buildPanel(): PanelParts {
  const panel = el('details', 'broadcast-panel')
  const p = (id: string, text = '') => el('p', id, text)
  const input = (id: string, type: 'text' | 'password' | 'checkbox', placeholder = '') => {
    const i = el('input', id)
    i.type = type
    i.placeholder = placeholder
    i.autocomplete = 'off'
    return i
  }
  const button = (id: string, text: string) => Object.assign(el('button', id, text), { type: 'button' })
  const labelled = (box: HTMLInputElement, text: string) => {
    const label = el('label', '')
    label.append(box, document.createTextNode(` ${text}`))
    return label
  }
  const parts: PanelParts = {
    answering: p('broadcast-answering', 'Waiting for chat.'), queue: p('broadcast-queue'),
    idle: input('broadcast-idle', 'checkbox'), overlay: input('broadcast-overlay', 'checkbox'),
    server: input('broadcast-server', 'text', DEFAULT_SERVER), token: input('broadcast-token', 'password', 'control token'),
    connect: button('broadcast-connect', 'Connect'), serverState: p('broadcast-server-state', 'Not connected: stream pages in this browser still follow.'),
    record: button('broadcast-record', 'Record'), recording: p('broadcast-recording'), download: el('a', 'broadcast-download', 'Download the recording'),
    rtmp: input('broadcast-rtmp', 'text', 'rtmp://live.twitch.tv/app'), key: input('broadcast-key', 'password', 'stream key'),
    live: button('broadcast-live', 'Go live'), liveState: p('broadcast-live-state'),
  }
  parts.server.value = DEFAULT_SERVER
  parts.idle.checked = true
  parts.download.hidden = true
  const view = el('a', 'broadcast-stream-link', 'Open the stream view')
  view.href = 'stream.html'
  view.target = '_blank'
  view.rel = 'noopener'
  const section = (legend: string, ...children: HTMLElement[]) => {
    const f = el('fieldset', '')
    f.append(el('legend', '', legend), ...children)
    return f
  }
  panel.append(
    el('summary', '', 'Broadcast'),
    section('Host', parts.answering, parts.queue, labelled(parts.idle, 'Idle talk when chat is quiet')),
    section('Stream view', view, labelled(parts.overlay, 'Chat overlay')),
    section('Server', parts.server, parts.token, parts.connect, parts.serverState),
    section('Record', parts.record, parts.recording, parts.download),
    section('Live', parts.rtmp, parts.key, parts.live, parts.liveState),
  )
  document.body.append(panel)
  return parts
}

function el<K extends keyof HTMLElementTagNameMap>(tag: K, id: string, text?: string): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (id) e.id = id
  if (text !== undefined) e.textContent = text
  return e
}

function show(target: HTMLElement, text: string, error = false): void {
  target.textContent = text
  target.toggleAttribute('data-error', error)
}

function formatDuration(ms: number): string {
  const s = Math.floor(ms / 1000)
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`
}

function formatBytes(bytes: number): string {
  return bytes < 1 << 20 ? `${(bytes / 1024).toFixed(0)} KB` : `${(bytes / (1 << 20)).toFixed(1)} MB`
}
