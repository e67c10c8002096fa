// The stream view page (stream.html): only the anchor at 1920×1080 on a transparent or chroma-key
// background, for OBS's Browser Source, driven by the studio through the stream link.
import { App } from '../../engine/index.ts'
import { AvatarPlugin, loadAvatar, spawnAvatar } from '../../systems/avatar/index.ts'
import { RenderPlugin, Renderer, createRenderer } from '../../systems/render/index.ts'
import defaultAnchorUrl from '../../assets/anchor/anchor.vrm?url'
import { testHooksWanted } from '../testHooksFlag.ts'
import { StreamView, streamOptionsFrom, streamViewPlugin } from './streamView.ts'
import { buildStreamSet, frameStreamAvatar } from './streamSet.ts'
import './stream.css'

async function start(): Promise<void> {
  const canvas = document.getElementById('stage')
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error('the page has no <canvas id="stage">')
  const options = streamOptionsFrom(location.search)
  // OBS composites the page: WebGL2 with an alpha channel is what every Browser Source supports.
  const started = await createRenderer(canvas, { prefer: 'webgl2' })
  const app = new App()
  app.addPlugin(RenderPlugin(started, { clearColor: options.clearColor })).addPlugin(AvatarPlugin).addPlugin(streamViewPlugin(options))
  buildStreamSet(app.world)
  const view = app.world.resource(StreamView)
  let ready = false
  // Test scaffolding is a separate chunk, loaded only under the test flag.
  if (testHooksWanted(location.search)) (await import('./testHooks.ts')).installStreamTestHooks(app, () => ready)
  app.onError((err) => console.error(err))
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) app.cleanup()
  })
  app.run()
  const model = await loadAvatar(app.world.resource(Renderer).scene, defaultAnchorUrl)
  // The studio sends the mixed face and head: the view adds no idle life of its own.
  view.anchor = spawnAvatar(app.world, model, { idle: false })
  model.root.setEnabled(true)
  frameStreamAvatar(app.world, model)
  ready = true
}

start().catch((err: unknown) => {
  console.error(err)
  const p = document.createElement('p')
  p.style.cssText = 'position:fixed;top:0;left:0;margin:0;padding:8px;background:#a00;color:#fff;font:24px system-ui'
  p.textContent = err instanceof Error ? err.message : String(err)
  document.body.append(p)
})
