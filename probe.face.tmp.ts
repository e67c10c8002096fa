import { launchChromium, startStudioServer } from './tests/e2e/harness.ts'
const server = await startStudioServer()
const session = await launchChromium('webgl2')
try {
  const page = await session.context.newPage()
  await page.goto(new URL(`?gpu=webgl2`, server.url).href, { timeout: 240_000 })
  await page.waitForFunction(() => (window.__genanchorFace?.snapshot().images ?? 0) > 2, undefined, { timeout: 180_000 })
  await page.keyboard.press('`')
  await page.evaluate(() => window.__genanchorFace!.setSeed(4))
  await page.waitForTimeout(3000)
  const head = await page.evaluate(() => window.__genanchor!.projectBone('head', [0, 0.08, 0]))!
  await page.screenshot({ path: `test-results/face-probe.png` })
  await page.screenshot({ path: `test-results/face-probe-face.png`, clip: { x: head!.x - 60, y: head!.y - 70, width: 120, height: 120 } })
  await page.evaluate(() => window.__genanchor!.setExpression('aa', 1))
  await page.waitForTimeout(3000)
  await page.screenshot({ path: `test-results/face-probe-aa.png`, clip: { x: head!.x - 60, y: head!.y - 70, width: 120, height: 120 } })
  console.log(JSON.stringify(await page.evaluate(() => window.__genanchorFace!.snapshot())))
} finally {
  await session.close()
  await server.close()
}
