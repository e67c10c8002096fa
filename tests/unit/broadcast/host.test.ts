// The host on a manual clock: picks by priority, one reply at a time, idle talk on quiet chat,
// and the watchdog restarting a crashed or hung dialogue worker while frames keep running.
import { afterEach, describe, expect, it } from 'vitest'
import { App, Time } from '../../../engine/index.ts'
import { BroadcastHost, BroadcastPlugin, ChatSource, HostAnswering, WorkerWatchdog } from '../../../systems/broadcast/index.ts'
import { DIALOGUE_BACKENDS, Dialogue, DialoguePlugin, DialogueSettings, ReplyDone } from '../../../systems/dialogue/index.ts'
import { SimulatedModel } from './simulatedBackend.ts'

function createHost(hostInit: ConstructorParameters<typeof BroadcastHost>[0] = {}) {
  const model = new SimulatedModel()
  model.register('host-test')
  const app = new App()
  app.world.insertResource(new DialogueSettings({ backend: 'host-test' }))
  app.world.insertResource(new BroadcastHost(hostInit))
  app.addPlugin(DialoguePlugin).addPlugin(BroadcastPlugin)
  const host = app.world.resource(BroadcastHost)
  const answering = app.world.reader(HostAnswering)
  const done = app.world.reader(ReplyDone)
  const seen = { answering: [] as string[], done: [] as string[] }
  const time = app.world.resource(Time)
  const run = (ms: number) => {
    const end = time.elapsedMs + ms
    while (time.elapsedMs < end) {
      model.advance(time.elapsedMs)
      app.step(50)
      for (const a of answering.read()) seen.answering.push(a.message?.text ?? (a.topic ? `topic:${a.topic}` : '-'))
      for (const d of done.read()) seen.done.push(d.reason)
    }
  }
  return { app, model, host, run, seen }
}

afterEach(() => {
  DIALOGUE_BACKENDS.delete('host-test')
})

describe('BroadcastPlugin host', () => {
  it('answers one message at a time, gifts and mentions before older plain chat', () => {
    const { host, model, run, seen } = createHost()
    run(100)
    host.receive({ viewer: 'a', text: 'first plain', source: ChatSource.viewerPage })
    host.receive({ viewer: 'b', text: 'second plain', source: ChatSource.viewerPage })
    host.receive({ viewer: 'c', text: '小星 a mention', source: ChatSource.twitch })
    host.receive({ viewer: 'd', text: 'thanks', source: ChatSource.twitch, bits: 100 })
    run(5000)
    expect(seen.answering.filter((t) => t !== '-')).toEqual(['thanks', '小星 a mention', 'first plain', 'second plain'])
    expect(model.requests.map((r) => r.message)).toEqual(['d: thanks', 'c: 小星 a mention', 'a: first plain', 'b: second plain'])
    expect(seen.done).toEqual(['eos', 'eos', 'eos', 'eos'])
    expect(host.tally.answered).toBe(4)
    expect(host.unaccounted()).toBe(0)
  })

  it('talks about a persona topic when chat has been quiet for idleAfterMs', () => {
    const { model, run, seen, host } = createHost({ host: { idleAfterMs: 1000 } })
    run(900)
    expect(model.requests).toHaveLength(0)
    run(300)
    expect(model.requests[0].message).toBe('聊聊我的世界吧')
    run(3000)
    expect(seen.answering).toContain('topic:保温杯,49元')
    expect(host.tally.idleTalks).toBeGreaterThanOrEqual(2)
    expect(host.tally.answered).toBe(0)
  })

  it('starts idle talk only once the voice has been quiet for idleAfterMs, not right after it stops', () => {
    const { model, run, host } = createHost({ host: { idleAfterMs: 1000 } })
    // The voice (a busy check, as the studio adds it) speaks a long text for 3 s, then is stopped.
    let speaking = true
    host.busyChecks.push(() => speaking)
    run(3000)
    speaking = false
    run(900)
    expect(model.requests).toHaveLength(0)
    run(300)
    expect(model.requests).toHaveLength(1)
  })

  it('restarts a crashed dialogue worker and goes on answering', () => {
    const { app, host, model, run } = createHost()
    run(100)
    host.receive({ viewer: 'a', text: 'before the crash', source: ChatSource.viewerPage })
    run(100)
    model.crash()
    host.receive({ viewer: 'b', text: 'after the crash', source: ChatSource.viewerPage })
    run(3000)
    const dog = app.world.resource(WorkerWatchdog).get('dialogue')!
    expect(dog.restarts).toBe(1)
    expect(model.instances).toBe(2)
    expect(app.world.resource(Dialogue).status).toBe('ready')
    expect(host.tally).toMatchObject({ failed: 1, answered: 1 })
    expect(model.requests.at(-1)?.message).toBe('b: after the crash')
    expect(host.unaccounted()).toBe(0)
  })

  it('restarts a worker whose reply stops streaming, keeping the history', () => {
    const { app, host, model, run } = createHost()
    run(100)
    host.receive({ viewer: 'a', text: 'one', source: ChatSource.viewerPage })
    run(2000)
    model.hang()
    host.receive({ viewer: 'b', text: 'two', source: ChatSource.viewerPage })
    run(25_000)
    expect(app.world.resource(WorkerWatchdog).get('dialogue')!.restarts).toBe(1)
    expect(app.world.resource(Dialogue).history.map((t) => t.user)).toEqual(['a: one'])
    expect(host.tally).toMatchObject({ answered: 1, failed: 1 })
  })

  it('backs off between restarts of a worker that keeps failing', () => {
    const { app, model, run } = createHost()
    run(100)
    for (let i = 0; i < 8; i++) {
      model.crash()
      run(1000)
    }
    // 1 s, then 2 s, 4 s: far fewer restarts than crashes.
    const restarts = app.world.resource(WorkerWatchdog).get('dialogue')!.restarts
    expect(restarts).toBeGreaterThanOrEqual(2)
    expect(restarts).toBeLessThanOrEqual(4)
  })
})
