// Screenshots of the anchor in headless Chromium, for looking at the generator's output:
//   npx tsx assets/anchor/snapshot.ts [name=query ...]
// Each argument is a file name and the preview.html query, e.g. `happy=view=face&expr=happy`;
// without arguments it takes the usual set. PNGs go to test-results/anchor/ (ignored by git).
import { mkdirSync } from 'node:fs'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { chromium } from 'playwright-core'
import { createServer } from 'vite'

const root = resolve(import.meta.dirname, '../..')
const outDir = join(root, 'test-results/anchor')

/** The usual set: the whole figure, the bust, and the face with a few expressions. */
const DEFAULT_SHOTS = ['full=view=full', 'bust=view=bust', 'face=view=face', 'happy=view=face&expr=happy', 'aa=view=face&expr=aa', 'blink=view=face&expr=blink']

async function main(): Promise<void> {
  const shots = process.argv.length > 2 ? process.argv.slice(2) : DEFAULT_SHOTS
  mkdirSync(outDir, { recursive: true })
  const server = await createServer({ root, configFile: join(root, 'vite.config.ts'), server: { host: '127.0.0.1', port: 0, strictPort: false }, logLevel: 'warn' })
  await server.listen()
  const { port } = server.httpServer!.address() as AddressInfo
  const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] })
  try {
    const page = await browser.newPage({ viewport: { width: 640, height: 640 } })
    page.on('pageerror', (e) => console.error('page error:', e.message))
    for (const spec of shots) {
      const [name, query = ''] = spec.split(/=(.*)/s)
      await page.goto(`http://127.0.0.1:${port}/assets/anchor/preview.html?${query}`)
      await page.waitForFunction(() => 'previewReady' in document.body.dataset || 'previewError' in document.body.dataset, undefined, { timeout: 120_000 })
      const error = await page.evaluate(() => document.body.dataset.previewError)
      if (error) throw new Error(`preview of ${name} failed: ${error}`)
      const path = join(outDir, `${name}.png`)
      await page.screenshot({ path })
      console.log(path)
    }
  } finally {
    await browser.close()
    await server.close()
  }
}

await main()
