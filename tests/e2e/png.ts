// A minimal PNG reader for screenshots: 8-bit RGB or RGBA, not interlaced (what Chromium writes).
import { inflateSync } from 'node:zlib'

/** Decoded pixels, row-major RGBA, 4 bytes a pixel. */
export interface Pixels {
  readonly width: number
  readonly height: number
  readonly rgba: Uint8Array
}

const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])

/** Decodes a PNG file; throws for the formats Chromium does not produce. */
export function decodePng(file: Buffer): Pixels {
  if (!file.subarray(0, 8).equals(SIGNATURE)) throw new Error('not a PNG file')
  let width = 0
  let height = 0
  let channels = 0
  const data: Buffer[] = []
  for (let at = 8; at < file.length; ) {
    const length = file.readUInt32BE(at)
    const type = file.toString('latin1', at + 4, at + 8)
    const body = file.subarray(at + 8, at + 8 + length)
    if (type === 'IHDR') {
      width = body.readUInt32BE(0)
      height = body.readUInt32BE(4)
      const [bitDepth, colourType, , , interlace] = body.subarray(8, 13)
      if (bitDepth !== 8 || interlace !== 0 || (colourType !== 2 && colourType !== 6)) {
        throw new Error(`unsupported PNG: bit depth ${bitDepth}, colour type ${colourType}, interlace ${interlace}`)
      }
      channels = colourType === 6 ? 4 : 3
    } else if (type === 'IDAT') {
      data.push(body)
    }
    at += 12 + length
  }
  return { width, height, rgba: unfilter(inflateSync(Buffer.concat(data)), width, height, channels) }
}

function unfilter(raw: Buffer, width: number, height: number, channels: number): Uint8Array {
  const stride = width * channels
  const out = new Uint8Array(width * height * 4)
  let previous = new Uint8Array(stride)
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (stride + 1)]
    const line = raw.subarray(y * (stride + 1) + 1, (y + 1) * (stride + 1))
    const row = new Uint8Array(stride)
    for (let x = 0; x < stride; x++) {
      const a = x >= channels ? row[x - channels] : 0
      const b = previous[x]
      const c = x >= channels ? previous[x - channels] : 0
      row[x] = (line[x] + predict(filter, a, b, c)) & 0xff
    }
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4
      out[o] = row[x * channels]
      out[o + 1] = row[x * channels + 1]
      out[o + 2] = row[x * channels + 2]
      out[o + 3] = channels === 4 ? row[x * channels + 3] : 255
    }
    previous = row
  }
  return out
}

/** The PNG filter predictor (spec section 9.2): none, sub, up, average, Paeth. */
function predict(filter: number, a: number, b: number, c: number): number {
  switch (filter) {
    case 0: return 0
    case 1: return a
    case 2: return b
    case 3: return (a + b) >> 1
    case 4: {
      const p = a + b - c
      const pa = Math.abs(p - a)
      const pb = Math.abs(p - b)
      const pc = Math.abs(p - c)
      return pa <= pb && pa <= pc ? a : pb <= pc ? b : c
    }
    default: throw new Error(`bad PNG filter type ${filter}`)
  }
}

/** A rectangle in pixels. */
export interface Box {
  x: number
  y: number
  width: number
  height: number
}

/** The mean colour of a box, [r, g, b] 0..255. */
export function meanColour(pixels: Pixels, box: Box): [number, number, number] {
  const sum = [0, 0, 0]
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const o = (y * pixels.width + x) * 4
      for (let c = 0; c < 3; c++) sum[c] += pixels.rgba[o + c]
    }
  }
  const n = box.width * box.height
  return [sum[0] / n, sum[1] / n, sum[2] / n]
}

/** The share (0..1) of pixels in a box whose colour differs from `reference` by more than `threshold` (sum of |Δ| over RGB). */
export function shareDifferent(pixels: Pixels, box: Box, reference: readonly number[], threshold: number): number {
  let different = 0
  for (let y = box.y; y < box.y + box.height; y++) {
    for (let x = box.x; x < box.x + box.width; x++) {
      const o = (y * pixels.width + x) * 4
      const d =
        Math.abs(pixels.rgba[o] - reference[0]) +
        Math.abs(pixels.rgba[o + 1] - reference[1]) +
        Math.abs(pixels.rgba[o + 2] - reference[2])
      if (d > threshold) different++
    }
  }
  return different / (box.width * box.height)
}
