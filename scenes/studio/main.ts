// The studio page: composes the plugins that make the stream scene and starts the frame loop.
import { App } from '../../engine/index.ts'
import { AvatarPlugin } from '../../systems/avatar/index.ts'
import { DialoguePlugin } from '../../systems/dialogue/index.ts'
import { RenderError, RenderPlugin, createRenderer, type BackendPreference } from '../../systems/render/index.ts'
import { AvatarPanelPlugin, showAvatarMessage } from './avatarPanel.ts'
import { BroadcastPanelPlugin } from './broadcastPanel.ts'
import { ChatPanelPlugin } from './chatPanel.ts'
import { DebugOverlayPlugin } from './debugOverlay.ts'
import { showError } from './errorBanner.ts'
import { ExpressionPanelPlugin } from './expressionPanel.ts'
import { FacePanelPlugin } from './facePanel.ts'
import { MocapPanelPlugin } from './mocapPanel.ts'
import { StageAvatar, StudioOptions } from './stageAvatar.ts'
import { showStartingAvatar } from './stageLoads.ts'
import { StudioSetPlugin } from './studioSet.ts'
import { installTestHook } from './testHook.ts'
import { VoicePanelPlugin } from './voicePanel.ts'
import './studio.css'

/** The backend asked for by `?gpu=webgpu|webgl2|auto` in the address; default `auto`. */
function backendFromAddress(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('gpu') ?? 'auto'
  if (value === 'auto' || value === 'webgpu' || value === 'webgl2') return value
  throw new RenderError(`Unknown "?gpu=${value}" in the address; use ?gpu=webgpu, ?gpu=webgl2, or leave it out.`)
}

async function start(): Promise<void> {
  const canvas = document.getElementById('stage')
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error('the page has no <canvas id="stage">')
  const started = await createRenderer(canvas, { prefer: backendFromAddress(location.search) })
  const app = new App()
  app.world.insertResource(StudioOptions.fromAddress(location.search))
  app.world.insertResource(new StageAvatar())
  app
    .addPlugin(RenderPlugin(started, { clearColor: [0.91, 0.87, 0.96, 1] }))
    .addPlugin(StudioSetPlugin)
    .addPlugin(AvatarPlugin)
    .addPlugin(AvatarPanelPlugin)
    .addPlugin(ExpressionPanelPlugin)
    .addPlugin(DialoguePlugin)
    .addPlugin(ChatPanelPlugin)
    .addPlugin(VoicePanelPlugin)
    .addPlugin(MocapPanelPlugin)
    .addPlugin(FacePanelPlugin)
    .addPlugin(BroadcastPanelPlugin)
    .addPlugin(DebugOverlayPlugin)
  app.onError(showError)
  // A page kept in the back-forward cache comes back as it was, so only a real unload releases the GPU.
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) app.cleanup()
  })
  installTestHook(app)
  app.run()
  // The set draws at once; the anchor appears when its file has loaded (a fraction of a second).
  const note = await showStartingAvatar(app.world)
  if (note) showAvatarMessage(new Error(note))
}

start().catch(showError)
