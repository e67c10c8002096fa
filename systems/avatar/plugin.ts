// The avatar systems and the stages they run in.
import { defineLabel, Stage, type App, type Plugin } from '../../engine/index.ts'
import { applyBreathing } from './applyBreathing.ts'
import { applyHeadPose } from './applyHeadPose.ts'
import { applyLookAt } from './applyLookAt.ts'
import { ExpressionDiagnostics } from './diagnostics.ts'
import { idleLife } from './idleLife.ts'
import { mixExpressions } from './mixExpressions.ts'
import { springBones } from './springBones.ts'

/** The expression mixer, for systems that must read the mixed weights (lateUpdate, `after`) or write inputs before it (`before`). */
export const MixExpressions = defineLabel('mixExpressions')

/**
 * The avatar systems: spring bones (fixedUpdate), idle life (update), then head pose, breathing,
 * look-at and expression mixing (lateUpdate, in that order: an expression-type look-at writes
 * look weights the mixer must see). Inserts `ExpressionDiagnostics`.
 */
export const AvatarPlugin: Plugin = {
  name: 'avatar',
  build(app: App) {
    app.world.insertResource(new ExpressionDiagnostics())
    app.addSystem(Stage.FixedUpdate, springBones)
    app.addSystem(Stage.Update, idleLife)
    app.addSystem(Stage.LateUpdate, applyHeadPose)
    app.addSystem(Stage.LateUpdate, applyBreathing, { after: [applyHeadPose] })
    app.addSystem(Stage.LateUpdate, applyLookAt, { after: [applyHeadPose] })
    app.addSystem(Stage.LateUpdate, mixExpressions, { label: MixExpressions, after: [applyLookAt] })
  },
}
