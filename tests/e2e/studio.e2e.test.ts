// The studio page as a viewer sees it, once on WebGL2 and once on WebGPU (SwiftShader in both).
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  launchChromium,
  loadStudio,
  openStudio,
  saveFailureScreenshot,
  startStudioServer,
  waitForFrames,
  type BrowserSession,
  type GpuMode,
  type StudioPage,
  type StudioServer,
} from './harness.ts'
import { decodePng, meanColour, shareDifferent, type Pixels } from './png.ts'

const BACKEND_LABEL: Record<GpuMode, string> = { webgl2: 'WebGL2', webgpu: 'WebGPU' }

let server: StudioServer

beforeAll(async () => {
  server = await startStudioServer()
})

afterAll(async () => {
  await server?.close()
})

/** Folds the debug overlay to its one line (its unfolded text lies over the stage), then takes a screenshot. */
async function screenshotWithFoldedOverlay(page: Page): Promise<Pixels> {
  await setOverlayUnfolded(page, false)
  return decodePng(await page.screenshot())
}

/** Unfolds or folds the debug overlay with the backtick key, as a person would. */
async function setOverlayUnfolded(page: Page, unfolded: boolean): Promise<void> {
  const overlay = page.locator('#debug-overlay')
  if ((await overlay.getAttribute('aria-expanded')) !== String(unfolded)) await page.keyboard.press('`')
  await expect.poll(() => overlay.getAttribute('aria-expanded')).toBe(String(unfolded))
}

/**
 * The share of the anchor's skirt region (centre, bottom edge; the camera frames the host's head and
 * torso) that differs clearly from the floor beside it. A blank or host-less frame gives about 0.
 */
function anchorCoverage(pixels: Pixels): number {
  const { width: w, height: h } = pixels
  // Left of the host and right of the folded expressions panel (bottom left).
  const floor = meanColour(pixels, { x: Math.round(w * 0.22), y: Math.round(h * 0.9), width: 20, height: Math.round(h * 0.08) })
  const skirt = { x: Math.round(w * 0.47), y: Math.round(h * 0.9), width: Math.round(w * 0.06), height: Math.round(h * 0.08) }
  // 80 (sum over RGB) separates the host from the floor and the backdrop.
  return shareDifferent(pixels, skirt, floor, 80)
}

/** The debug overlay's full text (unfolding it first). */
async function overlayText(page: Page): Promise<string> {
  await setOverlayUnfolded(page, true)
  return (await page.locator('#debug-overlay').textContent()) ?? ''
}

