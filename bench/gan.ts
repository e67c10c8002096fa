// GAN face benchmark: batch-1 latency of the shipped generator (models/gan/shipped) on every runtime
// the project uses or compares with, in one run: onnxruntime-web WASM in Node, onnxruntime-node,
// PyTorch CPU, and headless Chromium (the face worker on WASM, and on WebGPU over SwiftShader);
// then the face's update rate while the studio renders.

import { spawnSync } from 'node:child_process'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import * as ortNode from 'onnxruntime-node'
import * as ortWeb from 'onnxruntime-web/webgpu'
import type { Page } from 'playwright-core'
import { launchChromium, startStudioServer, type StudioServer } from '../tests/e2e/harness.ts'
import { FaceGenerator, type ExecutionBackend, type Ort } from '../systems/face/generator.ts'
import { zFromSeed } from '../systems/face/identity.ts'
import { parseSidecar } from '../systems/face/sidecar.ts'
import { median, sig, type BenchResult } from './lib.ts'

const REPO = join(import.meta.dirname, '..')
const SHIPPED = join(REPO, 'models/gan/shipped')
const PYTHON = join(REPO, '.venv/bin/python')
const WARMUP = 5
/** Rounds of the in-process contenders; each round times ROUND_RUNS runs of each, in rotating order. */
const ROUNDS = 9
const ROUND_RUNS = 5
const BROWSER_RUNS = 25
const WEBGPU_RUNS = 5
/** How long the studio is watched, ms. */
const STUDIO_MS = 10_000

/** Median batch-1 ms of each contender, timed round-robin in this process so load hits them alike. */
async function nodeLatencies(contenders: Record<string, FaceGenerator>): Promise<Record<string, number>> {
  const z = zFromSeed(1, 100)
  const c = new Float32Array(10)
  const names = Object.keys(contenders)
  for (const name of names) for (let i = 0; i < WARMUP; i++) await contenders[name].run(z, c)
  const samples: Record<string, number[]> = Object.fromEntries(names.map((n) => [n, []]))
  for (let round = 0; round < ROUNDS; round++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(k + round) % names.length]
      const start = performance.now()
      for (let i = 0; i < ROUND_RUNS; i++) await contenders[name].run(z, c)
      samples[name].push((performance.now() - start) / ROUND_RUNS)
    }
  }
  return Object.fromEntries(names.map((n) => [n, median(samples[n])]))
}

/** Batch-8 images per second of a generator (one warm-up, five timed runs). */
async function imagesPerSecondB8(generator: FaceGenerator): Promise<number> {
  const z = new Float32Array(800)
  for (let i = 0; i < 8; i++) z.set(zFromSeed(i + 1, 100), i * 100)
  const c = new Float32Array(80)
  await generator.run(z, c, 8)
  const times: number[] = []
  for (let i = 0; i < 5; i++) {
    const start = performance.now()
    await generator.run(z, c, 8)
    times.push(performance.now() - start)
  }
  return 8000 / median(times)
}

async function openGenerator(ort: Ort, backend: ExecutionBackend): Promise<FaceGenerator> {
  const sidecar = parseSidecar(JSON.parse(readFileSync(join(SHIPPED, 'generator.json'), 'utf8')), 'generator.json')
  const file = join(SHIPPED, sidecar.files.fp32)
  return FaceGenerator.create(ort, readFileSync(file), sidecar, file, backend)
}

/** PyTorch CPU (1 thread) through bench/ganTorch.py, or null with the reason. */
function torchLatency(): { ms: number | null; note: string } {
  if (!existsSync(PYTHON)) return { ms: null, note: 'PyTorch: skipped, no .venv (run models/setup.sh).' }
  const run = spawnSync(PYTHON, [join(REPO, 'bench/ganTorch.py'), String(WARMUP), String(ROUNDS * ROUND_RUNS)], { encoding: 'utf8' })
  if (run.status !== 0) return { ms: null, note: `PyTorch: failed (${run.stderr.trim().split('\n').pop()}).` }
  const result = JSON.parse(run.stdout.trim().split('\n').pop()!) as { ms: number; torch: string }
  return { ms: result.ms, note: `PyTorch ${result.torch}, 1 thread, inference mode, the same architecture (models/gan/model.py, conditional config).` }
}

