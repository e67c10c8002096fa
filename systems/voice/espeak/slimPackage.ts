// The slim espeak-ng data package: only the files Mandarin and English need, in a small container
// that the synthesiser's loader expands back to the layout its emscripten build expects.
//
// The emscripten build hard-codes one 24 MB data file (every language) and reads each file at a fixed
// byte range of it. We keep those ranges: `expandSlimPackage` writes each kept file at its original
// offset of a zero-filled buffer of the original size. The zero pages are never touched, so the
// operating system does not back them with memory.

/** First bytes of a slim package, so a wrong or truncated file is refused with a clear message. */
export const SLIM_PACKAGE_MAGIC = 'GAESPEAK1\n'

/** One file of the espeak-ng data, at its byte range in the original package. */
export interface PackagedFile {
  readonly filename: string
  readonly start: number
  readonly end: number
}

/** The slim package's header. */
export interface SlimPackageHeader {
  /** Size of the original package in bytes (the buffer the loader expects). */
  readonly packageSize: number
  /** The kept files, in the order their bytes follow the header. */
  readonly files: readonly PackagedFile[]
}

/**
 * The files Mandarin (`cmn`) and English (`en`, `en-us`, …) read: the phoneme tables, intonation,
 * the two dictionaries and the two language definitions. Voice variants (`!v/*`) are left out.
 */
export const KEPT_FILE = /\/espeak-ng-data\/(phondata|phonindex|phontab|intonations|cmn_dict|en_dict|lang\/sit\/cmn|lang\/gmw\/en[^/]*)$/

/** Thrown when a slim package cannot be read. */
export class SlimPackageError extends Error {
  override readonly name = 'SlimPackageError'
}

/** Packs the kept files of an original package into a slim one (uncompressed; callers gzip it). */
export function packSlimPackage(original: Uint8Array, files: readonly PackagedFile[], packageSize: number): Uint8Array {
  const kept = files.filter((f) => KEPT_FILE.test(f.filename))
  const header = new TextEncoder().encode(JSON.stringify({ packageSize, files: kept } satisfies SlimPackageHeader))
  const magic = new TextEncoder().encode(SLIM_PACKAGE_MAGIC)
  const body = kept.reduce((n, f) => n + f.end - f.start, 0)
  const out = new Uint8Array(magic.length + 4 + header.length + body)
  out.set(magic, 0)
  new DataView(out.buffer).setUint32(magic.length, header.length, true)
  out.set(header, magic.length + 4)
  let at = magic.length + 4 + header.length
  for (const f of kept) {
    out.set(original.subarray(f.start, f.end), at)
    at += f.end - f.start
  }
  return out
}

/** Reads a slim package's header and where its file bytes begin. */
export function readSlimHeader(slim: Uint8Array): { header: SlimPackageHeader; bodyOffset: number } {
  const magic = new TextEncoder().encode(SLIM_PACKAGE_MAGIC)
  const seen = new TextDecoder().decode(slim.subarray(0, magic.length))
  if (seen !== SLIM_PACKAGE_MAGIC) throw new SlimPackageError('The speech data file is not a GenAnchor espeak-ng package; run `npx tsx systems/voice/espeak/buildData.ts` again.')
  const headerLength = new DataView(slim.buffer, slim.byteOffset).getUint32(magic.length, true)
  const bodyOffset = magic.length + 4 + headerLength
  const header = JSON.parse(new TextDecoder().decode(slim.subarray(magic.length + 4, bodyOffset))) as SlimPackageHeader
  return { header, bodyOffset }
}

/** Expands a slim package into the full-size buffer the synthesiser's loader reads by byte range. */
export function expandSlimPackage(slim: Uint8Array): ArrayBuffer {
  const { header, bodyOffset } = readSlimHeader(slim)
  const full = new Uint8Array(header.packageSize)
  let at = bodyOffset
  for (const f of header.files) {
    const length = f.end - f.start
    if (at + length > slim.length) throw new SlimPackageError(`The speech data file is truncated (at ${f.filename}); run \`npx tsx systems/voice/espeak/buildData.ts\` again.`)
    full.set(slim.subarray(at, at + length), f.start)
    at += length
  }
  return full.buffer
}
