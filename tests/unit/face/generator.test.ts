// The generator on onnxruntime-web's WASM backend in Node: the same FaceGenerator the face worker
// runs, on the shipped model and on the broken fixtures; onnxruntime-node as the reference.
import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as ortWeb from 'onnxruntime-web/webgpu'
import * as ortNode from 'onnxruntime-node'
import { beforeAll, describe, expect, it, vi } from 'vitest'
import { FaceModelError } from '../../../systems/face/errors.ts'
import { FaceGenerator, fetchGeneratorFiles, type ExecutionBackend, type FetchLike, type Ort } from '../../../systems/face/generator.ts'
import { zFromSeed } from '../../../systems/face/index.ts'

// Sessions take a few hundred ms to open; on a loaded 2-core machine several seconds.
vi.setConfig({ testTimeout: 60_000 })

const REPO = join(import.meta.dirname, '../../..')
const SHIPPED = join(REPO, 'models/gan/shipped/generator.json')
const FIXTURES = join(REPO, 'tests/fixtures/face')

/** `fetch` over files, as the worker's fetch is over the studio's server. */
const readLocal: FetchLike = async (path) => {
  try {
    const bytes = await readFile(path)
    return { ok: true, status: 200, text: async () => bytes.toString('utf8'), arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) }
  } catch {
    return { ok: false, status: 404, text: async () => '', arrayBuffer: async () => new ArrayBuffer(0) }
  }
}

async function open(ort: Ort, sidecarPath: string, backend: ExecutionBackend = 'wasm'): Promise<FaceGenerator> {
  const files = await fetchGeneratorFiles(readLocal, sidecarPath, 'fp32')
  return FaceGenerator.create(ort, files.bytes, files.sidecar, files.file, backend)
}

beforeAll(() => {
  const dist = pathToFileURL(join(REPO, 'node_modules/onnxruntime-web/dist/')).href
  ortWeb.env.wasm.wasmPaths = { mjs: `${dist}ort-wasm-simd-threaded.asyncify.mjs`, wasm: `${dist}ort-wasm-simd-threaded.asyncify.wasm` }
  ortWeb.env.wasm.numThreads = 1
})

describe('the shipped generator on onnxruntime-web (WASM, Node)', () => {
  let web: FaceGenerator
  beforeAll(async () => {
    web = await open(ortWeb, SHIPPED)
  }, 60_000)

  it('makes a 3×64×64 image in [-1, 1] from z and c', async () => {
    const image = await web.run(zFromSeed(1, 100), new Float32Array(10))
    expect(image.length).toBe(3 * 64 * 64)
    expect(image.every((v) => v >= -1 && v <= 1)).toBe(true)
  })

  it('is deterministic, and z changes the image', async () => {
    const a = await web.run(zFromSeed(1, 100), new Float32Array(10))
    const again = await web.run(zFromSeed(1, 100), new Float32Array(10))
    const b = await web.run(zFromSeed(2, 100), new Float32Array(10))
    expect(Array.from(again)).toEqual(Array.from(a))
    expect(meanAbsDiff(a, b)).toBeGreaterThan(1e-3)
  })

  it('runs a batch of 4 with the same result per row as batch 1', async () => {
    const z = new Float32Array(400)
    for (let i = 0; i < 4; i++) z.set(zFromSeed(10 + i, 100), i * 100)
    const batch = await web.run(z, new Float32Array(40), 4)
    const single = await web.run(zFromSeed(12, 100), new Float32Array(10))
    // BatchNorm in eval mode uses running statistics, so rows are independent.
    expect(maxAbsDiff(batch.subarray(2 * 12288, 3 * 12288), single)).toBeLessThan(1e-4)
  })

  it('matches onnxruntime-node within 1e-4', async () => {
    const native = await open(ortNode as unknown as Ort, SHIPPED, 'cpu')
    const c = new Float32Array([1, 0, 0, 0, 0, 0.5, 0.5, 0, 0, 0])
    const ours = await web.run(zFromSeed(5, 100), c)
    const theirs = await native.run(zFromSeed(5, 100), c)
    expect(maxAbsDiff(ours, theirs)).toBeLessThan(1e-4)
    await native.dispose()
  })
})

describe('generators that cannot be used', () => {
  const cases: [string, string, RegExp][] = [
    ['a file cut short', 'corrupt.json', /could not be opened .*damaged or not an ONNX model/],
    ['inputs named otherwise', 'wrong-inputs.json', /no input "z" \(it has "latent"\)/],
    ['inputs of the wrong shape', 'wrong-shape.json', /input "z" has shape \[batch, 64\], expected \[batch, 100\]/],
    ['a description that does not match the model', 'mismatch.json', /expected \[batch, 128\]/],
    ['a model file that is not there', 'missing.json', /no-such-generator.onnx is missing/],
    ['no description at all', 'no-such.json', /description \(generator.json\) .* is missing/],
  ]
  for (const [what, file, message] of cases) {
    it(`refuses ${what} with a message that says what to do`, async () => {
      const opening = open(ortWeb, join(FIXTURES, file))
      await expect(opening).rejects.toThrow(FaceModelError)
      await expect(opening).rejects.toThrow(message)
    })
  }

  it('runs a DCGAN-kind generator from z alone', async () => {
    const dcgan = await open(ortWeb, join(FIXTURES, 'tiny-dcgan.json'))
    expect((await dcgan.run(zFromSeed(1, 100), null)).length).toBe(3 * 64 * 64)
    await dcgan.dispose()
  })

  it('asks a conditional generator for its c', async () => {
    const tiny = await open(ortWeb, join(FIXTURES, 'tiny.json'))
    await expect(tiny.run(zFromSeed(1, 100), null)).rejects.toThrow(/give it an expression vector c/)
    await tiny.dispose()
  })
})

function meanAbsDiff(a: Float32Array, b: Float32Array): number {
  let s = 0
  for (let i = 0; i < a.length; i++) s += Math.abs(a[i] - b[i])
  return s / a.length
}

function maxAbsDiff(a: Float32Array, b: Float32Array): number {
  let m = 0
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]))
  return m
}
