// A complete scene in the engine alone: an anchor that sways on a fixed-step spring and blinks.
// Run it: npx tsx engine/examples/blink.ts
import { App, Stage, Time, defineComponent, defineEvent, defineQuery, type World } from '../index.ts'

export const Eyes = defineComponent('Eyes', { open: { type: 'f32', default: 1 }, nextBlinkMs: 'f32' })
export const Sway = defineComponent('Sway', { angleRad: 'f32', velocity: 'f32' })
export const Blinked = defineEvent<{ atMs: number }>('Blinked')
const Anchors = defineQuery({ with: [Eyes, Sway] })

/** Builds the example app; step it with `app.step(dtMs)` or drive it with `app.run()`. */
export function createBlinkApp(): App {
  const app = new App({ fixedHz: 60 })
  app.addSystem(Stage.Startup, (w: World) => {
    w.commands.spawn().insert(Eyes, { nextBlinkMs: 2500 }).insert(Sway, { angleRad: 0.3 })
  }, { name: 'spawnAnchor' })
  app.addSystem(Stage.FixedUpdate, function swaySpring(w) {
    const anchors = w.query(Anchors), s = w.store(Sway), dt = w.resource(Time).fixedDeltaMs / 1000
    for (let k = 0; k < anchors.count; k++) {
      const i = anchors.ids[k]
      s.velocity[i] += (-40 * s.angleRad[i] - 3 * s.velocity[i]) * dt // damped spring to upright
      s.angleRad[i] += s.velocity[i] * dt
    }
  })
  app.addSystem(Stage.Update, function blink(w) {
    const anchors = w.query(Anchors), eyes = w.store(Eyes), time = w.resource(Time)
    for (let k = 0; k < anchors.count; k++) {
      const i = anchors.ids[k]
      eyes.nextBlinkMs[i] -= time.deltaMs
      eyes.open[i] = eyes.nextBlinkMs[i] < 150 ? 0 : 1 // eyes shut for the last 150 ms
      if (eyes.nextBlinkMs[i] <= 0) {
        eyes.nextBlinkMs[i] = 2000 + 4000 * Math.random() // next blink in 2–6 s
        w.send(Blinked, { atMs: time.elapsedMs })
      }
    }
  })
  return app
}

if ((globalThis as { process?: { argv: string[] } }).process?.argv[1]?.endsWith('blink.ts')) {
  const app = createBlinkApp()
  const blinks = app.world.reader(Blinked)
  for (let frame = 0; frame < 600; frame++) {
    app.step(1000 / 60) // ten seconds on a manual clock
    for (const b of blinks.read()) console.log(`blink at ${(b.atMs / 1000).toFixed(2)} s`)
  }
  console.log(`sway settled to ${app.world.store(Sway).angleRad[0].toFixed(4)} rad`)
}
