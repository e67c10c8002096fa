import { describe, expect, it } from 'vitest'
import { App, defineLabel, ScheduleError, Stage, type World } from '../../engine/index.ts'

const noop = (name: string) => Object.defineProperty((_w: World) => {}, 'name', { value: name })
const A = defineLabel('a')
const C = defineLabel('c')

describe('schedule', () => {
  it('runs the stages in order, startup once', () => {
    const app = new App({ fixedHz: 60 })
    const log: string[] = []
    for (const stage of [Stage.PostRender, Stage.Render, Stage.LateUpdate, Stage.Update, Stage.FixedUpdate, Stage.Input, Stage.Startup]) {
      app.addSystem(stage, () => void log.push(stage), { name: stage })
    }
    app.step(1000 / 60)
    app.step(1000 / 60)
    expect(log).toEqual([
      'startup', 'input', 'fixedUpdate', 'update', 'lateUpdate', 'render', 'postRender',
      'input', 'fixedUpdate', 'update', 'lateUpdate', 'render', 'postRender',
    ])
  })

  it('keeps insertion order where no constraint decides, and honours before / after', () => {
    const app = new App()
    app.addSystem(Stage.Update, noop('a'), { label: A })
    app.addSystem(Stage.Update, noop('b'), { before: [A] })
    app.addSystem(Stage.Update, noop('c'), { label: C })
    app.addSystem(Stage.Update, noop('d'), { after: [C], before: [A] })
    expect(app.order(Stage.Update)).toEqual(['b', 'c', 'd', 'a'])
  })

  it('accepts a system function as an ordering target', () => {
    const app = new App()
    const first = noop('first')
    app.addSystem(Stage.Update, noop('second'), { after: [first] })
    app.addSystem(Stage.Update, first)
    expect(app.order(Stage.Update)).toEqual(['first', 'second'])
  })

  it('names a system after its label, which survives a minifier renaming the function', () => {
    const app = new App()
    const MixExpressions = defineLabel('mixExpressions')
    app.addSystem(Stage.LateUpdate, noop('t'), { label: MixExpressions })
    app.addSystem(Stage.LateUpdate, noop('r'), { before: [MixExpressions] })
    expect(app.order(Stage.LateUpdate)).toEqual(['r', 'mixExpressions'])
  })

  it('refuses one label on two systems of a stage', () => {
    const app = new App()
    app.addSystem(Stage.Update, noop('x'), { label: A })
    app.addSystem(Stage.Update, noop('y'), { label: A })
    expect(() => app.build()).toThrow(/Two systems in stage update carry the label "a"/)
  })

  it('is deterministic: the same additions give the same order every time', () => {
    const build = () => {
      const app = new App()
      const labels = Array.from({ length: 20 }, (_, k) => defineLabel(`s${k}`))
      for (let k = 0; k < 20; k++) {
        app.addSystem(Stage.Update, noop(`s${k}`), k % 3 === 0 && k > 0 ? { label: labels[k], after: [labels[k - 1]], before: [labels[0]] } : { label: labels[k] })
      }
      return app.order(Stage.Update)
    }
    expect(build()).toEqual(build())
  })

  it('names every system of a cycle', () => {
    const app = new App()
    const B = defineLabel('b')
    app.addSystem(Stage.Update, noop('a'), { label: A, after: [C] })
    app.addSystem(Stage.Update, noop('b'), { label: B, after: [A] })
    app.addSystem(Stage.Update, noop('c'), { label: C, after: [B] })
    app.addSystem(Stage.Update, noop('free'))
    expect(() => app.build()).toThrow(ScheduleError)
    expect(() => app.build()).toThrow(/cycle: (a → b → c → a|b → c → a → b|c → a → b → c)/)
  })

  it('names an unknown ordering target and the system that asked for it', () => {
    const app = new App()
    app.addSystem(Stage.Update, noop('mixExpressions'), { after: [defineLabel('solveFace')] })
    expect(() => app.build()).toThrow(/"mixExpressions" is ordered after "solveFace" in stage update, but no system carries that label/)
  })

  it('says when an ordering target lives in another stage', () => {
    const app = new App()
    const draw = noop('draw')
    app.addSystem(Stage.Render, draw)
    app.addSystem(Stage.Update, noop('think'), { before: [draw] })
    expect(() => app.build()).toThrow(/it is in stage render/)
  })

  it('refuses two systems of one name in a stage, and one function twice', () => {
    const app = new App()
    app.addSystem(Stage.Update, noop('x'))
    app.addSystem(Stage.Update, noop('x'))
    expect(() => app.build()).toThrow(/Two systems are named "x"/)
    const f = noop('f')
    app.addSystem(Stage.Input, f)
    expect(() => app.addSystem(Stage.Input, f)).toThrow(/added twice/)
  })

  it('skips a system whose runIf is false', () => {
    const app = new App()
    let on = false
    let runs = 0
    app.addSystem(Stage.Update, () => void runs++, { runIf: () => on })
    app.step(16)
    on = true
    app.step(16)
    expect(runs).toBe(1)
  })

  it('wraps what a system throws with its name and stage', () => {
    const app = new App()
    app.addSystem(Stage.LateUpdate, () => {
      throw new Error('bone missing')
    }, { name: 'applyPose' })
    expect(() => app.step(16)).toThrow(/System "applyPose" \(stage lateUpdate\) failed: bone missing/)
  })

  it('rebuilds the order when a system is added after the first frame', () => {
    const app = new App()
    const log: string[] = []
    app.addSystem(Stage.Update, () => void log.push('a'), { label: A })
    app.step(16)
    app.addSystem(Stage.Update, () => void log.push('b'), { name: 'b', before: [A] })
    app.step(16)
    expect(log).toEqual(['a', 'b', 'a'])
  })
})
