// The lip-sync plugin: the voice's scheduled phonemes (or its sound) drive every avatar's mouth.
import { Stage, type App, type Plugin } from '../../engine/index.ts'
import { LipsyncState, createScheduleVisemes } from './scheduleVisemes.ts'
import { LipsyncSettings } from './settings.ts'

/**
 * Lip-sync: uses `LipsyncSettings` (inserting the defaults if there is none), inserts
 * `LipsyncState`, and adds `scheduleVisemes` (update), which writes the visemes `aa ih ou ee oh` to
 * the `lipsync` layer of every entity with an `Expression`. Needs the `VoicePlugin` first.
 */
export const LipsyncPlugin: Plugin = {
  name: 'lipsync',
  build(app: App) {
    const world = app.world
    if (!world.tryResource(LipsyncSettings)) world.insertResource(new LipsyncSettings())
    world.insertResource(new LipsyncState())
    app.addSystem(Stage.Update, createScheduleVisemes(world))
  },
}
