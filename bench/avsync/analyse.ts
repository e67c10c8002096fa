// The arithmetic of the sync measurement: sound onsets in the audio, mouth-opening onsets in the
// frames, and the offsets between them. Pure functions, tested on synthetic signals.

/** A video frame's mouth openness: 0 = as shut, 1 = as in the wide-open calibration. */
export interface MouthSample {
  /** Frame time, ms. */
  readonly tMs: number
  readonly open: number
}

/** Onset detection thresholds. */
export interface OnsetOptions {
  /** Silence (or a shut mouth) needed before an onset counts, ms (default 250). */
  minQuietMs?: number
}

/**
 * Times (ms) where sound starts after at least `minQuietMs` of silence: the first 2 ms window whose
 * RMS passes 10 % of the loudest window's. `startMs` is the time of sample 0.
 */
export function audioOnsets(samples: Float32Array, sampleRateHz: number, startMs = 0, options: OnsetOptions = {}): number[] {
  const minQuietMs = options.minQuietMs ?? 250
  const win = Math.max(1, Math.round(sampleRateHz * 0.002))
  const rms: number[] = []
  for (let i = 0; i + win <= samples.length; i += win) {
    let sum = 0
    for (let j = i; j < i + win; j++) sum += samples[j] * samples[j]
    rms.push(Math.sqrt(sum / win))
  }
  const peak = rms.reduce((a, b) => Math.max(a, b), 0)
  const loud = 0.1 * peak, quiet = 0.02 * peak
  const onsets: number[] = []
  let quietMs = minQuietMs
  const winMs = (win / sampleRateHz) * 1000
  for (let k = 0; k < rms.length; k++) {
    if (rms[k] >= loud) {
      if (quietMs >= minQuietMs) onsets.push(startMs + k * winMs)
      quietMs = 0
    } else if (rms[k] < quiet) {
      quietMs += winMs
    }
  }
  return onsets
}

/** How far after a mouth starts opening its first shape is looked for, ms. */
const FIRST_SHAPE_MS = 250

/**
 * Times (ms) where the mouth is half-way to its first shape after being shut (below 0.15) for
 * `minQuietMs`: each opening's threshold is half the largest openness in its first 250 ms (the
 * first vowel's shape, which lip-sync reaches half-way at the vowel's onset), and the crossing is
 * interpolated between the two frames around it.
 */
export function mouthOnsets(frames: readonly MouthSample[], options: OnsetOptions = {}): number[] {
  const minQuietMs = options.minQuietMs ?? 250
  const onsets: number[] = []
  let shutSince = frames.length > 0 ? frames[0].tMs - minQuietMs : 0
  let k = 1
  while (k < frames.length) {
    const b = frames[k]
    if (b.open < 0.15) {
      if (frames[k - 1].open >= 0.15) shutSince = b.tMs
      k++
      continue
    }
    if (b.tMs - shutSince < minQuietMs + (b.tMs - frames[k - 1].tMs)) {
      // Opened again too soon after closing: part of the same stretch of speech.
      k = skipOpen(frames, k)
      continue
    }
    let peak = 0
    for (let j = k; j < frames.length && frames[j].tMs - b.tMs <= FIRST_SHAPE_MS; j++) peak = Math.max(peak, frames[j].open)
    const threshold = Math.max(0.15, peak / 2)
    for (let j = k; j < frames.length; j++) {
      if (frames[j].open >= threshold) {
        const a = frames[j - 1], c = frames[j]
        onsets.push(a.tMs + ((threshold - a.open) / (c.open - a.open)) * (c.tMs - a.tMs))
        break
      }
    }
    k = skipOpen(frames, k)
  }
  return onsets
}

/** The index of the first shut frame at or after `k`. */
function skipOpen(frames: readonly MouthSample[], k: number): number {
  while (k < frames.length && frames[k].open >= 0.15) k++
  return k
}

/** For each sound onset, the nearest mouth onset within `maxGapMs`: offset = mouth − sound (positive: the mouth is late). */
export function pairOffsets(sound: readonly number[], mouth: readonly number[], maxGapMs = 200): number[] {
  const offsets: number[] = []
  for (const s of sound) {
    let best: number | null = null
    for (const m of mouth) if (Math.abs(m - s) <= maxGapMs && (best === null || Math.abs(m - s) < Math.abs(best - s))) best = m
    if (best !== null) offsets.push(best - s)
  }
  return offsets
}

/** Mean offset and the 95th percentile of its absolute value, ms. */
export function offsetStats(offsets: readonly number[]): { meanMs: number; p95AbsMs: number } {
  if (offsets.length === 0) throw new Error('No sound onset had a mouth onset near it: the mouth did not move with the speech.')
  const meanMs = offsets.reduce((a, b) => a + b, 0) / offsets.length
  const abs = offsets.map(Math.abs).sort((a, b) => a - b)
  const p95AbsMs = abs[Math.min(abs.length - 1, Math.ceil(0.95 * abs.length) - 1)]
  return { meanMs, p95AbsMs }
}

/**
 * The mouth's pixels from the calibration: those that differ by more than `threshold` grey levels
 * between the shut and open frames (both `width`×`height` greyscale). Returns their indices.
 */
export function mouthMask(shut: Uint8Array, open: Uint8Array, threshold = 24): number[] {
  const mask: number[] = []
  for (let i = 0; i < shut.length; i++) if (Math.abs(open[i] - shut[i]) > threshold) mask.push(i)
  return mask
}

/** How open the mouth is in `frame`, 0..1, relative to the shut and open calibration frames over `mask`. */
export function mouthOpenness(frame: Uint8Array, shut: Uint8Array, open: Uint8Array, mask: readonly number[]): number {
  let moved = 0, full = 0
  for (const i of mask) {
    const span = open[i] - shut[i]
    moved += (frame[i] - shut[i]) * Math.sign(span)
    full += Math.abs(span)
  }
  return full > 0 ? Math.max(0, moved / full) : 0
}
