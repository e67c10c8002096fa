// Reads the container of a binary glTF (.glb / .vrm) far enough to check it and read its JSON,
// before Babylon creates anything. Layout: https://registry.khronos.org/glTF/specs/2.0/glTF-2.0.html#binary-gltf-layout
import type { IGLTF } from 'babylonjs-gltf2interface'
import { AvatarLoadError, AvatarLoadErrorCode, EXPORT_AGAIN, formatBytes } from '../errors.ts'

const GLB_MAGIC = 0x46546c67 // 'glTF' little-endian
const CHUNK_JSON = 0x4e4f534a // 'JSON'
const CHUNK_BIN = 0x004e4942 // 'BIN\0'
const HEADER_BYTES = 12
const CHUNK_HEADER_BYTES = 8

/** The JSON and binary chunks of a checked binary glTF. */
export interface GlbContents {
  readonly json: IGLTF
  /** The BIN chunk, or null when the file has none. */
  readonly bin: Uint8Array | null
  /** Bytes the header declares (the file may carry padding after it). */
  readonly declaredBytes: number
}

/** File signatures people drop by mistake, with what to tell them. */
const OTHER_FORMATS: readonly { readonly magic: string; readonly what: string }[] = [
  { magic: 'PK\u0003\u0004', what: 'a zip archive; unzip it and choose the .vrm file inside' },
  { magic: 'Kaydara FBX', what: 'an FBX model; convert it to VRM first (UniVRM or the Blender VRM add-on)' },
  { magic: '\u0089PNG', what: 'a PNG image, not an avatar' },
  { magic: '\u00ff\u00d8\u00ff', what: 'a JPEG image, not an avatar' },
]

/** Checks the GLB header and chunks and parses the JSON; throws `AvatarLoadError` for anything wrong. */
export function readGlb(bytes: Uint8Array): GlbContents {
  if (bytes.byteLength < 4 || readU32(bytes, 0) !== GLB_MAGIC) throw notGltf(bytes)
  if (bytes.byteLength < HEADER_BYTES) throw truncated(bytes.byteLength, HEADER_BYTES)
  const version = readU32(bytes, 4)
  if (version !== 2) {
    throw new AvatarLoadError(
      AvatarLoadErrorCode.unsupported,
      `This is a glTF ${version}.0 file; only glTF 2.0 (every VRM) is supported. ${EXPORT_AGAIN}`,
    )
  }
  const declaredBytes = readU32(bytes, 8)
  if (declaredBytes > bytes.byteLength) throw truncated(bytes.byteLength, declaredBytes)
  const json = readJsonChunk(bytes, declaredBytes)
  const bin = readBinChunk(bytes, declaredBytes, json)
  return { json, bin, declaredBytes }
}

function readJsonChunk(bytes: Uint8Array, end: number): IGLTF {
  const at = HEADER_BYTES
  if (end < at + CHUNK_HEADER_BYTES) throw truncated(bytes.byteLength, at + CHUNK_HEADER_BYTES)
  const length = readU32(bytes, at)
  if (readU32(bytes, at + 4) !== CHUNK_JSON) throw corrupt('its first chunk is not the JSON chunk')
  if (at + CHUNK_HEADER_BYTES + length > end) throw truncated(bytes.byteLength, at + CHUNK_HEADER_BYTES + length)
  const text = new TextDecoder().decode(bytes.subarray(at + CHUNK_HEADER_BYTES, at + CHUNK_HEADER_BYTES + length))
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (err) {
    throw corrupt('its JSON part cannot be read', err)
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw corrupt('its JSON part is not an object')
  const json = parsed as IGLTF
  if (!json.asset || typeof json.asset.version !== 'string') throw corrupt('it has no "asset" version')
  return json
}

function readBinChunk(bytes: Uint8Array, end: number, json: IGLTF): Uint8Array | null {
  const at = HEADER_BYTES + CHUNK_HEADER_BYTES + readU32(bytes, HEADER_BYTES)
  // Chunks start on 4-byte boundaries; the JSON chunk is padded with spaces to get there.
  const start = at + ((4 - (at % 4)) % 4)
  const embedded = json.buffers?.[0] && json.buffers[0].uri === undefined ? json.buffers[0].byteLength : 0
  if (start + CHUNK_HEADER_BYTES > end) {
    if (embedded > 0) throw truncated(bytes.byteLength, start + CHUNK_HEADER_BYTES + embedded)
    return null
  }
  const length = readU32(bytes, start)
  if (readU32(bytes, start + 4) !== CHUNK_BIN) return null
  if (start + CHUNK_HEADER_BYTES + length > end) throw truncated(bytes.byteLength, start + CHUNK_HEADER_BYTES + length)
  if (embedded > length) throw truncated(bytes.byteLength, start + CHUNK_HEADER_BYTES + embedded)
  return bytes.subarray(start + CHUNK_HEADER_BYTES, start + CHUNK_HEADER_BYTES + length)
}

function readU32(bytes: Uint8Array, at: number): number {
  return (bytes[at] | (bytes[at + 1] << 8) | (bytes[at + 2] << 16) | (bytes[at + 3] << 24)) >>> 0
}

function notGltf(bytes: Uint8Array): AvatarLoadError {
  const head = String.fromCharCode(...bytes.subarray(0, 16))
  const known = OTHER_FORMATS.find((f) => head.startsWith(f.magic))
  let what = 'not a VRM or glTF binary file'
  if (known) what = known.what
  else if (head.trimStart().startsWith('{')) what = 'a text glTF (.gltf); export a binary .vrm or .glb instead'
  else if (bytes.byteLength === 0) what = 'empty'
  return new AvatarLoadError(AvatarLoadErrorCode.notGltf, `This file is ${what}. Choose a .vrm avatar file.`)
}

function truncated(actual: number, expected: number): AvatarLoadError {
  // Near misses round to the same "1.2 MB", so exact counts are given then.
  const exact = formatBytes(actual) === formatBytes(expected)
  const [has, should] = exact ? [`${actual} bytes`, `${expected}`] : [formatBytes(actual), formatBytes(expected)]
  return new AvatarLoadError(
    AvatarLoadErrorCode.truncated,
    `This file is cut short: it has ${has} of the ${should} it should have. ` +
      'The download or copy was probably interrupted; get the file again.',
  )
}

function corrupt(why: string, cause?: unknown): AvatarLoadError {
  return new AvatarLoadError(AvatarLoadErrorCode.notGltf, `This file is damaged: ${why}. ${EXPORT_AGAIN}`, { cause })
}
