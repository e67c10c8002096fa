// Generates the default anchor and the avatar test files:
//   npx tsx assets/anchor/generate.ts
// writes assets/anchor/anchor.vrm, face.png, face-layout.json and tests/fixtures/avatars/*.
// Deterministic: the same bytes on every run.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, resolve } from 'node:path'
import { buildAnchorScene } from './src/anchor.ts'
import { buildFixtures } from './src/fixtures.ts'
import { faceLayout } from './src/faceLayout.ts'
import { faceTexture } from './src/textures.ts'
import { writeVrm1 } from './src/vrm1.ts'

const here = import.meta.dirname
const root = resolve(here, '../..')

/** Every generated file: path relative to the repository root → bytes. */
export function generateAll(): Map<string, Uint8Array> {
  const scene = buildAnchorScene()
  const anchor = writeVrm1(scene)
  const files = new Map<string, Uint8Array>([
    ['assets/anchor/anchor.vrm', anchor],
    ['assets/anchor/face.png', faceTexture()],
    ['assets/anchor/face-layout.json', new TextEncoder().encode(`${JSON.stringify(faceLayout(), null, 2)}\n`)],
  ])
  for (const [name, bytes] of buildFixtures(scene, anchor)) files.set(`tests/fixtures/avatars/${name}`, bytes)
  return files
}

function main(): void {
  for (const [path, bytes] of generateAll()) {
    const full = join(root, path)
    mkdirSync(dirname(full), { recursive: true })
    writeFileSync(full, bytes)
    console.log(`${relative(process.cwd(), full)}  ${(bytes.length / 1024).toFixed(1)} KiB`)
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(here, 'generate.ts')) main()
