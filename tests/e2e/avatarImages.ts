// Screenshot comparison for the avatar tests: a per-pixel diff of decoded PNGs (mean absolute
// difference and share of differing pixels), committed reference images, and on failure the
// actual image and a diff image under test-results/.
import { existsSync } from 'node:fs'
import { mkdir, readFile, writeFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import { deflateSync } from 'node:zlib'
import type { Page } from 'playwright-core'
import { decodePng, type Pixels } from './png.ts'

// The same folders as harness.ts, without importing it: Node unit tests use this module too.
const REPO_ROOT = resolve(import.meta.dirname, '../..')
const RESULTS_DIR = join(REPO_ROOT, 'test-results')

/** Where the reference images live (committed). */
export const REFERENCE_DIR = join(REPO_ROOT, 'tests/e2e/reference')

/** Set `GENANCHOR_UPDATE_REFERENCES=1` to (re)write the reference images from this run. */
const UPDATING = process.env.GENANCHOR_UPDATE_REFERENCES === '1'

/** References written in this run (when updating). */
const written = new Set<string>()

/** How two images differ. */
export interface ImageDiff {
  /** Mean over pixels and RGB channels of |a − b|, 0..255. */
  readonly meanAbs: number
  /** Share (0..1) of pixels where some channel differs by more than the pixel threshold. */
  readonly differingShare: number
  /** Red where pixels differ, the first image greyed elsewhere. */
  readonly image: Pixels
}

/** A channel difference at or below this is rendering noise, not a change (of 255). */
export const PIXEL_THRESHOLD = 24

/** Compares two images of the same size. */
export function diffImages(a: Pixels, b: Pixels, pixelThreshold = PIXEL_THRESHOLD): ImageDiff {
  if (a.width !== b.width || a.height !== b.height) {
    throw new Error(`images differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`)
  }
  const out = new Uint8Array(a.rgba.length)
  let sum = 0
  let differing = 0
  for (let o = 0; o < a.rgba.length; o += 4) {
    const dr = Math.abs(a.rgba[o] - b.rgba[o])
    const dg = Math.abs(a.rgba[o + 1] - b.rgba[o + 1])
    const db = Math.abs(a.rgba[o + 2] - b.rgba[o + 2])
    sum += dr + dg + db
    const grey = (a.rgba[o] + a.rgba[o + 1] + a.rgba[o + 2]) / 3
    const changed = Math.max(dr, dg, db) > pixelThreshold
    if (changed) differing++
    out[o] = changed ? 255 : grey * 0.5
    out[o + 1] = changed ? 0 : grey * 0.5
    out[o + 2] = changed ? 0 : grey * 0.5
    out[o + 3] = 255
  }
  const pixels = a.width * a.height
  return { meanAbs: sum / (pixels * 3), differingShare: differing / pixels, image: { width: a.width, height: a.height, rgba: out } }
}

/** Limits for "looks the same as the reference". */
export interface Tolerance {
  /** Largest mean absolute difference, 0..255. */
  readonly maxMeanAbs: number
  /** Largest share of differing pixels, 0..1. */
  readonly maxDifferingShare: number
}

/** SwiftShader is deterministic on one machine; this leaves room for another CPU or driver's rounding. */
export const REFERENCE_TOLERANCE: Tolerance = { maxMeanAbs: 3, maxDifferingShare: 0.02 }

/**
 * Compares a screenshot (PNG bytes) with reference `name`; throws with the figures and the paths of
 * the saved actual and diff images when it does not match. Writes the reference when updating.
 */
export async function expectMatchesReference(name: string, png: Buffer, tolerance: Tolerance = REFERENCE_TOLERANCE): Promise<ImageDiff | null> {
  const file = join(REFERENCE_DIR, `${name}.png`)
  // A reference is written by the first comparison against it; later ones (other tolerances) compare.
  if (UPDATING && !written.has(name)) {
    written.add(name)
    await mkdir(REFERENCE_DIR, { recursive: true })
    await writeFile(file, png)
    return null
  }
  if (!existsSync(file)) throw new Error(`No reference image ${file}; run the tests once with GENANCHOR_UPDATE_REFERENCES=1 and commit it.`)
  const diff = diffImages(decodePng(png), decodePng(await readFile(file)))
  if (diff.meanAbs > tolerance.maxMeanAbs || diff.differingShare > tolerance.maxDifferingShare) {
    const saved = await saveComparison(name, png, diff)
    throw new Error(
      `Screenshot "${name}" differs from its reference: mean |Δ| ${diff.meanAbs.toFixed(2)} (max ${tolerance.maxMeanAbs}), ` +
        `${(100 * diff.differingShare).toFixed(2)} % of pixels differ (max ${(100 * tolerance.maxDifferingShare).toFixed(2)} %). ` +
        `Actual: ${saved.actual}; diff: ${saved.diff}`,
    )
  }
  return diff
}

/** Saves an actual screenshot and its diff image under test-results/. */
export async function saveComparison(name: string, png: Buffer, diff: ImageDiff): Promise<{ actual: string; diff: string }> {
  await mkdir(RESULTS_DIR, { recursive: true })
  const actual = join(RESULTS_DIR, `${name}-actual.png`)
  const diffFile = join(RESULTS_DIR, `${name}-diff.png`)
  await writeFile(actual, png)
  await writeFile(diffFile, encodePng(diff.image))
  return { actual, diff: diffFile }
}

/** Encodes RGBA pixels as a PNG (filter 0 on every row, zlib-compressed). */
export function encodePng(pixels: Pixels): Buffer {
  const { width, height, rgba } = pixels
  const raw = Buffer.alloc((width * 4 + 1) * height)
  for (let y = 0; y < height; y++) {
    raw[y * (width * 4 + 1)] = 0
    Buffer.from(rgba.buffer, rgba.byteOffset + y * width * 4, width * 4).copy(raw, y * (width * 4 + 1) + 1)
  }
  const header = Buffer.alloc(13)
  header.writeUInt32BE(width, 0)
  header.writeUInt32BE(height, 4)
  header.set([8, 6, 0, 0, 0], 8)
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ])
}

function chunk(type: string, body: Buffer): Buffer {
  const out = Buffer.alloc(12 + body.length)
  out.writeUInt32BE(body.length, 0)
  out.write(type, 4, 'latin1')
  body.copy(out, 8)
  out.writeUInt32BE(crc32(out.subarray(4, 8 + body.length)), 8 + body.length)
  return out
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

/** The face of the avatar on stage, on the page: a square from brows to chin (VRM heads are ~0.2 m), for `screenshot({ clip })`. */
export async function faceClip(page: Page): Promise<{ x: number; y: number; width: number; height: number }> {
  const [centre, above] = await page.evaluate(() => [
    window.__genanchor!.projectBone('head', [0, 0.08, 0])!,
    window.__genanchor!.projectBone('head', [0, 0.145, 0])!,
  ])
  const half = Math.round(Math.abs(centre.y - above.y))
  return { x: Math.round(centre.x) - half, y: Math.round(centre.y) - half, width: 2 * half, height: 2 * half }
}