/** In the page: the face worker on `backend`, `runs` images after two warm-ups; resolves with each image's inference ms. */
const RUN_IN_WORKER = `(args) => new Promise((resolve, reject) => {
  const dist = location.origin + '/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify'
  const worker = new Worker('/systems/face/worker.ts?worker_file&type=module', { type: 'module' })
  const times = []
  let ready = null, id = 0
  const ask = () => worker.postMessage({ type: 'generate', id: ++id, z: new Float32Array(100).map((_, i) => Math.sin(i + id)), c: new Float32Array(10) })
  worker.onmessage = (event) => {
    const m = event.data
    if (m.type === 'error') reject(new Error(m.message))
    else if (m.type === 'ready') { ready = m; ask() }
    else if (m.type === 'image') {
      if (id > 2) times.push(m.inferMs)
      if (times.length < args.runs) ask()
      else { worker.terminate(); resolve({ backend: ready.backend, fallbackReason: ready.fallbackReason, times }) }
    }
  }
  worker.postMessage({ type: 'load', sidecarUrl: location.origin + '/models/gan/shipped/generator.json', precision: 'fp32', backend: args.backend,
    wasmPaths: { mjs: dist + '.mjs', wasm: dist + '.wasm' }, threads: 1, texturePx: 256 })
})`

interface WorkerRun {
  backend: string
  fallbackReason: string | null
  times: number[]
}

/** The face worker in a blank page of the studio's server (no stage drawing beside it). */
async function browserLatency(server: StudioServer, backend: 'wasm' | 'webgpu', runs: number): Promise<{ ms: number | null; version: string; note: string }> {
  const session = await launchChromium(backend === 'webgpu' ? 'webgpu' : 'webgl2')
  try {
    session.context.setDefaultNavigationTimeout(120_000)
    const page = await session.context.newPage()
    await page.goto(new URL('models/gan/shipped/generator.json', server.url).href)
    const result = (await page.evaluate(`(${RUN_IN_WORKER})(${JSON.stringify({ backend, runs })})`)) as WorkerRun
    const version = session.context.browser()?.version() ?? 'Chromium'
    if (result.backend !== backend) return { ms: null, version, note: `${backend} did not run (${result.fallbackReason}).` }
    return { ms: median(result.times), version, note: '' }
  } finally {
    await session.close()
  }
}

/** The studio with the generated face on (or off): frames per second, and face images per second while `aa` moves every frame. */
async function studioRates(server: StudioServer, face: boolean): Promise<{ fps: number; hz: number; targetHz: number }> {
  const session = await launchChromium('webgl2')
  try {
    session.context.setDefaultNavigationTimeout(120_000)
    const page = await session.context.newPage()
    await page.goto(new URL(`?gpu=webgl2${face ? '' : '&face=painted'}`, server.url).href)
    await page.waitForFunction((on) => {
      const f = window.__genanchor?.face.snapshot()
      return window.__genanchor?.avatar() != null && f !== undefined && f.status === 'ready' && (!on || f.worn)
    }, face, { timeout: 180_000 })
    await moveMouthEveryFrame(page)
    await page.waitForTimeout(2000)
    const read = () => page.evaluate(() => ({ frame: window.__genanchor!.frame(), images: window.__genanchor!.face.snapshot().images, t: performance.now() }))
    const before = await read()
    await page.waitForTimeout(STUDIO_MS)
    const after = await read()
    const seconds = (after.t - before.t) / 1000
    const targetHz = await page.evaluate(() => window.__genanchor!.face.snapshot().targetHz)
    return { fps: (after.frame - before.frame) / seconds, hz: (after.images - before.images) / seconds, targetHz }
  } finally {
    await session.close()
  }
}

/** Lip-sync stand-in: `aa` follows a 3 Hz sine every frame, so every frame asks for a new face. Plain text: tsx would add helpers to a compiled function. */
async function moveMouthEveryFrame(page: Page): Promise<void> {
  await page.evaluate(`(() => {
    const step = (t) => {
      window.__genanchor.setExpression('aa', 0.5 + 0.5 * Math.sin((t / 1000) * 2 * Math.PI * 3))
      requestAnimationFrame(step)
    }
    requestAnimationFrame(step)
  })()`)
}

