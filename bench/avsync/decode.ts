// Reads a recording back with ffmpeg/ffprobe: the audio as float samples on the file's clock, and the
// video as small greyscale frames with their timestamps.
import { execFileSync } from 'node:child_process'

/** Greyscale frames of a video, all `width`×`height`, with their times. */
export interface GreyFrames {
  readonly width: number
  readonly height: number
  readonly timesMs: readonly number[]
  readonly frames: readonly Uint8Array[]
}

const MAX_BUFFER = 1 << 30

/** The audio track as mono float samples at `sampleRateHz`, sample 0 at the file's time 0 (late starts are padded). */
export function decodeAudio(file: string, sampleRateHz = 48_000): Float32Array {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:a:0', '-af', 'aresample=async=1:first_pts=0', '-ac', '1', '-ar', String(sampleRateHz), '-f', 'f32le', '-'], { maxBuffer: MAX_BUFFER })
  return new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4)
}

/** Every video frame (no frame rate conversion), scaled to `width`×`height` greyscale, with its timestamp. */
export function decodeGreyFrames(file: string, width: number, height: number): GreyFrames {
  const times = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'frame=best_effort_timestamp_time', '-of', 'csv=p=0', file], { maxBuffer: MAX_BUFFER })
    .toString()
    .split('\n')
    .map((line) => line.trim().replace(/,$/, ''))
    .filter((line) => line.length > 0)
    .map((s) => Number(s) * 1000)
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-map', '0:v:0', '-fps_mode', 'passthrough', '-vf', `scale=${width}:${height}:flags=area,format=gray`, '-f', 'rawvideo', '-'], { maxBuffer: MAX_BUFFER })
  const size = width * height
  const frames: Uint8Array[] = []
  for (let at = 0; at + size <= raw.length; at += size) frames.push(new Uint8Array(raw.buffer, raw.byteOffset + at, size))
  if (frames.length !== times.length) throw new Error(`ffmpeg gave ${frames.length} frames but ffprobe listed ${times.length} timestamps for ${file}.`)
  return { width, height, timesMs: times, frames }
}
