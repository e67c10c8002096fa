import { describe, expect, it } from 'vitest'
import { App, defineComponent, defineEvent, Stage, SystemTimings, Time, type LoopDriver, type Plugin } from '../../engine/index.ts'

/** A loop driver the test advances by hand. */
class ManualDriver implements LoopDriver {
  private frame: ((t: number) => void) | null = null
  t = 1000
  start(frame: (t: number) => void) {
    this.frame = frame
  }
  stop() {
    this.frame = null
  }
  tick(ms: number) {
    this.t += ms
    this.frame?.(this.t)
  }
}

describe('time and the fixed step', () => {
  it('runs fixedUpdate as many times as whole steps fit, carrying the remainder', () => {
    const app = new App({ fixedHz: 50 })
    let steps = 0
    app.addSystem(Stage.FixedUpdate, () => void steps++)
    app.step(30)
    expect(steps).toBe(1)
    const time = app.world.resource(Time)
    expect(time.fixedAlpha).toBeCloseTo(0.5)
    app.step(30)
    expect(steps).toBe(3)
    expect(time.fixedAlpha).toBeCloseTo(0)
    expect(time.elapsedMs).toBe(60)
    expect(time.frame).toBe(2)
  })

  it('bounds catch-up after a stall so it never spirals', () => {
    const app = new App({ fixedHz: 100, maxDeltaMs: 1000, maxFixedStepsPerFrame: 4 })
    let steps = 0
    app.addSystem(Stage.FixedUpdate, () => void steps++)
    app.step(900)
    expect(steps).toBe(4)
    const time = app.world.resource(Time)
    expect(time.droppedMs).toBeCloseTo(860)
    app.step(10)
    expect(steps).toBe(5)
  })

  it('clamps a huge frame to maxDeltaMs and ignores a negative or NaN one', () => {
    const app = new App({ maxDeltaMs: 100 })
    const time = app.world.resource(Time)
    app.step(5000)
    expect(time.deltaMs).toBe(100)
    expect(time.deltaS).toBe(0.1)
    app.step(-3)
    app.step(Number.NaN)
    expect(time.deltaMs).toBe(0)
    expect(time.elapsedMs).toBe(100)
  })

  it('lets the fixed rate change at run time and rejects nonsense', () => {
    const app = new App()
    const time = app.world.resource(Time)
    time.fixedHz = 120
    expect(time.fixedDeltaMs).toBeCloseTo(8.333, 3)
    expect(() => (time.fixedHz = 0)).toThrow(/positive/)
  })
})

describe('loop driver, pause and errors', () => {
  it('steps with the time between driver frames; the first frame and the frame after resume advance by zero', () => {
    const app = new App()
    const driver = new ManualDriver()
    const time = app.world.resource(Time)
    app.run(driver)
    driver.tick(16)
    expect(time.frame).toBe(1)
    expect(time.deltaMs).toBe(0)
    driver.tick(20)
    expect(time.deltaMs).toBe(20)
    app.pause()
    driver.tick(5000)
    expect(time.frame).toBe(2)
    app.resume()
    driver.tick(16)
    expect(time.deltaMs).toBe(0)
    driver.tick(16)
    expect(time.deltaMs).toBe(16)
    expect(time.elapsedMs).toBe(36)
    app.stop()
    expect(app.running).toBe(false)
  })

  it('pauses and tells listeners when a frame throws', () => {
    const app = new App()
    const driver = new ManualDriver()
    app.addSystem(Stage.Update, () => {
      throw new Error('boom')
    }, { name: 'explode' })
    const seen: string[] = []
    app.onError((e) => seen.push(e.message))
    app.run(driver)
    driver.tick(16)
    expect(seen).toEqual(['System "explode" (stage update) failed: boom'])
    expect(app.paused).toBe(true)
  })
})

describe('plugins', () => {
  it('builds a plugin at once, finishes all before the first frame, cleans up in reverse', () => {
    const log: string[] = []
    const make = (name: string): Plugin => ({
      name,
      build: () => void log.push(`build ${name}`),
      finish: () => void log.push(`finish ${name}`),
      cleanup: () => void log.push(`cleanup ${name}`),
    })
    const app = new App().addPlugin(make('a')).addPlugin(make('b'))
    app.step(16)
    app.cleanup()
    expect(log).toEqual(['build a', 'build b', 'finish a', 'finish b', 'cleanup b', 'cleanup a'])
  })

  it('takes a plain function as a plugin and refuses a plugin twice', () => {
    const app = new App()
    function greeter(a: App) {
      a.addSystem(Stage.Startup, () => {}, { name: 'greet' })
    }
    app.addPlugin(greeter)
    expect(app.hasPlugin('greeter')).toBe(true)
    expect(() => app.addPlugin(greeter)).toThrow(/"greeter" was added twice/)
  })
})

