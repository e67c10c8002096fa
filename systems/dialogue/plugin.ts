// The dialogue plugin: a backend chosen by settings, its reports turned into events, chat answered.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { cancelReply, createAnswerViewers, createInterruptReplies } from './answerViewers.ts'
import { DIALOGUE_BACKENDS, registerDialogueBackend, type DialogueBackend } from './backend.ts'
import { Dialogue, DialogueStatus } from './dialogue.ts'
import { BackendReported, ReplyDone } from './events.ts'
import { createOpenAIBackend } from './openaiBackend.ts'
import { createReceiveReplies, setDialogueStatus } from './receiveReplies.ts'
import { DialogueSettings } from './settings.ts'
import { createTransformersBackend } from './transformersBackend.ts'

/** Stands in for a backend that could not be made, so the studio keeps running, silent. */
const SILENT_BACKEND: DialogueBackend = { load() {}, generate() {}, cancel() {}, dispose() {} }

registerDialogueBackend('transformers', createTransformersBackend)
registerDialogueBackend('openai', createOpenAIBackend)

/**
 * The host's dialogue: uses the `DialogueSettings` resource (inserting the defaults if there is
 * none), inserts `Dialogue`, starts loading the model, and adds `interruptReplies` then `receiveReplies` (input)
 * and `answerViewers` (update). Send `ViewerMessage` / `InterruptReply`; read `ReplyStarted`,
 * `ReplyToken`, `ReplySentence`, `ReplyDone`, `DialogueStatusChanged`. The backend reports into the
 * world's `BackendReported` inbox; `receiveReplies` turns them into those events.
 */
export const DialoguePlugin: Plugin = {
  name: 'dialogue',
  build(app: App) {
    const world = app.world
    const settings = world.tryResource(DialogueSettings) ?? world.insertResource(new DialogueSettings())
    const dialogue = new Dialogue(SILENT_BACKEND)
    world.insertResource(dialogue)
    startBackend(world, dialogue, settings)
    const interruptReplies = createInterruptReplies(world)
    app.addSystem(Stage.Input, interruptReplies)
    app.addSystem(Stage.Input, createReceiveReplies(world), { after: [interruptReplies] })
    app.addSystem(Stage.Update, createAnswerViewers(world))
  },
  cleanup(app: App) {
    app.world.resource(Dialogue).backend.dispose()
  },
}

/**
 * Loads the model again with the current settings: after changing `DialogueSettings.backend`,
 * `.model`, `.dtype` or `.openai`. A reply in flight is cancelled; a changed backend replaces the old one.
 */
export function reloadDialogue(world: World): void {
  const dialogue = world.resource(Dialogue)
  cancelReply(world, dialogue)
  startBackend(world, dialogue, world.resource(DialogueSettings))
}

/**
 * Replaces the backend with a fresh one of the same kind and loads the model again (the watchdog's
 * restart of a crashed or hung worker). History and reply ids carry over; a reply in flight ends with
 * `ReplyDone` (error) so its turn is counted. An unknown backend is left as it is: its status says why.
 */
export function restartDialogue(world: World): void {
  const dialogue = world.resource(Dialogue)
  const settings = world.resource(DialogueSettings)
  if (!DIALOGUE_BACKENDS.has(settings.backend)) return
  const reply = dialogue.current
  if (reply) {
    dialogue.current = null
    world.send(ReplyDone, { replyId: reply.id, text: reply.text.trim(), reason: 'error', error: 'The language model restarted.', tokens: 0, firstTokenMs: 0 })
  }
  dialogue.backendName = ''
  startBackend(world, dialogue, settings)
}

/** Makes the named backend if it is not the one in use, and starts loading; an unknown name leaves the host silent with a message. */
function startBackend(world: World, dialogue: Dialogue, settings: DialogueSettings): void {
  dialogue.progress = null
  setDialogueStatus(world, dialogue, DialogueStatus.loading, null)
  if (dialogue.backendName !== settings.backend) {
    dialogue.backend.dispose()
    const inbox = world.inbox(BackendReported)
    // Reports of the old backend not yet delivered are for replies that no longer exist.
    inbox.discard()
    const factory = DIALOGUE_BACKENDS.get(settings.backend)
    dialogue.backend = factory ? factory(inbox.post) : SILENT_BACKEND
    dialogue.backendName = factory ? settings.backend : ''
    if (!factory) {
      const known = [...DIALOGUE_BACKENDS.keys()].join(', ')
      setDialogueStatus(world, dialogue, DialogueStatus.error, `Unknown dialogue backend "${settings.backend}"; known backends: ${known}. The host stays silent.`)
      return
    }
  }
  dialogue.backend.load(settings)
}