describe.each(['webgl2', 'webgpu'] as const)('studio on %s', (mode) => {
  let session: BrowserSession
  let studio: StudioPage
  let page: Page

  beforeAll(async () => {
    session = await launchChromium(mode)
    studio = await openStudio(session, server.url)
    page = studio.page
    // The anchor's file loads once frames run; the tests below look at it.
    await page.waitForFunction(() => window.__genanchor?.avatar() != null, undefined, { timeout: 60_000 })
  })

  afterAll(async () => {
    await session?.close()
  })

  /** A test for one backend only: declared just there, so the other run does not list it as skipped. */
  const only = (m: GpuMode, name: string, fn: () => Promise<void>) => {
    if (mode === m) it(name, fn)
  }

  beforeEach(({ onTestFailed, task }) => {
    onTestFailed(async () => {
      if (page) console.error(`screenshot: ${await saveFailureScreenshot(page, `${mode} ${task.name}`)}`)
    })
  })

  it('loads with no console errors and no error message', async () => {
    expect(studio.pageErrors).toEqual([])
    expect(studio.consoleErrors).toEqual([])
    expect(await page.locator('#studio-error').count()).toBe(0)
  })

  it('starts with the debug overlay folded to one line, clear of every panel', async () => {
    const overlay = page.locator('#debug-overlay')
    expect(await overlay.getAttribute('aria-expanded')).toBe('false')
    await expect.poll(async () => (await overlay.textContent()) ?? '').toMatch(new RegExp(`^${BACKEND_LABEL[mode]}( \\(fallback\\))? · \\d+\\.\\d fps ▸$`))
    const boxes = await page.evaluate(() => [...document.querySelectorAll('#debug-overlay, .studio-panel')].map((e) => {
      const r = e.getBoundingClientRect()
      return { id: e.id, left: r.left, top: r.top, right: r.right, bottom: r.bottom }
    }))
    expect(boxes.length).toBeGreaterThan(6)
    for (const a of boxes) {
      for (const b of boxes) {
        if (a === b) continue
        const overlap = a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom
        expect(overlap, `${a.id} overlaps ${b.id}`).toBe(false)
      }
    }
  })

  it('unfolds and folds the debug overlay with a click or the backtick key', async () => {
    const overlay = page.locator('#debug-overlay')
    await overlay.click()
    await expect.poll(() => overlay.textContent()).toContain('Backend  ')
    await overlay.click()
    await expect.poll(() => overlay.textContent()).toMatch(/ fps ▸$/)
    await page.keyboard.press('`')
    await expect.poll(() => overlay.getAttribute('aria-expanded')).toBe('true')
    await page.keyboard.press('`')
    await expect.poll(() => overlay.getAttribute('aria-expanded')).toBe('false')
    expect(await overlay.isVisible()).toBe(true)
  })

  it(`shows the ${BACKEND_LABEL[mode]} backend in the debug overlay`, async () => {
    expect(await page.evaluate(() => window.__genanchor!.backend)).toBe(mode)
    await expect.poll(() => overlayText(page)).toContain(`Backend  ${BACKEND_LABEL[mode]}`)
    // Without the WebGPU flags Chromium has no adapter, and the overlay says why it fell back.
    if (mode === 'webgl2') expect(await overlayText(page)).toMatch(/fallback: .*WebGPU/)
    else expect(await overlayText(page)).not.toContain('fallback')
  })

  it('advances frames over time', async () => {
    const before = await page.evaluate(() => window.__genanchor!.frame())
    await waitForFrames(page, 10)
    const after = await page.evaluate(() => window.__genanchor!.frame())
    expect(after).toBeGreaterThanOrEqual(before + 10)
    await expect.poll(async () => Number(/Frame\s+(\d+)/.exec(await overlayText(page))?.[1])).toBeGreaterThan(before)
  })

  it('draws the anchor in front of the backdrop', async () => {
    expect(anchorCoverage(await screenshotWithFoldedOverlay(page))).toBeGreaterThan(0.8)
  })

  it('lists per-system times in the debug overlay', async () => {
    const text = await overlayText(page)
    for (const system of ['render/renderScene', 'update/idleLife', 'lateUpdate/mixExpressions']) {
      expect(text).toMatch(new RegExp(`${system}\\s+\\d+\\.\\d\\d\\s+\\d+\\.\\d\\d`))
    }
    expect(text).toMatch(/FPS\s+\d+\.\d/)
  })

  it('resizes the drawing buffer with the window', async () => {
    const size = () => page.evaluate(() => {
      const canvas = document.querySelector<HTMLCanvasElement>('#stage')!
      return [canvas.width, canvas.height]
    })
    const original = page.viewportSize()!
    await page.setViewportSize({ width: 800, height: 450 })
    try {
      await expect.poll(size).toEqual([800, 450])
      await waitForFrames(page, 3)
    } finally {
      await page.setViewportSize(original)
    }
    await expect.poll(size).toEqual([original.width, original.height])
  })

  only('webgl2', 'brings the scene back after the WebGL context is lost and restored', async () => {
    await page.evaluate(() => {
      const gl = document.querySelector<HTMLCanvasElement>('#stage')!.getContext('webgl2')!
      const lose = gl.getExtension('WEBGL_lose_context')!
      // A lost context hands out no extensions, so the one that restores it is kept from before.
      ;(window as unknown as { loseContext: WEBGL_lose_context }).loseContext = lose
      lose.loseContext()
    })
    await expect.poll(() => page.evaluate(() => window.__genanchor!.contextState())).toBe('lost')
    await expect.poll(() => overlayText(page)).toContain('GPU      lost (lost 1, restored 0)')
    await page.evaluate(() => (window as unknown as { loseContext: WEBGL_lose_context }).loseContext.restoreContext())
    await expect.poll(() => page.evaluate(() => window.__genanchor!.contextState()), { timeout: 20_000 }).toBe('running')
    await expect.poll(() => overlayText(page)).toContain('GPU      running (lost 1, restored 1)')
    await waitForFrames(page, 10)
    expect(anchorCoverage(await screenshotWithFoldedOverlay(page))).toBeGreaterThan(0.8)
    expect(studio.consoleErrors).toEqual([])
    expect(studio.pageErrors).toEqual([])
  })

  only('webgpu', 'uses WebGL2 when the address says ?gpu=webgl2', async () => {
    const forced = await openStudio(session, server.url, '?gpu=webgl2')
    try {
      expect(await forced.page.evaluate(() => window.__genanchor!.backend)).toBe('webgl2')
      await expect.poll(() => overlayText(forced.page)).toMatch(/Backend {2}WebGL2\n/)
      expect(forced.consoleErrors).toEqual([])
    } finally {
      await forced.page.close()
    }
  })

  only('webgl2', 'explains in plain words when ?gpu=webgpu cannot be met', async () => {
    const refused = await loadStudio(session, server.url, '?gpu=webgpu')
    try {
      const banner = refused.page.getByRole('alert')
      await expect.poll(() => banner.textContent()).toMatch(/^WebGPU was asked for but is not available: .*Remove "\?gpu=webgpu"/)
      // A person sees one sentence, not a stack trace.
      expect(await banner.textContent()).not.toMatch(/\n\s+at /)
      expect(await refused.page.evaluate(() => window.__genanchor)).toBeUndefined()
    } finally {
      await refused.page.close()
    }
  })
})
