// The live relay: the recorder's WebM in, ffmpeg re-encoding to H.264/AAC FLV out to an RTMP(S) ingest,
// restarted with backoff when the ingest drops. The stream key never reaches a log or a stats message.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { RelayState, type RelayStats } from '../../systems/broadcast/node.ts'
import { ClusterGate, WebmHeader } from './webmSplice.ts'

/** Relay settings; every field states its default. */
export interface RelayOptions {
  /** The ffmpeg binary (default `ffmpeg` on PATH). */
  ffmpegPath: string
  /** Video bitrate sent to the ingest, in kbit/s (default 2,500). */
  videoKbps: number
  /** First wait before reconnecting, doubling up to `maxBackoffMs`, in ms (default 1,000). */
  firstBackoffMs: number
  /** Longest wait between reconnections, in ms (default 30,000). */
  maxBackoffMs: number
  /** Whether the recorder's WebM has an audio track; without one a silent track is added, as ingests want audio (default true). */
  audio: boolean
}

/** The default settings. */
export const DEFAULT_RELAY: Readonly<RelayOptions> = Object.freeze({ ffmpegPath: 'ffmpeg', videoKbps: 2500, firstBackoffMs: 1000, maxBackoffMs: 30_000, audio: true })

/** Joins an ingest URL and a stream key the way RTMP services expect (`rtmp://host/app/key`). */
export function ingestTarget(url: string, key: string): string {
  let parsed: URL
  try {
    parsed = new URL(url)
  } catch {
    throw new Error('The RTMP URL is not a URL; it looks like rtmp://live.twitch.tv/app.')
  }
  if (parsed.protocol !== 'rtmp:' && parsed.protocol !== 'rtmps:') throw new Error(`The ingest must be rtmp:// or rtmps://, not ${parsed.protocol}//.`)
  if (!/^[\w.\-?=&]*$/.test(key)) throw new Error('The stream key has characters no service uses; paste it again.')
  return key ? `${url.replace(/\/+$/, '')}/${key}` : url
}

/** Runs one relay: `start`, then `write` each WebM chunk, then `stop`. Reports stats through `onStats`. */
export class RtmpRelay {
  private readonly options: RelayOptions
  private ffmpeg: ChildProcessWithoutNullStreams | null = null
  private target = ''
  private secret = ''
  private readonly header = new WebmHeader()
  private gate: ClusterGate | null = null
  private backoffMs: number
  private retry: NodeJS.Timeout | null = null
  private stats: { -readonly [K in keyof RelayStats]: RelayStats[K] } = {
    type: 'stats', state: RelayState.idle, bitrateKbps: 0, droppedFrames: 0, frames: 0, reconnects: 0, receivedBytes: 0, error: null,
  }

  constructor(private readonly onStats: (stats: RelayStats) => void, options: Partial<RelayOptions> = {}) {
    this.options = { ...DEFAULT_RELAY, ...options }
    this.backoffMs = this.options.firstBackoffMs
  }

  /** Where the relay is now. */
  get state(): RelayState {
    return this.stats.state
  }

  /** Starts sending to `url` with `key` (throws a message for the performer on a bad URL or key). */
  start(url: string, key: string): void {
    if (this.stats.state !== RelayState.idle) throw new Error('The relay is already running; stop it first.')
    this.target = ingestTarget(url, key)
    this.secret = key
    this.launch()
  }

  /** One chunk of the recorder's WebM, in order. */
  write(chunk: Buffer): void {
    if (this.stats.state === RelayState.stopped) return
    this.stats.receivedBytes += chunk.length
    this.header.push(chunk)
    const ffmpeg = this.ffmpeg
    if (!ffmpeg) return
    const data = this.gate ? this.gate.next(chunk) : chunk
    if (data && !ffmpeg.stdin.destroyed) ffmpeg.stdin.write(data)
  }

  /** Ends the stream (ffmpeg finishes the FLV and closes the connection). */
  stop(): void {
    this.setState(RelayState.stopped)
    if (this.retry) clearTimeout(this.retry)
    const ffmpeg = this.ffmpeg
    this.ffmpeg = null
    if (ffmpeg) {
      ffmpeg.stdin.end()
      // ffmpeg flushes and exits on end of input; one that hangs on a dead ingest is killed.
      setTimeout(() => ffmpeg.kill('SIGKILL'), 5000).unref()
    }
  }

