// Test media made on the spot with ffmpeg's own test sources (nothing downloaded, nothing committed).
import { execFile } from 'node:child_process'
import { mkdtemp, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * A WebM like MediaRecorder's: VP8 video (testsrc2, 640×360, 30 fps) and Opus audio (a 440 Hz sine),
 * with clusters about every second, so the stream can be cut into chunks and resumed.
 */
export async function makeTestWebm(seconds: number, options: { audio?: boolean } = {}): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'genanchor-webm-'))
  const file = join(dir, 'test.webm')
  const audio = options.audio ?? true
  await run('ffmpeg', [
    '-hide_banner', '-loglevel', 'error',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30:duration=${seconds}`,
    ...(audio ? ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds}`] : []),
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-g', '30',
    ...(audio ? ['-c:a', 'libopus', '-b:a', '64k'] : []),
    '-cluster_time_limit', '1000', '-f', 'webm', file,
  ])
  return readFile(file)
}

/** Splits a buffer into chunks of about `size` bytes (as MediaRecorder's timeslice does). */
export function chunks(buf: Buffer, size: number): Buffer[] {
  const out: Buffer[] = []
  for (let i = 0; i < buf.length; i += size) out.push(buf.subarray(i, i + size))
  return out
}