describe('commands', () => {
  const Spark = defineComponent('Spark', { life: 'f32' })

  it('applies deferred changes at the stage boundary, so despawning while iterating is safe', () => {
    const app = new App()
    const world = app.world
    for (let k = 0; k < 100; k++) world.commands.spawn().insert(Spark, { life: k % 2 })
    const sparks = world.query({ with: [Spark] })
    let seenDuringUpdate = -1
    app.addSystem(Stage.Update, (w) => {
      const life = w.store(Spark).life
      for (let k = 0; k < sparks.count; k++) {
        const i = sparks.ids[k]
        if (life[i] === 0) w.commands.entity(w.entityAt(i)).despawn()
      }
      seenDuringUpdate = sparks.count
    }, { name: 'expire' })
    app.addSystem(Stage.LateUpdate, () => {}, { name: 'after' })
    expect(sparks.count).toBe(0)
    world.commands.apply()
    expect(sparks.count).toBe(100)
    app.step(16)
    expect(seenDuringUpdate).toBe(100)
    expect(sparks.count).toBe(50)
    expect(world.entityCount).toBe(50)
  })

  it('skips and counts commands for an entity that is already gone', () => {
    const app = new App()
    const e = app.world.spawn()
    app.world.commands.entity(e).despawn()
    app.world.commands.entity(e).despawn()
    app.world.commands.entity(e).insert(Spark, { life: 1 })
    app.world.commands.apply()
    expect(app.world.commands.skipped).toBe(2)
  })
})

describe('events', () => {
  const Said = defineEvent<string>('Said')

  it('a reader that runs once a frame sees every event once, whether it runs before or after the sender', () => {
    const app = new App()
    const early = app.world.reader(Said)
    const late = app.world.reader(Said)
    const gotEarly: string[] = []
    const gotLate: string[] = []
    let n = 0
    app.addSystem(Stage.Input, () => void gotEarly.push(...early.read()), { name: 'early' })
    app.addSystem(Stage.Update, (w) => w.send(Said, `m${n++}`), { name: 'send' })
    app.addSystem(Stage.PostRender, () => void gotLate.push(...late.read()), { name: 'late' })
    for (let f = 0; f < 5; f++) app.step(16)
    expect(gotLate).toEqual(['m0', 'm1', 'm2', 'm3', 'm4'])
    expect(gotEarly).toEqual(['m0', 'm1', 'm2', 'm3'])
    expect(early.missed + late.missed).toBe(0)
  })

  it('delivers what an inbox was posted outside the frame at the next input stage, in order', () => {
    const app = new App()
    const inbox = app.world.inbox(Said)
    const reader = app.world.reader(Said)
    const seen: string[][] = []
    app.addSystem(Stage.Input, () => void seen.push([...reader.read()]), { name: 'receive' })
    const post = inbox.post
    post('w1')
    post('w2')
    expect(reader.read()).toEqual([]) // nothing reaches the event channel before a frame starts
    app.step(16)
    app.step(16)
    post('w3')
    app.step(16)
    expect(seen).toEqual([['w1', 'w2'], [], ['w3']])
    expect(inbox.pending).toBe(0)
    expect(app.world.inbox(Said)).toBe(inbox)
  })

  it('drops events after two frames and counts what a lagging reader missed', () => {
    const app = new App()
    const reader = app.world.reader(Said)
    app.world.send(Said, 'a')
    app.step(16)
    app.step(16)
    app.world.send(Said, 'b')
    expect(reader.read()).toEqual(['b'])
    expect(reader.missed).toBe(1)
  })
})

describe('change detection per system', () => {
  const Mouth = defineComponent('Mouth', { open: 'f32' })

  it('each system sees additions, changes and removals made since it last ran, once', () => {
    const app = new App()
    const world = app.world
    const q = world.query({ with: [Mouth] })
    const seen: string[] = []
    app.addSystem(Stage.LateUpdate, () => {
      for (const i of q.added()) seen.push(`added ${i}`)
      for (const i of q.changed(Mouth)) seen.push(`changed ${i}`)
      for (const e of q.removed()) seen.push(`removed ${world.indexOf(e)}`)
    }, { name: 'observe' })
    const a = world.spawn()
    world.add(a, Mouth)
    app.step(16)
    expect(seen).toEqual(['added 0', 'changed 0'])
    seen.length = 0
    app.step(16)
    expect(seen).toEqual([])
    app.addSystem(Stage.Update, (w) => {
      if (w.resource(Time).frame === 2) {
        w.store(Mouth).open[0] = 1
        w.markChanged(0, Mouth)
      }
      if (w.resource(Time).frame === 3) w.commands.entity(a).remove(Mouth)
    }, { name: 'talk' })
    app.step(16)
    expect(seen).toEqual(['changed 0'])
    seen.length = 0
    app.step(16)
    expect(seen).toEqual(['removed 0'])
    seen.length = 0
    app.step(16)
    expect(seen).toEqual([])
  })
})

describe('profiling', () => {
  it('keeps per-system rolling mean and max, in schedule order', () => {
    const app = new App({ timingWindow: 4 })
    const busy = (ms: number) => {
      const end = performance.now() + ms
      while (performance.now() < end);
    }
    let frame = 0
    // One 40 ms spike, then 1 ms runs: wide margins, so a loaded machine cannot blur the two.
    app.addSystem(Stage.Update, () => busy(frame++ === 0 ? 40 : 1), { name: 'spiky' })
    app.addSystem(Stage.Input, () => {}, { name: 'quick' })
    for (let k = 0; k < 3; k++) app.step(16)
    const timings = app.world.resource(SystemTimings)
    expect(timings.rows.map((r) => r.name)).toEqual(['quick', 'spiky'])
    const spiky = timings.rows[1]
    expect(spiky.calls).toBe(3)
    expect(spiky.maxMs).toBeGreaterThanOrEqual(40)
    for (let k = 0; k < 4; k++) app.step(16)
    expect(spiky.maxMs).toBeLessThan(40)
    expect(spiky.meanMs).toBeGreaterThanOrEqual(1)
    expect(timings.frame.calls).toBe(7)
  })
})
