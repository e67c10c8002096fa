// The sync measurement: the studio says vowel-initial sentences in Chromium while MediaRecorder
// records its canvas and its audio; ffmpeg reads the file back; the offset between each sentence's
// first sound and the rendered mouth's first opening is measured from the pixels.
//
//     npx tsx bench/avsync/measure.ts [sentences=20]      (prints JSON; the voice bench runs it too)
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Page } from 'playwright-core'
import { launchChromium, openStudio, startStudioServer } from '../../tests/e2e/harness.ts'
import { audioOnsets, mouthMask, mouthOnsets, mouthOpenness, offsetStats, pairOffsets, type MouthSample } from './analyse.ts'
import { decodeAudio, decodeGreyFrames } from './decode.ts'
import type { SyncRecording } from './inPage.ts'
import { SYNC_SENTENCES } from './sentences.ts'

/** What one measurement found. */
export interface SyncResult {
  /** Mouth − sound per sentence, ms (positive: the mouth opens late). */
  readonly offsetsMs: readonly number[]
  /** Mean offset and p95 of its absolute value, ms; NaN when no sound onset had a mouth onset near it. */
  readonly meanMs: number
  readonly p95AbsMs: number
  /** Sentences said, sound onsets found, mouth onsets found. */
  readonly sentences: number
  readonly soundOnsets: number
  readonly mouthOnsets: number
  /** Pixels in the mouth mask, and the recording's video frame rate. */
  readonly maskPixels: number
  readonly videoFps: number
}

/** Width and height the frames are analysed at. */
const GREY_W = 640, GREY_H = 360

/** Records `sentences` in an open studio page and measures the offsets. */
export async function measureSync(page: Page, sentences: readonly string[], gapMs = 500): Promise<SyncResult> {
  // The page imports the recorder from the studio's dev server. The call is a string so that no
  // test runner rewrites its import() for Node.
  const call = `import('/bench/avsync/inPage.ts').then((m) => m.recordSentences(${JSON.stringify(sentences)}, ${gapMs}))`
  const recording = (await page.evaluate(call)) as SyncRecording
  // GENANCHOR_AVSYNC_KEEP=<folder> keeps the recording and its timings there, to look at or analyse again.
  const keep = process.env.GENANCHOR_AVSYNC_KEEP
  const dir = keep ?? (await mkdtemp(join(tmpdir(), 'genanchor-avsync-')))
  try {
    const file = join(dir, 'sync.webm')
    await writeFile(file, Buffer.from(recording.webmBase64, 'base64'))
    if (keep) await writeFile(join(dir, 'recording.json'), JSON.stringify({ ...recording, webmBase64: undefined }, null, 2))
    return analyseRecording(file, recording, sentences.length)
  } finally {
    if (!keep) await rm(dir, { recursive: true, force: true })
  }
}

/** Decodes a recording and measures the offsets (separate so a saved file can be analysed again). */
export function analyseRecording(file: string, recording: SyncRecording, sentences: number): SyncResult {
  const video = decodeGreyFrames(file, GREY_W, GREY_H)
  // The mean of the frames in a calibration window (the held shape shows from the first frame drawn after
  // it was set, so a slow page that drew none inside the window uses the first one after it).
  const average = (fromMs: number, toMs: number) => {
    let picked = video.frames.filter((_, k) => video.timesMs[k] >= fromMs && video.timesMs[k] <= toMs)
    if (picked.length === 0) {
      const next = video.timesMs.findIndex((t) => t > fromMs)
      if (next < 0 || video.timesMs[next] > toMs + 400) throw new Error(`No video frame near ${fromMs.toFixed(0)}–${toMs.toFixed(0)} ms: the recording is too choppy to calibrate.`)
      picked = [video.frames[next]]
    }
    const out = new Uint8Array(picked[0].length)
    for (let i = 0; i < out.length; i++) {
      let sum = 0
      for (const f of picked) sum += f[i]
      out[i] = Math.round(sum / picked.length)
    }
    return out
  }
  const shut = average(...recording.closedMs)
  const open = average(...recording.openMs)
  const mask = mouthMask(shut, open)
  if (mask.length < 4) throw new Error(`The mouth is not visible in the recording (${mask.length} pixels change between shut and open).`)
  const firstSentenceMs = recording.sentencesMs[0] ?? 0
  const mouth: MouthSample[] = video.frames
    .map((frame, k) => ({ tMs: video.timesMs[k], open: mouthOpenness(frame, shut, open, mask) }))
    .filter((s) => s.tMs >= firstSentenceMs - 200)
  const audio = decodeAudio(file)
  const sound = audioOnsets(audio, 48_000).filter((t) => t >= firstSentenceMs - 200)
  const opened = mouthOnsets(mouth)
  const offsetsMs = pairOffsets(sound, opened)
  // NaN when nothing paired: the caller decides whether that is a failure (it is, at a usable frame rate).
  const { meanMs, p95AbsMs } = offsetsMs.length > 0 ? offsetStats(offsetsMs) : { meanMs: Number.NaN, p95AbsMs: Number.NaN }
  const spanS = (video.timesMs[video.timesMs.length - 1] - video.timesMs[0]) / 1000
  return {
    offsetsMs, meanMs, p95AbsMs, sentences,
    soundOnsets: sound.length, mouthOnsets: opened.length,
    maskPixels: mask.length, videoFps: (video.frames.length - 1) / spanS,
  }
}

/** Opens a studio in a fresh Chromium, measures, closes everything. */
export async function measureSyncInFreshBrowser(sentences: readonly string[] = SYNC_SENTENCES): Promise<SyncResult & { browser: string }> {
  const server = await startStudioServer()
  const session = await launchChromium('webgl2')
  try {
    session.context.setDefaultNavigationTimeout(120_000)
    const { page } = await openStudio(session, server.url, '?gpu=webgl2&still=1')
    await page.waitForFunction(() => window.__genanchor?.avatar() != null && window.__genanchor !== undefined, undefined, { timeout: 120_000 })
    const result = await measureSync(page, sentences)
    return { ...result, browser: `Chromium ${session.context.browser()?.version() ?? ''}`.trim() }
  } finally {
    await session.close()
    await server.close()
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = Number(process.argv[2] ?? SYNC_SENTENCES.length)
  const result = await measureSyncInFreshBrowser(SYNC_SENTENCES.slice(0, count))
  process.stdout.write(JSON.stringify(result, null, 2) + '\n')
}
