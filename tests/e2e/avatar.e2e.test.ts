// The avatar in the studio as a performer sees it (WebGL2 on SwiftShader, `?still=1` so frames
// repeat): the default anchor, expressions, loading a VRM 0.x file through the licence step,
// refusing broken files with the avatar left on screen, the size limit, and IndexedDB restore.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Page } from 'playwright-core'
import {
  REPO_ROOT,
  launchChromium,
  startStudioServer,
  openStudio,
  saveFailureScreenshot,
  waitForFrames,
  type BrowserSession,
  type StudioPage,
  type StudioServer,
} from './harness.ts'
import { decodePng } from './png.ts'
import { diffImages, expectMatchesReference, faceClip, saveComparison } from './avatarImages.ts'
import { readGlb } from '../../systems/avatar/vrm/file/index.ts'

const FIXTURES = join(REPO_ROOT, 'tests/fixtures/avatars')

/** The part of the 640 × 360 page that shows the stage: clear of the avatar panel (right) and the expressions panel (bottom left). */
const STAGE_CLIP = { x: 140, y: 0, width: 280, height: 360 }

/** A change of expression must alter at least this share of the face's pixels (an open mouth alone is ~1.5 %). */
const FACE_CHANGE_MIN_SHARE = 0.005

/** The broken test files and what the performer must read about each. */
const BROKEN: readonly { file: string; code: string; says: RegExp }[] = [
  { file: 'truncated.vrm', code: 'truncated', says: /cut short/ },
  { file: 'not-gltf.vrm', code: 'not-gltf', says: /not an avatar|not a VRM or glTF/ },
  { file: 'no-humanoid.glb', code: 'no-humanoid', says: /not a VRM avatar|no humanoid/ },
  { file: 'unknown-version.vrm', code: 'unknown-version', says: /GenAnchor reads VRM 0\.x and 1\.0/ },
  { file: 'missing-texture.vrm', code: 'missing-texture', says: /missing a texture/ },
  { file: 'bad-bones.vrm', code: 'bad-bones', says: /bone/ },
]


let server: StudioServer
let session: BrowserSession
let studio: StudioPage
let page: Page

beforeAll(async () => {
  server = await startStudioServer()
  session = await launchChromium('webgl2')
  studio = await openStudio(session, server.url, '?gpu=webgl2&still=1&face=painted')
  page = studio.page
  await waitForAvatar(page, 1)
  await page.keyboard.press('`') // the debug overlay covers the stage
})

afterAll(async () => {
  await session?.close()
  await server?.close()
})

beforeEach(({ onTestFailed, task }) => {
  onTestFailed(async () => {
    if (page) console.error(`screenshot: ${await saveFailureScreenshot(page, `avatar ${task.name}`)}`)
  })
})

/** Waits until the stage has had `version` avatars (1 = the first one) and a few frames have drawn it. */
async function waitForAvatar(p: Page, version: number): Promise<void> {
  await p.waitForFunction((v) => (window.__genanchor?.avatar()?.version ?? 0) >= v, version, { timeout: 60_000 })
  await waitForFrames(p, 5)
}

async function avatarInfo(p: Page = page) {
  return p.evaluate(() => window.__genanchor!.avatar()!)
}

async function sceneInventory() {
  return page.evaluate(() => window.__genanchor!.sceneInventory())
}

/**
 * A screenshot of a region of the stage once the picture has stopped changing (springs settled,
 * textures in). The studio's panels are hidden while it is taken: they come and go as capabilities
 * are added, and these images are about the avatar.
 */
async function settledShot(clip: { x: number; y: number; width: number; height: number }): Promise<Buffer> {
  await page.evaluate(() => {
    for (const el of document.body.children) if (el.id !== 'stage') (el as HTMLElement).style.visibility = 'hidden'
  })
  try {
    let previous = await page.screenshot({ clip })
    for (let tries = 0; tries < 30; tries++) {
      await waitForFrames(page, 4)
      const next = await page.screenshot({ clip })
      if (diffImages(decodePng(next), decodePng(previous)).meanAbs < 0.05) return next
      previous = next
    }
    throw new Error('The stage never settled: the picture kept changing over 120 frames.')
  } finally {
    await page.evaluate(() => {
      for (const el of document.body.children) (el as HTMLElement).style.visibility = ''
    })
  }
}


async function chooseFile(file: string): Promise<void> {
  await page.setInputFiles('#avatar-file', join(FIXTURES, file))
}

