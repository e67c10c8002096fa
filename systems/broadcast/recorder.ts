// Recording the stream: the canvas (and the anchor's audio when a stream of it is given) to WebM
// with MediaRecorder, in short slices, for download and for the live relay.

/** Recorder settings; every field states its default. */
export interface RecorderOptions {
  /** Capture rate of the canvas, in frames per second (default 30). */
  fps: number
  /** Video bitrate asked of the encoder, in kbit/s (default 4,000). */
  videoKbps: number
  /** Slice length: a chunk reaches `onChunk` about this often, in ms (default 250). */
  timesliceMs: number
  /** Whether chunks are kept for `download()`; a 24/7 live stream turns it off to keep memory flat (default true). */
  keep: boolean
}

/** The default settings. */
export const DEFAULT_RECORDER: Readonly<RecorderOptions> = Object.freeze({ fps: 30, videoKbps: 4000, timesliceMs: 250, keep: true })

/** WebM types in order of preference; the first the browser supports is used. */
const WEBM_TYPES = ['video/webm;codecs=vp8,opus', 'video/webm;codecs=vp9,opus', 'video/webm;codecs=vp8', 'video/webm']

/** Records a canvas (plus optional audio) to WebM; `durationMs` and `sizeBytes` grow while it runs. */
export class StreamRecorder {
  readonly options: RecorderOptions
  /** The MIME type in use. */
  readonly mimeType: string
  /** Whether the recording carries an audio track. */
  readonly hasAudio: boolean
  /** Bytes recorded so far. */
  sizeBytes = 0
  private readonly recorder: MediaRecorder
  private readonly parts: Blob[] = []
  private startedMs = 0
  private stoppedMs: number | null = null
  private readonly stream: MediaStream
  /** Called with each WebM slice, in order (the first holds the header). */
  onChunk: (chunk: Blob) => void = () => {}

  constructor(canvas: HTMLCanvasElement, audio: MediaStream | null, options: Partial<RecorderOptions> = {}) {
    this.options = { ...DEFAULT_RECORDER, ...options }
    const type = WEBM_TYPES.find((t) => MediaRecorder.isTypeSupported(t))
    if (!type) throw new Error('This browser cannot record WebM; use Chromium, Chrome, Edge or Firefox.')
    this.mimeType = type
    this.stream = canvas.captureStream(this.options.fps)
    const tracks = audio?.getAudioTracks() ?? []
    for (const track of tracks) this.stream.addTrack(track)
    this.hasAudio = tracks.length > 0
    this.recorder = new MediaRecorder(this.stream, { mimeType: type, videoBitsPerSecond: this.options.videoKbps * 1000 })
    this.recorder.ondataavailable = (event: BlobEvent) => {
      if (event.data.size === 0) return
      this.sizeBytes += event.data.size
      if (this.options.keep) this.parts.push(event.data)
      this.onChunk(event.data)
    }
  }

  /** Starts recording. */
  start(): void {
    this.startedMs = performance.now()
    this.stoppedMs = null
    this.recorder.start(this.options.timesliceMs)
  }

  /** Whether it is recording now. */
  get recording(): boolean {
    return this.recorder.state === 'recording'
  }

  /** Time recorded, in ms. */
  get durationMs(): number {
    if (this.startedMs === 0) return 0
    return (this.stoppedMs ?? performance.now()) - this.startedMs
  }

  /** Stops; resolves once the last slice has arrived. */
  stop(): Promise<void> {
    if (this.recorder.state === 'inactive') return Promise.resolve()
    return new Promise((resolve) => {
      this.recorder.addEventListener('stop', () => resolve(), { once: true })
      this.recorder.stop()
      this.stoppedMs = performance.now()
      for (const track of this.stream.getVideoTracks()) track.stop()
    })
  }

  /** The recording as one WebM blob (its duration header is empty until remuxed, as with any MediaRecorder file). */
  blob(): Blob {
    return new Blob(this.parts, { type: this.mimeType.split(';')[0] })
  }
}
