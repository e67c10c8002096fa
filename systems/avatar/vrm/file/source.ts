// Reads an avatar's bytes from a File, an ArrayBuffer or a URL, refusing anything over the size
// limit before it is read (a File's size and a download's Content-Length are known up front).
import { AvatarLoadError, AvatarLoadErrorCode, MAX_AVATAR_BYTES, tooLargeError } from '../errors.ts'

/** Where an avatar comes from: a picked or dropped file, bytes already in memory, or an address. */
export type AvatarSource = File | Blob | ArrayBuffer | Uint8Array | string

/** An avatar file's bytes and a name for it. */
export interface SourceBytes {
  readonly bytes: Uint8Array
  /** The file name (or the last part of the address); `avatar.vrm` for raw bytes. */
  readonly name: string
}

/** Reads `source`, calling `onBytes(read, total)` as bytes arrive (total 0 when unknown). */
export async function readSource(source: AvatarSource, onBytes: (read: number, total: number) => void): Promise<SourceBytes> {
  if (typeof source === 'string') return readUrl(source, onBytes)
  if (source instanceof ArrayBuffer || source instanceof Uint8Array) {
    const bytes = source instanceof Uint8Array ? source : new Uint8Array(source)
    if (bytes.byteLength > MAX_AVATAR_BYTES) throw tooLargeError(bytes.byteLength)
    onBytes(bytes.byteLength, bytes.byteLength)
    return { bytes, name: 'avatar.vrm' }
  }
  if (source.size > MAX_AVATAR_BYTES) throw tooLargeError(source.size)
  const name = 'name' in source && typeof source.name === 'string' ? source.name : 'avatar.vrm'
  try {
    return { bytes: await readStream(source.stream(), source.size, onBytes), name }
  } catch (err) {
    if (err instanceof AvatarLoadError) throw err
    throw new AvatarLoadError(AvatarLoadErrorCode.unreadable, `The file "${name}" could not be read; check that it is still there and try again.`, { cause: err })
  }
}

async function readUrl(url: string, onBytes: (read: number, total: number) => void): Promise<SourceBytes> {
  const name = decodeURIComponent(new URL(url, globalThis.location?.href ?? 'http://localhost/').pathname.split('/').pop() || 'avatar.vrm')
  let response: Response
  try {
    response = await fetch(url)
  } catch (err) {
    throw new AvatarLoadError(AvatarLoadErrorCode.unreadable, `The avatar "${name}" could not be downloaded; check the connection and try again.`, { cause: err })
  }
  if (!response.ok || !response.body) {
    throw new AvatarLoadError(AvatarLoadErrorCode.unreadable, `The avatar "${name}" could not be downloaded (HTTP ${response.status}).`)
  }
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_AVATAR_BYTES) {
    await response.body.cancel()
    throw tooLargeError(declared)
  }
  return { bytes: await readStream(response.body, declared, onBytes), name }
}

/** Reads a byte stream to the end, stopping as soon as it passes the size limit. */
async function readStream(stream: ReadableStream<Uint8Array>, total: number, onBytes: (read: number, total: number) => void): Promise<Uint8Array> {
  const reader = stream.getReader()
  const chunks: Uint8Array[] = []
  let read = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    read += value.byteLength
    if (read > MAX_AVATAR_BYTES) {
      await reader.cancel()
      throw tooLargeError(read)
    }
    chunks.push(value)
    onBytes(read, total)
  }
  if (chunks.length === 1) return chunks[0]
  const bytes = new Uint8Array(read)
  let at = 0
  for (const chunk of chunks) {
    bytes.set(chunk, at)
    at += chunk.byteLength
  }
  return bytes
}
