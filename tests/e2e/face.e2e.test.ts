// The generated face in the studio as a performer sees it: worn by the default anchor, changing
// with identity (z) and expression (c), surviving a broken generator; and the WebGPU execution
// provider (Chromium on SwiftShader) giving the images the WASM one gives.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Page } from 'playwright-core'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import {
  REPO_ROOT, launchChromium, openStudio, saveFailureScreenshot, startStudioServer, waitForFrames,
  type BrowserSession, type StudioPage, type StudioServer,
} from './harness.ts'

/** The shipped generator says how long it trained; an untrained one (0 steps) draws near-uniform grey. */
const SHIPPED_TRAINED = (JSON.parse(readFileSync(join(REPO_ROOT, 'models/gan/shipped/generator.json'), 'utf8')).training?.steps ?? 0) > 0

/** The mouth in texture UV (assets/anchor/face-layout.json: mouth at (0.5, 0.72)), as a box. */
const MOUTH = { u: [0.32, 0.68], v: [0.6, 0.84] }

interface Texture {
  width: number
  height: number
  rgba: Buffer
}

let server: StudioServer

beforeAll(async () => {
  server = await startStudioServer()
})

afterAll(async () => {
  await server?.close()
})

describe('the generated face in the studio (WebGL2, WASM generator)', () => {
  let session: BrowserSession
  let studio: StudioPage
  let page: Page

  beforeAll(async () => {
    session = await launchChromium('webgl2')
    // The first load of a cold Vite server transforms every module; on a busy 2-core machine that can pass 30 s.
    session.context.setDefaultNavigationTimeout(120_000)
    studio = await openStudio(session, server.url, '?gpu=webgl2&still=1')
    page = studio.page
    await page.waitForFunction(() => {
      const face = window.__genanchor?.face.snapshot()
      return face !== undefined && face.worn && face.images > 0
    }, undefined, { timeout: 150_000 })
  })

  afterAll(async () => {
    await session?.close()
  })

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      if (page) console.error(`screenshot: ${await saveFailureScreenshot(page, `face ${task.name}`)}`)
    })
  })

  it('wears a generated face by default and says what runs it, with no errors', async () => {
    const face = await snapshot(page)
    expect(face).toMatchObject({ status: 'ready', backend: 'wasm', worn: true, crossOriginIsolated: true })
    // Without the WebGPU flags Chromium has no adapter, and the panel says so.
    expect(face.fallbackReason).toMatch(/WebGPU/)
    await expect.poll(() => page.locator('#face-status').textContent()).toMatch(/^WASM × \d thread/)
    expect(studio.pageErrors).toEqual([])
    expect(studio.consoleErrors).toEqual([])
  })

  it('changes the face texture with z', async () => {
    await showSeed(page, 1)
    const one = await readTexture(page)
    expect([one.width, one.height]).toEqual([256, 256])
    await showSeed(page, 2)
    const two = await readTexture(page)
    const change = meanAbsDiff(one, two, () => true)
    console.log(`seed 1 → 2: mean change ${change.toFixed(2)} levels (${SHIPPED_TRAINED ? 'trained' : 'untrained'} generator)`)
    expect(change).toBeGreaterThan(SHIPPED_TRAINED ? 4 : 0)
  })

  it('opens the mouth for the aa viseme while the rest of the face stays close', async () => {
    await showSeed(page, 1)
    const closed = await readTexture(page)
    expect(await page.evaluate(() => window.__genanchor!.setExpression('aa', 1))).toBe(true)
    await page.waitForFunction(() => window.__genanchor!.face.snapshot().shownC[0] === 1, undefined, { timeout: 30_000 })
    await waitForFrames(page, 2)
    const open = await readTexture(page)
    await page.evaluate(() => window.__genanchor!.setExpression('aa', 0))
    const inMouth = (u: number, v: number) => u >= MOUTH.u[0] && u <= MOUTH.u[1] && v >= MOUTH.v[0] && v <= MOUTH.v[1]
    const mouth = meanAbsDiff(closed, open, inMouth)
    const rest = meanAbsDiff(closed, open, (u, v) => !inMouth(u, v))
    console.log(`aa: mouth region changed ${mouth.toFixed(2)} levels, the rest ${rest.toFixed(2)}`)
    if (SHIPPED_TRAINED) {
      expect(mouth).toBeGreaterThan(3 * rest)
      expect(rest).toBeLessThan(4)
    } else {
      expect(mouth).toBeGreaterThan(0)
    }
  })

  it('goes back to the painted face when turned off, and on again', async () => {
    await settle(page)
    const generated = await readTexture(page)
    await page.locator('#face-panel summary').click()
    await page.locator('#face-enabled').uncheck()
    await expect.poll(async () => (await snapshot(page)).worn).toBe(false)
    await waitForFrames(page, 2)
    const painted = await readTexture(page)
    expect(painted.width).toBe(128) // assets/anchor/face.png
    await page.locator('#face-enabled').check()
    await expect.poll(async () => (await snapshot(page)).worn).toBe(true)
    await waitForFrames(page, 2)
    expect(meanAbsDiff(await readTexture(page), generated, () => true)).toBeLessThan(0.5)
    await page.locator('#face-panel summary').click()
  })

  it('keeps the last frame and says why when the generator file is corrupt', async () => {
    await settle(page)
    const before = await readTexture(page)
    const frame = await page.evaluate(() => window.__genanchor!.frame())
    await page.evaluate(() => window.__genanchor!.face.reload('/tests/fixtures/face/corrupt.json'))
    await expect.poll(async () => (await snapshot(page)).status, { timeout: 30_000 }).toBe('error')
    expect((await snapshot(page)).message).toMatch(/corrupt\.onnx could not be opened .*damaged or not an ONNX model/)
    await expect.poll(() => page.locator('#face-message').textContent()).toMatch(/could not be opened/)
    await expect.poll(() => page.locator('#face-status').textContent()).toMatch(/keeps its last image/)
    // The studio runs on, the anchor still wears the last good image, unchanged.
    await waitForFrames(page, 5)
    expect(await page.evaluate(() => window.__genanchor!.frame())).toBeGreaterThan(frame)
    expect((await snapshot(page)).worn).toBe(true)
    expect(meanAbsDiff(await readTexture(page), before, () => true)).toBe(0)
    expect(studio.pageErrors).toEqual([])
  })
})