  private launch(): void {
    this.setState(this.stats.reconnects > 0 ? RelayState.reconnecting : RelayState.connecting)
    const ffmpeg = spawn(this.options.ffmpegPath, this.args(), { stdio: ['pipe', 'pipe', 'pipe'] })
    this.ffmpeg = ffmpeg
    ffmpeg.stdin.on('error', () => {}) // EPIPE when the ingest drops: the exit handler reconnects.
    let stderr = ''
    ffmpeg.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-2000)))
    let progress = ''
    ffmpeg.stdout.on('data', (d: Buffer) => {
      progress += d.toString()
      const end = progress.lastIndexOf('\n')
      if (end < 0) return
      this.readProgress(progress.slice(0, end))
      progress = progress.slice(end + 1)
    })
    ffmpeg.on('error', (err) => {
      if (this.ffmpeg !== ffmpeg) return
      this.ffmpeg = null
      this.fail(`ffmpeg could not start (${err.message}); install ffmpeg.`)
    })
    ffmpeg.on('exit', (code) => {
      if (this.ffmpeg !== ffmpeg) return
      this.ffmpeg = null
      this.fail(`the ingest connection ended (ffmpeg exit ${code}: ${this.redact(stderr.trim().split('\n').pop() ?? '')})`)
    })
    // A restarted ffmpeg needs the stream's header, then data from a cluster start.
    if (this.header.header && this.stats.reconnects > 0) {
      ffmpeg.stdin.write(this.header.header)
      this.gate = new ClusterGate()
    }
  }

  private args(): string[] {
    const o = this.options
    const silent = o.audio ? [] : ['-f', 'lavfi', '-i', 'anullsrc=channel_layout=stereo:sample_rate=44100']
    return [
      '-hide_banner', '-loglevel', 'error',
      // A WebM header names its tracks: probing 5 s of input (ffmpeg's default) would only add latency.
      // (`-fflags nobuffer` is left out: with it ffmpeg dropped every VP8 frame of Chromium's recordings.)
      '-probesize', '65536', '-analyzeduration', '500000',
      '-thread_queue_size', '512', '-f', 'webm', '-i', 'pipe:0', ...silent,
      '-map', '0:v:0', '-map', o.audio ? '0:a:0' : '1:a:0',
      // The canvas is drawn at a variable rate; ingests want constant 30 fps and a keyframe every 2 s
      // (a keyframe per 60 frames would be minutes apart when the page draws slowly, and a new viewer waits for one).
      '-fps_mode', 'cfr', '-r', '30', '-force_key_frames', 'expr:gte(t,n_forced*2)',
      '-c:v', 'libx264', '-preset', 'veryfast', '-tune', 'zerolatency', '-pix_fmt', 'yuv420p',
      '-b:v', `${o.videoKbps}k`, '-maxrate', `${o.videoKbps}k`, '-bufsize', `${o.videoKbps * 2}k`,
      '-c:a', 'aac', '-b:a', '128k', '-ar', '44100', ...(o.audio ? [] : ['-shortest']),
      '-progress', 'pipe:1', '-stats_period', '1',
      '-flush_packets', '1', '-f', 'flv', this.target,
    ]
  }

  private readProgress(block: string): void {
    for (const line of block.split('\n')) {
      const eq = line.indexOf('=')
      if (eq < 0) continue
      const key = line.slice(0, eq).trim()
      const value = line.slice(eq + 1).trim()
      if (key === 'frame') this.stats.frames = Number(value) || 0
      else if (key === 'drop_frames') this.stats.droppedFrames = Number(value) || 0
      else if (key === 'bitrate') this.stats.bitrateKbps = Number.parseFloat(value) || 0
      else if (key === 'progress') {
        if (this.stats.frames > 0 && this.stats.state !== RelayState.stopped) {
          this.backoffMs = this.options.firstBackoffMs
          this.stats.error = null
          this.setState(RelayState.live)
        } else this.onStats({ ...this.stats })
      }
    }
  }

  private fail(message: string): void {
    if (this.stats.state === RelayState.stopped) return
    this.stats.error = message
    this.stats.reconnects++
    this.setState(RelayState.reconnecting)
    this.retry = setTimeout(() => {
      this.retry = null
      if (this.stats.state !== RelayState.stopped) this.launch()
    }, this.backoffMs)
    this.backoffMs = Math.min(this.backoffMs * 2, this.options.maxBackoffMs)
  }

  private setState(state: RelayState): void {
    this.stats.state = state
    this.onStats({ ...this.stats })
  }

  /** Removes the key (and the whole target) from text that may reach a log or the studio. */
  private redact(text: string): string {
    let out = text.split(this.target).join('<ingest>')
    if (this.secret) out = out.split(this.secret).join('<key>')
    return out
  }
}
