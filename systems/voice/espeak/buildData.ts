// Writes systems/voice/espeak/zh-en.espeak.bin (gzip), the slim Mandarin + English speech data, from the
// installed @echogarden/espeak-ng-emscripten package: `npx tsx systems/voice/espeak/buildData.ts`.
// Run it again after updating that package (a unit test fails when the committed file is stale).
import { readFileSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { gzipSync } from 'node:zlib'
import { packSlimPackage, type PackagedFile } from './slimPackage.ts'

/** Where the committed slim package lives (served by Vite to the speech worker). */
export const SLIM_PACKAGE_PATH = join(dirname(fileURLToPath(import.meta.url)), 'zh-en.espeak.bin')

/** The installed espeak-ng package's folder. */
function packageDir(): string {
  const require = createRequire(import.meta.url)
  return dirname(require.resolve('@echogarden/espeak-ng-emscripten/package.json'))
}

/**
 * The file table the emscripten loader embeds in espeak-ng.js (`loadPackage({files:[…],
 * remote_package_size:N})`), read as data: each entry is `{filename:"…",start:N,end:N}`.
 */
export function readPackageTable(loaderSource: string): { files: PackagedFile[]; packageSize: number } {
  const files: PackagedFile[] = []
  for (const m of loaderSource.matchAll(/\{filename:"([^"]+)",start:(\d+),end:(\d+)\}/g)) {
    files.push({ filename: m[1], start: Number(m[2]), end: Number(m[3]) })
  }
  const size = /remote_package_size:(\d+)/.exec(loaderSource)
  if (files.length === 0 || !size) throw new Error('espeak-ng.js has no data file table: the package layout changed; update buildData.ts.')
  return { files, packageSize: Number(size[1]) }
}

/** The slim package (uncompressed) made from the installed espeak-ng package. */
export function buildSlimPackage(): Uint8Array {
  const dir = packageDir()
  const { files, packageSize } = readPackageTable(readFileSync(join(dir, 'espeak-ng.js'), 'utf8'))
  return packSlimPackage(readFileSync(join(dir, 'espeak-ng.data')), files, packageSize)
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const slim = buildSlimPackage()
  const gz = gzipSync(slim, { level: 9 })
  writeFileSync(SLIM_PACKAGE_PATH, gz)
  process.stdout.write(`wrote ${SLIM_PACKAGE_PATH}: ${slim.length} bytes, ${gz.length} gzipped\n`)
}