/** The `gan` benchmark. */
export async function ganBench(): Promise<BenchResult> {
  const dist = pathToFileURL(join(REPO, 'node_modules/onnxruntime-web/dist/')).href
  ortWeb.env.wasm.wasmPaths = { mjs: `${dist}ort-wasm-simd-threaded.asyncify.mjs`, wasm: `${dist}ort-wasm-simd-threaded.asyncify.wasm` }
  ortWeb.env.wasm.numThreads = 1
  const web = await openGenerator(ortWeb, 'wasm')
  // Same thread count as the WASM build: one intra-op thread, no inter-op pool.
  const native = await openGenerator({
    Tensor: ortNode.Tensor,
    InferenceSession: { create: (bytes: Uint8Array, options: object) => ortNode.InferenceSession.create(bytes, { ...options, intraOpNumThreads: 1, interOpNumThreads: 1 }) },
  } as unknown as Ort, 'cpu')
  const node = await nodeLatencies({ wasm: web, native })
  const b8 = { wasm: await imagesPerSecondB8(web), native: await imagesPerSecondB8(native) }
  await web.dispose()
  await native.dispose()
  const torch = torchLatency()
  const server = await startStudioServer()
  try {
    const browserWasm = await browserLatency(server, 'wasm', BROWSER_RUNS)
    const browserGpu = await browserLatency(server, 'webgpu', WEBGPU_RUNS)
    const withFace = await studioRates(server, true)
    const withoutFace = await studioRates(server, false)
    const training = JSON.parse(readFileSync(join(SHIPPED, 'generator.json'), 'utf8')).training ?? {}
    return {
      figures: {
        node_wasm_ms_b1: sig(node.wasm),
        node_native_ms_b1: sig(node.native),
        torch_cpu_ms_b1: torch.ms === null ? null : sig(torch.ms),
        ratio_native_over_wasm: sig(node.native / node.wasm),
        node_wasm_images_s_b1: sig(1000 / node.wasm),
        node_native_images_s_b1: sig(1000 / node.native),
        node_wasm_images_s_b8: sig(b8.wasm),
        node_native_images_s_b8: sig(b8.native),
        browser_wasm_ms_b1: browserWasm.ms === null ? null : sig(browserWasm.ms),
        browser_webgpu_ms_b1: browserGpu.ms === null ? null : sig(browserGpu.ms),
        ratio_native_over_browser_wasm: browserWasm.ms === null ? null : sig(node.native / browserWasm.ms),
        face_hz_in_studio: sig(withFace.hz, 3),
        face_target_hz_in_studio: sig(withFace.targetHz, 3),
        studio_fps_with_face: sig(withFace.fps, 3),
        studio_fps_without_face: sig(withoutFace.fps, 3),
      },
      browser: `Chromium ${browserWasm.version} (headless; WASM 1 thread; WebGPU on SwiftShader, a CPU rasteriser)`,
      gpu: 'none: WebGPU runs on SwiftShader (CPU)',
      notes:
        `Shipped generator (models/gan/shipped, ${training.name ?? 'unknown'} model, ${training.steps ?? '?'} steps), fp32, batch 1, z from seed 1, c = 0. ` +
        `Node: median over ${ROUNDS} rounds of ${ROUND_RUNS} runs after ${WARMUP} warm-ups, the two runtimes interleaved in one process with the same FaceGenerator code; ` +
        'onnxruntime-web 1.31 WASM (asyncify build, 1 thread) vs onnxruntime-node 1.30 (intra-op 1, inter-op 1). ' +
        `ratio_native_over_wasm = native ms / WASM ms (1 = WASM as fast as native). b8 = images/s at batch 8. ${torch.note} ` +
        `Browser: the studio's face worker (systems/face/worker.ts) in a blank page served by Vite, session.run time only, median of ${BROWSER_RUNS} (WASM) / ${WEBGPU_RUNS} (WebGPU) images after two warm-ups. ` +
        `${browserWasm.note}${browserGpu.note}WebGPU here is SwiftShader on the CPU: it proves the path and its parity, not GPU speed. ` +
        `Studio: ?gpu=webgl2 at 640×360, aa driven by a 3 Hz sine every frame so every frame wants a new face; rates over ${STUDIO_MS / 1000} s after 2 s; ` +
        'fps without the face in a separate page (?face=painted) for comparison. The face rate adapts (5–30 Hz) to keep frames under 33 ms, ' +
        'so on a machine whose frames are already over budget it sits at its 5 Hz floor. Everything shares 2 CPU cores with the rest of the machine.',
    }
  } finally {
    await server.close()
  }
}
