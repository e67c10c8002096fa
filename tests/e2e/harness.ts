// Shared by the e2e tests: serve the studio with Vite, drive Debian's Chromium with playwright-core.
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import type { AddressInfo } from 'node:net'
import { chromium, type BrowserContext, type Page } from 'playwright-core'
import { createServer } from 'vite'

/** Repository root: the Vite root and where `test-results/` goes. */
export const REPO_ROOT = resolve(import.meta.dirname, '../..')

/** Where failure screenshots are written (ignored by git). */
export const RESULTS_DIR = join(REPO_ROOT, 'test-results')

/** The graphics backend a browser is set up for. */
export type GpuMode = 'webgl2' | 'webgpu'

/** Flags for a quiet, reproducible headless Chromium (see shared/NOTES.md). */
const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run']

/** SwiftShader gives a WebGPU adapter only with all of these; with fewer there is no adapter or the device is lost. */
const WEBGPU_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-webgpu-adapter=swiftshader',
  '--use-angle=swiftshader',
]

/** A running dev server for the studio. */
export interface StudioServer {
  /** Base address, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string
  close(): Promise<void>
}

/** Starts Vite on a free loopback port with the repository's config. */
export async function startStudioServer(): Promise<StudioServer> {
  const server = await createServer({
    root: REPO_ROOT,
    configFile: join(REPO_ROOT, 'vite.config.ts'),
    // Port 0 lets the OS pick a free port, so tests never clash with a running `npm start`.
    // No hot reload and no file watching: an edit while a test runs must not reload its page.
    server: { host: '127.0.0.1', port: 0, strictPort: false, hmr: false, watch: null },
    clearScreen: false,
    logLevel: 'warn',
  })
  await server.listen()
  const { port } = server.httpServer!.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/`, close: () => server.close() }
}

/** A Chromium with a fresh profile, set up for one GPU mode. */
export interface BrowserSession {
  readonly context: BrowserContext
  close(): Promise<void>
}

/**
 * Launches headless Chromium with a fresh profile; in `webgpu` mode with the SwiftShader WebGPU flags.
 * `extraArgs` adds flags (a fake camera, for example).
 */
export async function launchChromium(mode: GpuMode, extraArgs: readonly string[] = []): Promise<BrowserSession> {
  const profile = await mkdtemp(join(tmpdir(), 'genanchor-e2e-'))
  // playwright-core refuses --user-data-dir in args; a persistent context is how a profile folder is given.
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [...BASE_ARGS, ...(mode === 'webgpu' ? WEBGPU_ARGS : []), ...extraArgs],
    viewport: { width: 640, height: 360 },
  })
  return {
    context,
    async close() {
      await context.close()
      await rm(profile, { recursive: true, force: true })
    },
  }
}

/** An open studio page and what it reported. */
export interface StudioPage {
  readonly page: Page
  /** `console.error` messages, in order. */
  readonly consoleErrors: string[]
  /** Uncaught exceptions and unhandled rejections. */
  readonly pageErrors: string[]
}

/** Opens the studio page (with an optional query such as `?gpu=webgl2`) and starts recording errors; does not wait. */
export async function loadStudio(session: BrowserSession, baseUrl: string, query = ''): Promise<StudioPage> {
  const page = await session.context.newPage()
  const consoleErrors: string[] = []
  const pageErrors: string[] = []
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text())
  })
  page.on('pageerror', (error) => pageErrors.push(error.message))
  await page.goto(new URL(query, baseUrl).href)
  return { page, consoleErrors, pageErrors }
}

/** Opens the studio and waits until it has stepped a few frames; on failure saves a screenshot and says what the page showed. */
export async function openStudio(session: BrowserSession, baseUrl: string, query = ''): Promise<StudioPage> {
  const studio = await loadStudio(session, baseUrl, query)
  const { page, consoleErrors, pageErrors } = studio
  try {
    // A few frames in, Babylon has compiled the shaders and the first images are on screen.
    await page.waitForFunction(() => (window.__genanchor?.frame() ?? 0) > 5, undefined, { timeout: 60_000 })
  } catch (err) {
    const shot = await saveFailureScreenshot(page, `startup ${query || 'default'}`).catch(() => '(no screenshot)')
    const shown = await page.locator('#studio-error').textContent({ timeout: 1000 }).catch(() => null)
    throw new Error(
      `The studio did not start frames (screenshot: ${shot}). Shown error: ${shown ?? '(none)'}; ` +
        `page errors: ${pageErrors.join(' | ') || '(none)'}; console errors: ${consoleErrors.join(' | ') || '(none)'}`,
      { cause: err },
    )
  }
  return studio
}

/** Saves a screenshot of the page under `test-results/`, named after the test; for failed tests. */
export async function saveFailureScreenshot(page: Page, testName: string): Promise<string> {
  await mkdir(RESULTS_DIR, { recursive: true })
  const file = join(RESULTS_DIR, `${testName.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '')}.png`)
  await page.screenshot({ path: file })
  return file
}

/** Waits until the studio has stepped `count` more frames than now. */
export async function waitForFrames(page: Page, count: number, timeoutMs = 20_000): Promise<void> {
  const start = await page.evaluate(() => window.__genanchor!.frame())
  await page.waitForFunction((target) => window.__genanchor!.frame() >= target, start + count, { timeout: timeoutMs })
}
