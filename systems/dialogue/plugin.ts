// The dialogue plugin: a backend chosen by settings, its reports turned into events, chat answered.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { cancelReply, createAnswerViewers, createInterruptReplies } from './answerViewers.ts'
import { DIALOGUE_BACKENDS, registerDialogueBackend, type DialogueBackend } from './backend.ts'
import { Dialogue, DialogueStatus } from './dialogue.ts'
import { createOpenAIBackend } from './openaiBackend.ts'
import { receiveReplies } from './receiveReplies.ts'
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
 * `ReplyToken`, `ReplySentence`, `ReplyDone`.
 */
export const DialoguePlugin: Plugin = {
  name: 'dialogue',
  build(app: App) {
    const world = app.world
    const settings = world.tryResource(DialogueSettings) ?? world.insertResource(new DialogueSettings())
    const dialogue = new Dialogue(SILENT_BACKEND)
    world.insertResource(dialogue)
    startBackend(dialogue, settings)
    const interruptReplies = createInterruptReplies(world)
    app.addSystem(Stage.Input, interruptReplies)
    app.addSystem(Stage.Input, receiveReplies, { after: [interruptReplies] })
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
  startBackend(dialogue, world.resource(DialogueSettings))
}

/** Makes the named backend if it is not the one in use, and starts loading; an unknown name leaves the host silent with a message. */
function startBackend(dialogue: Dialogue, settings: DialogueSettings): void {
  dialogue.status = DialogueStatus.loading
  dialogue.progress = null
  dialogue.error = null
  if (dialogue.backendName !== settings.backend) {
    dialogue.backend.dispose()
    // Reports of the old backend still in the inbox are for replies that no longer exist.
    dialogue.inbox.length = 0
    const factory = DIALOGUE_BACKENDS.get(settings.backend)
    dialogue.backend = factory ? factory((event) => dialogue.inbox.push(event)) : SILENT_BACKEND
    dialogue.backendName = factory ? settings.backend : ''
    if (!factory) {
      dialogue.status = DialogueStatus.error
      dialogue.error = `Unknown dialogue backend "${settings.backend}"; known backends: ${[...DIALOGUE_BACKENDS.keys()].join(', ')}. The host stays silent.`
      return
    }
  }
  dialogue.backend.load(settings)
}
