// The dialogue plugin: a backend chosen by settings, its reports turned into events, chat answered.
import { Stage, type App, type Plugin, type World } from '../../engine/index.ts'
import { createAnswerViewers, createInterruptReplies } from './answerViewers.ts'
import { DIALOGUE_BACKENDS, registerDialogueBackend, type BackendEvent, type DialogueBackend } from './backend.ts'
import { Dialogue, DialogueStatus } from './dialogue.ts'
import { receiveReplies } from './receiveReplies.ts'
import { DialogueSettings } from './settings.ts'
import { createTransformersBackend } from './transformersBackend.ts'

registerDialogueBackend('transformers', createTransformersBackend)

/** Stands in for a backend that could not be made, so the studio keeps running, silent. */
const SILENT_BACKEND: DialogueBackend = { load() {}, generate() {}, cancel() {}, dispose() {} }

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
    const inbox: BackendEvent[] = []
    const factory = DIALOGUE_BACKENDS.get(settings.backend)
    const backend = factory ? factory((event) => inbox.push(event)) : SILENT_BACKEND
    const dialogue = new Dialogue(backend, inbox)
    world.insertResource(dialogue)
    if (factory) backend.load(settings)
    else {
      dialogue.status = DialogueStatus.error
      dialogue.error = `Unknown dialogue backend "${settings.backend}"; known backends: ${[...DIALOGUE_BACKENDS.keys()].join(', ')}. The host stays silent.`
    }
    const interruptReplies = createInterruptReplies(world)
    app.addSystem(Stage.Input, interruptReplies)
    app.addSystem(Stage.Input, receiveReplies, { after: [interruptReplies] })
    app.addSystem(Stage.Update, createAnswerViewers(world))
  },
  cleanup(app: App) {
    app.world.resource(Dialogue).backend.dispose()
  },
}

/** Loads the model again with the current settings (after changing `DialogueSettings.model` or `.dtype`). */
export function reloadDialogue(world: World): void {
  const dialogue = world.resource(Dialogue)
  if (dialogue.status === DialogueStatus.error && !DIALOGUE_BACKENDS.has(world.resource(DialogueSettings).backend)) return
  dialogue.status = DialogueStatus.loading
  dialogue.progress = null
  dialogue.error = null
  dialogue.backend.load(world.resource(DialogueSettings))
}
