import { describe, expect, it } from 'vitest'
import { App, Stage } from '../../../engine/index.ts'
import { AvatarPlugin, MixExpressions } from '../../../systems/avatar/index.ts'

describe('AvatarPlugin', () => {
  it('runs head pose, breathing, look-at and then the expression mixer in lateUpdate', () => {
    const app = new App()
    app.addPlugin(AvatarPlugin)
    expect(app.order(Stage.LateUpdate)).toEqual(['applyHeadPose', 'applyBreathing', 'applyLookAt', 'mixExpressions'])
  })

  it('lets another plugin order against MixExpressions on either side', () => {
    const app = new App()
    const readWeights = () => {}
    const writeInputs = () => {}
    // Added before the avatar plugin, so only the label puts them in place.
    app.addSystem(Stage.LateUpdate, readWeights, { after: [MixExpressions] })
    app.addSystem(Stage.LateUpdate, writeInputs, { before: [MixExpressions] })
    app.addPlugin(AvatarPlugin)
    const order = app.order(Stage.LateUpdate)
    expect(order.indexOf('writeInputs')).toBeLessThan(order.indexOf('mixExpressions'))
    expect(order.indexOf('readWeights')).toBeGreaterThan(order.indexOf('mixExpressions'))
  })
})
