// The page half of the sync measurement: runs inside the studio (imported by bench/avsync/measure.ts
// through the dev server). It records the rendered canvas and the master audio bus together with
// MediaRecorder while the host says each sentence, after a mouth calibration the analysis uses to
// find the mouth's pixels.

/** What a recording came with. */
export interface SyncRecording {
  /** The WebM file (VP8 + Opus), base64. */
  readonly webmBase64: string
  /** Page times of the calibration, ms from the recorder's start: mouth shut, then held wide open. */
  readonly closedMs: readonly [number, number]
  readonly openMs: readonly [number, number]
  /** When each sentence was handed to the voice, ms from the recorder's start. */
  readonly sentencesMs: readonly number[]
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

/** Waits until the voice has nothing queued or playing. */
async function untilQuiet(timeoutMs: number): Promise<void> {
  const voice = window.__genanchor!.voice
  const end = performance.now() + timeoutMs
  while (voice.snapshot().busy) {
    if (performance.now() > end) throw new Error('The voice did not finish a sentence in time.')
    await sleep(20)
  }
}

/** Records the canvas and the voice while each sentence is said, `gapMs` of silence between them. */
export async function recordSentences(sentences: readonly string[], gapMs: number): Promise<SyncRecording> {
  const voice = window.__genanchor?.voice
  const studio = window.__genanchor
  const canvas = document.getElementById('stage')
  if (!voice || !studio || !(canvas instanceof HTMLCanvasElement)) throw new Error('Open the studio page first: the voice test hook or the stage canvas is missing.')
  await voice.unlock()
  const stream = new MediaStream([...canvas.captureStream(60).getVideoTracks(), ...voice.recordingStream().getAudioTracks()])
  const recorder = new MediaRecorder(stream, { mimeType: 'video/webm;codecs=vp8,opus', videoBitsPerSecond: 6_000_000, audioBitsPerSecond: 128_000 })
  const parts: Blob[] = []
  recorder.ondataavailable = (event) => parts.push(event.data)
  const stopped = new Promise((resolve) => (recorder.onstop = resolve))
  recorder.start(500)
  const t0 = performance.now()
  const since = () => performance.now() - t0

  // Calibration: the mouth shut, then wide open through the manual layer, then released.
  await sleep(1000)
  const closedMs: [number, number] = [200, since() - 50]
  studio.setExpression('aa', 1)
  await sleep(200)
  const openFrom = since()
  await sleep(800)
  const openMs: [number, number] = [openFrom, since() - 50]
  studio.setExpression('aa', 0)
  await sleep(gapMs)

  const sentencesMs: number[] = []
  for (const sentence of sentences) {
    sentencesMs.push(since())
    voice.say(sentence)
    await sleep(50)
    await untilQuiet(20_000)
    await sleep(gapMs)
  }
  recorder.stop()
  await stopped
  const bytes = new Uint8Array(await new Blob(parts, { type: 'video/webm' }).arrayBuffer())
  let binary = ''
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
  return { webmBase64: btoa(binary), closedMs, openMs, sentencesMs }
}
