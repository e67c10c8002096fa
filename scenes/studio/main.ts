// The studio page: composes the plugins that make the stream scene and starts the frame loop. Every
// capability (systems/) is added here, where it can be seen; each panel only shows and drives one,
// and refuses to build without it.
import { App } from '../../engine/index.ts'
import { AvatarPlugin } from '../../systems/avatar/index.ts'
import { BroadcastHost, BroadcastPlugin } from '../../systems/broadcast/index.ts'
import { DialoguePlugin } from '../../systems/dialogue/index.ts'
import { EmotionPlugin } from '../../systems/emotion/index.ts'
import { FacePlugin } from '../../systems/face/index.ts'
import { LipsyncPlugin } from '../../systems/lipsync/index.ts'
import { MocapPlugin } from '../../systems/mocap/index.ts'
import { RenderError, RenderPlugin, createRenderer, type BackendPreference } from '../../systems/render/index.ts'
import { Speech, VoicePlugin } from '../../systems/voice/index.ts'
import { testHooksWanted } from '../testHooksFlag.ts'
import { AvatarPanelPlugin, showAvatarMessage } from './avatarPanel.ts'
import { StreamMirrorPlugin } from './broadcastMirror.ts'
import { BroadcastPanelPlugin } from './broadcastPanel.ts'
import { ChatPanelPlugin } from './chatPanel.ts'
import { DebugOverlayPlugin } from './debugOverlay.ts'
import { showError } from './errorBanner.ts'
import { ExpressionPanelPlugin } from './expressionPanel.ts'
import { FacePanelPlugin, faceSettingsFromAddress } from './facePanel.ts'
import { MocapPanelPlugin } from './mocapPanel.ts'
import { StageAvatar, StudioOptions } from './stageAvatar.ts'
import { showStartingAvatar } from './stageLoads.ts'
import { StudioSetPlugin } from './studioSet.ts'
import { VoicePanelPlugin } from './voicePanel.ts'
import './studio.css'

/** The backend asked for by `?gpu=webgpu|webgl2|auto` in the address; default `auto`. */
function backendFromAddress(search: string): BackendPreference {
  const value = new URLSearchParams(search).get('gpu') ?? 'auto'
  if (value === 'auto' || value === 'webgpu' || value === 'webgl2') return value
  throw new RenderError(`Unknown "?gpu=${value}" in the address; use ?gpu=webgpu, ?gpu=webgl2, or leave it out.`)
}

/** The broadcast host takes the next message only once the voice has finished speaking the last reply, not just its text. */
function hostWaitsForVoice(app: App): void {
  app.world.resource(BroadcastHost).busyChecks.push((w) => w.tryResource(Speech)?.busy ?? false)
}

async function start(): Promise<void> {
  const canvas = document.getElementById('stage')
  if (!(canvas instanceof HTMLCanvasElement)) throw new Error('the page has no <canvas id="stage">')
  const started = await createRenderer(canvas, { prefer: backendFromAddress(location.search) })
  // Test scaffolding is a separate chunk, loaded only under the test flag.
  const hooks = testHooksWanted(location.search) ? await import('./testHooks/index.ts') : null
  const app = new App()
  const face = app.world.insertResource(faceSettingsFromAddress(location.search))
  hooks?.allowFaults(face)
  app.world.insertResource(StudioOptions.fromAddress(location.search))
  app.world.insertResource(new StageAvatar())
  app
    // The stage and the capabilities, in the order their systems run within a stage.
    .addPlugin(RenderPlugin(started, { clearColor: [0.91, 0.87, 0.96, 1] }))
    .addPlugin(StudioSetPlugin)
    .addPlugin(AvatarPlugin)
    .addPlugin(DialoguePlugin)
    .addPlugin(VoicePlugin)
    .addPlugin(EmotionPlugin)
    .addPlugin(LipsyncPlugin)
    .addPlugin(MocapPlugin)
    .addPlugin(FacePlugin)
    .addPlugin(BroadcastPlugin)
    .addPlugin(hostWaitsForVoice)
    .addPlugin(StreamMirrorPlugin)
    // The performer's panels, each in its dock in this order.
    .addPlugin(DebugOverlayPlugin)
    .addPlugin(AvatarPanelPlugin)
    .addPlugin(VoicePanelPlugin)
    .addPlugin(ExpressionPanelPlugin)
    .addPlugin(MocapPanelPlugin)
    .addPlugin(FacePanelPlugin)
    .addPlugin(BroadcastPanelPlugin)
    .addPlugin(ChatPanelPlugin)
  app.onError(showError)
  // A page kept in the back-forward cache comes back as it was, so only a real unload releases the GPU.
  window.addEventListener('pagehide', (event) => {
    if (!event.persisted) app.cleanup()
  })
  hooks?.installTestHooks(app)
  app.run()
  // The set draws at once; the anchor appears when its file has loaded (a fraction of a second).
  const note = await showStartingAvatar(app.world)
  if (note) showAvatarMessage(new Error(note))
}

start().catch(showError)