describe('the WebGPU execution provider (Chromium, SwiftShader)', () => {
  let session: BrowserSession

  beforeAll(async () => {
    session = await launchChromium('webgpu')
    session.context.setDefaultNavigationTimeout(120_000)
  })

  afterAll(async () => {
    await session?.close()
  })

  it('produces the images the WASM provider produces, within a level or two', async () => {
    const page = await session.context.newPage()
    // A plain file of the studio's origin: a module worker may start there, and no stage draws beside it.
    await page.goto(new URL('models/gan/shipped/generator.json', server.url).href)
    const results = (await page.evaluate(`(${RUN_IN_WORKERS})()`)) as Record<'webgpu' | 'wasm', { backend: string; pixels: string; fallbackReason: string | null }>
    expect(results.webgpu.fallbackReason).toBeNull()
    expect(results.webgpu.backend).toBe('webgpu')
    expect(results.wasm.backend).toBe('wasm')
    const gpu = Buffer.from(results.webgpu.pixels, 'base64')
    const cpu = Buffer.from(results.wasm.pixels, 'base64')
    let max = 0, sum = 0
    for (let i = 0; i < cpu.length; i++) {
      const d = Math.abs(gpu[i] - cpu[i])
      max = Math.max(max, d)
      sum += d
    }
    console.log(`WebGPU vs WASM: max ${max} levels, mean ${(sum / cpu.length).toFixed(3)}`)
    expect(max).toBeLessThanOrEqual(2)
    expect(sum / cpu.length).toBeLessThan(0.1)
  }, 300_000)
})

/**
 * In the page: runs the face worker once on WebGPU and once on WASM with the same z and c (seed 3,
 * aa half open) and resolves with each texture image as base64. Plain JavaScript text: tsx would
 * add helpers to a compiled function.
 */
const RUN_IN_WORKERS = `async () => {
  const dist = '/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify'
  const run = (backend) => new Promise((resolve, reject) => {
    const worker = new Worker('/systems/face/worker.ts?worker_file&type=module', { type: 'module' })
    let ready = null
    worker.onmessage = (event) => {
      const m = event.data
      if (m.type === 'error') reject(new Error(m.message))
      else if (m.type === 'ready') {
        ready = m
        const z = new Float32Array(100).map((_, i) => Math.sin(i * 12.9898 + 3) * 1.3)
        const c = new Float32Array(10)
        c[0] = 0.5
        worker.postMessage({ type: 'generate', id: 1, z, c })
      } else if (m.type === 'image') {
        worker.terminate()
        let binary = ''
        for (let i = 0; i < m.pixels.length; i += 0x8000) binary += String.fromCharCode(...m.pixels.subarray(i, i + 0x8000))
        resolve({ backend: ready.backend, fallbackReason: ready.fallbackReason, pixels: btoa(binary) })
      }
    }
    worker.postMessage({ type: 'load', sidecarUrl: location.origin + '/models/gan/shipped/generator.json', precision: 'fp32', backend,
      wasmPaths: { mjs: location.origin + dist + '.mjs', wasm: location.origin + dist + '.wasm' }, threads: 1, texturePx: 64 })
  })
  return { webgpu: await run('webgpu'), wasm: await run('wasm') }
}`

async function snapshot(page: Page) {
  return page.evaluate(() => window.__genanchor!.face.snapshot())
}

/** Sets identity A to `seed` and waits until the face shows it (uploaded, a frame drawn). */
async function showSeed(page: Page, seed: number): Promise<void> {
  await page.evaluate((s) => window.__genanchor!.face.setSeed(s), seed)
  await page.waitForFunction(() => {
    const face = window.__genanchor!.face.snapshot()
    return face.shownIdentity === face.identityVersion
  }, undefined, { timeout: 30_000 })
  await waitForFrames(page, 2)
}

/** Waits until no image is in flight and the last one is drawn, so the texture holds still. */
async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !window.__genanchor!.face.snapshot().inFlight, undefined, { timeout: 30_000 })
  await waitForFrames(page, 3)
}

async function readTexture(page: Page): Promise<Texture> {
  const texture = await page.evaluate(() => window.__genanchor!.face.readTexture())
  if (!texture) throw new Error('the face slot has no texture')
  return { width: texture.width, height: texture.height, rgba: Buffer.from(texture.rgba, 'base64') }
}

/** Mean absolute RGB difference (0..255 levels) over the texels whose UV centre passes `where`. */
function meanAbsDiff(a: Texture, b: Texture, where: (u: number, v: number) => boolean): number {
  if (a.width !== b.width || a.height !== b.height) throw new Error(`textures differ in size: ${a.width}×${a.height} and ${b.width}×${b.height}`)
  let sum = 0, count = 0
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (!where((x + 0.5) / a.width, (y + 0.5) / a.height)) continue
      const i = (y * a.width + x) * 4
      for (let k = 0; k < 3; k++) sum += Math.abs(a.rgba[i + k] - b.rgba[i + k])
      count += 3
    }
  }
  return sum / count
}