async function messageShown(): Promise<string> {
  const message = page.locator('#avatar-message')
  await expect.poll(() => message.isVisible(), { timeout: 60_000 }).toBe(true)
  return (await message.textContent()) ?? ''
}

/**
 * `minimal.vrm` with the bytes of its image overwritten: every check before Babylon passes, and the
 * load fails half way, when the browser cannot decode the texture.
 */
function undecodableTexture(): Buffer {
  const bytes = readFileSync(join(FIXTURES, 'minimal.vrm'))
  const { json, bin } = readGlb(new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength))
  const view = json.bufferViews![json.images![0].bufferView!]
  const at = bin!.byteOffset - bytes.byteOffset + (view.byteOffset ?? 0)
  bytes.fill(0x42, at, at + view.byteLength)
  return bytes
}

function same(a: Buffer, b: Buffer): { meanAbs: number; differingShare: number } {
  return diffImages(decodePng(a), decodePng(b))
}

describe('the avatar in the studio', () => {
  it('shows the default anchor as in its reference image, with no errors', async () => {
    const info = await avatarInfo()
    expect(info).toMatchObject({ origin: 'default', format: 'vrm1', name: 'GenAnchor Host' })
    console.log(`default anchor load: ${info.loadMs.toFixed(0)} ms (Chromium, SwiftShader WebGL2)`)
    await expectMatchesReference('default-anchor', await settledShot(STAGE_CLIP))
    expect(studio.pageErrors.join(' | ')).toBe('')
    expect(studio.consoleErrors.join(' | ')).toBe('')
  })

  it('changes the face for happy, aa, blink and surprised, each as in its reference', async () => {
    const clip = await faceClip(page)
    const neutral = await settledShot(clip)
    for (const name of ['happy', 'aa', 'blink', 'surprised']) {
      expect(await page.evaluate((n) => window.__genanchor!.setExpression(n, 1), name)).toBe(true)
      await expect.poll(() => page.evaluate((n) => window.__genanchor!.resolvedExpression(n), name)).toBeCloseTo(1)
      const face = await settledShot(clip)
      const change = same(face, neutral)
      if (change.differingShare <= FACE_CHANGE_MIN_SHARE) {
        const saved = await saveComparison(`face-${name}`, face, diffImages(decodePng(face), decodePng(neutral)))
        throw new Error(`"${name}" changed only ${(100 * change.differingShare).toFixed(2)} % of the face (${saved.diff})`)
      }
      await expectMatchesReference(`face-${name}`, face)
      await page.evaluate((n) => window.__genanchor!.setExpression(n, 0), name)
      await expect.poll(() => page.evaluate((n) => window.__genanchor!.resolvedExpression(n), name)).toBe(0)
    }
    expect(same(await settledShot(clip), neutral).meanAbs).toBeLessThan(1)
  })

  it('offers a slider for every expression, which drives it', async () => {
    const names = (await avatarInfo()).expressions
    await page.locator('#expression-panel summary').click()
    const sliders = page.locator('#expression-panel input[type=range]')
    expect(await sliders.evaluateAll((all) => all.map((e) => (e as HTMLInputElement).dataset.expression))).toEqual(
      expect.arrayContaining([...names]),
    )
    expect(await sliders.count()).toBe(names.length)
    const surprised = page.locator('#expression-panel input[data-expression="surprised"]')
    await surprised.fill('0.5')
    await expect.poll(() => page.evaluate(() => window.__genanchor!.resolvedExpression('surprised'))).toBeCloseTo(0.5)
    await surprised.fill('0')
    await expect.poll(() => page.evaluate(() => window.__genanchor!.resolvedExpression('surprised'))).toBe(0)
    await page.locator('#expression-panel summary').click()
  })

  it('keeps the current avatar when the licence step is cancelled', async () => {
    const before = await avatarInfo()
    const inventory = await sceneInventory()
    await chooseFile('anchor-vrm0.vrm')
    await page.locator('#avatar-cancel').click({ timeout: 60_000 })
    await expect.poll(() => page.locator('#avatar-licence').count()).toBe(0)
    expect(await avatarInfo()).toEqual(before)
    // The refused avatar was disposed: nothing of it is left in the scene.
    expect(await sceneInventory()).toEqual(inventory)
  })

  it('loads a VRM 0.x avatar from the file picker after showing its licence, facing the camera', async () => {
    await chooseFile('anchor-vrm0.vrm')
    const dialog = page.getByRole('dialog')
    await expect.poll(() => dialog.isVisible(), { timeout: 60_000 }).toBe(true)
    const text = (await dialog.textContent()) ?? ''
    for (const label of ['Name', 'Authors', 'Who may use it', 'Commercial use', 'Redistribution', 'Modification', 'Licence']) expect(text).toContain(label)
    expect(text).toContain('anchor-vrm0.vrm')
    const version = (await avatarInfo()).version
    await page.locator('#avatar-accept').click()
    await waitForAvatar(page, version + 1)
    expect(await avatarInfo()).toMatchObject({ origin: 'file', format: 'vrm0', fileName: 'anchor-vrm0.vrm' })
    // Facing the camera: the avatar's left hand is on the viewer's right.
    const [left, right] = await page.evaluate(() => [window.__genanchor!.projectBone('leftHand')!, window.__genanchor!.projectBone('rightHand')!])
    expect(left.x).toBeGreaterThan(right.x + 20)
    const shot = await settledShot(STAGE_CLIP)
    await expectMatchesReference('vrm0-anchor', shot)
    // The 0.x file is the default anchor exported the 0.x way: converted back, it looks the same.
    await expectMatchesReference('default-anchor', shot, { maxMeanAbs: 1.5, maxDifferingShare: 0.01 })
  })

  for (const broken of BROKEN) {
    it(`refuses ${broken.file} with a clear message and keeps the avatar on screen`, async () => {
      const before = await avatarInfo()
      const inventory = await sceneInventory()
      const shot = await settledShot(STAGE_CLIP)
      await chooseFile(broken.file)
      const message = await messageShown()
      expect(message).toMatch(broken.says)
      expect(message).not.toMatch(/\n\s+at |Error:/)
      expect(await page.locator('#avatar-licence').count()).toBe(0)
      expect(await avatarInfo()).toEqual(before)
      expect(await sceneInventory()).toEqual(inventory)
      const after = same(await settledShot(STAGE_CLIP), shot)
      expect(after.meanAbs).toBeLessThan(1)
      expect(studio.pageErrors.join(' | ')).toBe('')
    })
  }

  it('refuses a texture that does not decode, disposing the half-built avatar', async () => {
    const before = await avatarInfo()
    const inventory = await sceneInventory()
    await page.setInputFiles('#avatar-file', { name: 'bad-image.vrm', mimeType: 'application/octet-stream', buffer: undecodableTexture() })
    expect(await messageShown()).toMatch(/missing a texture: texture 0 cannot be read \(its image data is damaged/)
    expect(await avatarInfo()).toEqual(before)
    expect(await sceneInventory()).toEqual(inventory)
    expect(studio.pageErrors.join(' | ')).toBe('')
  })

  it('refuses a file over 200 MB before reading it', async () => {
    const before = await avatarInfo()
    await page.evaluate(() => {
      // Built in the page: a sparse 201 MB file, never written to disk.
      const file = new File([new ArrayBuffer(201 * 1024 * 1024)], 'huge.vrm')
      const input = document.querySelector<HTMLInputElement>('#avatar-file')!
      const transfer = new DataTransfer()
      transfer.items.add(file)
      input.files = transfer.files
      input.dispatchEvent(new Event('change'))
    })
    expect(await messageShown()).toMatch(/This file is 201\.0 MB; avatars up to 200\.0 MB are accepted/)
    expect(await avatarInfo()).toEqual(before)
  })

  it('takes a file dropped on the page', async () => {
    await page.evaluate(() => {
      const transfer = new DataTransfer()
      transfer.items.add(new File([new TextEncoder().encode('just some notes')], 'notes.vrm'))
      for (const type of ['dragenter', 'dragover', 'drop']) window.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }))
    })
    expect(await messageShown()).toMatch(/not a VRM or glTF binary file/)
    expect(await page.locator('#avatar-drop').isHidden()).toBe(true)
  })

  it('brings the last accepted avatar back after a reload, until reset to the default anchor', async () => {
    await page.reload()
    await waitForAvatar(page, 1)
    expect(await avatarInfo()).toMatchObject({ origin: 'saved', format: 'vrm0', fileName: 'anchor-vrm0.vrm' })
    await page.locator('#avatar-reset').click()
    await waitForAvatar(page, 2)
    const reset = await avatarInfo()
    expect(reset).toMatchObject({ origin: 'default', format: 'vrm1' })
    console.log(`default anchor load, warm (after reset): ${reset.loadMs.toFixed(0)} ms`)
    await page.reload()
    await waitForAvatar(page, 1)
    expect(await avatarInfo()).toMatchObject({ origin: 'default', format: 'vrm1' })
    expect(studio.pageErrors.join(' | ')).toBe('')
  })
})
