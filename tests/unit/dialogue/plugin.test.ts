// The dialogue plugin on a manual clock, with a scripted backend registered by name.
import { afterEach, describe, expect, it } from 'vitest'
import { App } from '../../../engine/index.ts'
import {
  Dialogue,
  DialoguePlugin,
  DialogueSettings,
  DialogueStatus,
  InterruptReply,
  ReplyDone,
  ReplySentence,
  ReplyStarted,
  ReplyToken,
  ViewerMessage,
  registerDialogueBackend,
  DIALOGUE_BACKENDS,
  type BackendEvent,
  type ReplyRequest,
} from '../../../systems/dialogue/index.ts'

/** A backend that records calls and lets the test report as the worker would. */
function scriptedBackend() {
  const calls = { requests: [] as ReplyRequest[], cancelled: [] as number[], loads: 0 }
  let report: (event: BackendEvent) => void = () => {}
  registerDialogueBackend('scripted', (r) => {
    report = r
    return { load: () => calls.loads++, generate: (q) => calls.requests.push(q), cancel: (id) => calls.cancelled.push(id), dispose() {} }
  })
  return { calls, report: (event: BackendEvent) => report(event) }
}

function createApp(init: Partial<DialogueSettings> = {}) {
  const app = new App()
  app.world.insertResource(new DialogueSettings({ backend: 'scripted', ...init }))
  app.addPlugin(DialoguePlugin)
  const readers = {
    started: app.world.reader(ReplyStarted),
    tokens: app.world.reader(ReplyToken),
    sentences: app.world.reader(ReplySentence),
    done: app.world.reader(ReplyDone),
  }
  const seen = { started: [] as StartedSeen[], tokens: [] as string[], sentences: [] as string[], done: [] as DoneSeen[] }
  const step = () => {
    app.step(1000 / 60)
    seen.started.push(...readers.started.read())
    seen.tokens.push(...readers.tokens.read().map((t) => t.text))
    seen.sentences.push(...readers.sentences.read().map((s) => s.text))
    seen.done.push(...readers.done.read())
  }
  return { app, dialogue: app.world.resource(Dialogue), step, seen }
}
type StartedSeen = { replyId: number; message: string; cappedChars: number }
type DoneSeen = { replyId: number; reason: string; text: string }

const result = (reason: 'eos' | 'cancelled', tokens: number) => ({
  text: '', reason, tokens, firstTokenMs: 5, totalMs: 50, promptTokens: 40, droppedTurns: 0, truncatedMessage: false,
})

afterEach(() => {
  DIALOGUE_BACKENDS.delete('scripted')
})

describe('DialoguePlugin', () => {
  it('loads the model at build and shows progress, then ready', () => {
    const backend = scriptedBackend()
    const { dialogue, step } = createApp()
    expect(backend.calls.loads).toBe(1)
    expect(dialogue.status).toBe(DialogueStatus.loading)
    backend.report({ type: 'progress', progress: { loadedBytes: 5, totalBytes: 10, file: 'onnx/model.onnx' } })
    step()
    expect(dialogue.progress?.loadedBytes).toBe(5)
    backend.report({ type: 'ready', contextTokens: 256, loadMs: 300 })
    step()
    expect(dialogue.status).toBe(DialogueStatus.ready)
    expect(dialogue.contextTokens).toBe(256)
  })

  it('streams tokens and sentences of a reply, then remembers the exchange', () => {
    const backend = scriptedBackend()
    const { app, dialogue, step, seen } = createApp({ persona: 'You are a host.' })
    app.world.send(ViewerMessage, { viewer: 'tom', text: '  hello!  ' })
    step()
    expect(backend.calls.requests).toHaveLength(1)
    const request = backend.calls.requests[0]
    expect(request).toMatchObject({ persona: 'You are a host.', message: 'tom: hello!', history: [] })
    for (const text of ['Hi tom', '! Wel', 'come. ', '今天玩', '我的世界。']) backend.report({ type: 'token', id: request.id, text })
    step()
    expect(seen.tokens).toEqual(['Hi tom', '! Wel', 'come. ', '今天玩', '我的世界。'])
    expect(seen.sentences).toEqual(['Hi tom!', 'Welcome.', '今天玩我的世界。'])
    backend.report({ type: 'done', id: request.id, result: result('eos', 9) })
    step()
    expect(seen.done).toMatchObject([{ replyId: request.id, reason: 'eos', text: 'Hi tom! Welcome. 今天玩我的世界。' }])
    expect(dialogue.history).toEqual([{ user: 'tom: hello!', assistant: 'Hi tom! Welcome. 今天玩我的世界。' }])
    expect(dialogue.current).toBeNull()
  })

  it('cancels the reply in flight when a new message arrives, and ignores its late tokens', () => {
    const backend = scriptedBackend()
    const { app, dialogue, step, seen } = createApp()
    app.world.send(ViewerMessage, { viewer: 'a', text: 'first' })
    step()
    const first = backend.calls.requests[0].id
    backend.report({ type: 'token', id: first, text: 'par' })
    step()
    app.world.send(ViewerMessage, { viewer: 'b', text: 'second' })
    step()
    expect(backend.calls.cancelled).toEqual([first])
    expect(seen.done).toMatchObject([{ replyId: first, reason: 'cancelled', text: 'par' }])
    const second = backend.calls.requests[1].id
    backend.report({ type: 'token', id: first, text: 'tial' })
    backend.report({ type: 'done', id: first, result: result('cancelled', 3) })
    backend.report({ type: 'token', id: second, text: 'ok' })
    step()
    expect(seen.tokens).toEqual(['par', 'ok'])
    expect(dialogue.current?.id).toBe(second)
    expect(dialogue.lastCancelledTokens).toBe(3)
    expect(dialogue.history).toEqual([])
  })

  it('stops at an interrupt before tokens that arrived meanwhile show', () => {
    const backend = scriptedBackend()
    const { app, dialogue, step, seen } = createApp()
    app.world.send(ViewerMessage, { viewer: 'a', text: 'hi' })
    step()
    const id = backend.calls.requests[0].id
    backend.report({ type: 'token', id, text: 'late' })
    app.world.send(InterruptReply, { reason: 'performer' })
    step()
    expect(backend.calls.cancelled).toEqual([id])
    expect(seen.tokens).toEqual([])
    expect(seen.done).toMatchObject([{ replyId: id, reason: 'cancelled' }])
    expect(dialogue.current).toBeNull()
  })

  it('tells the backend at once on Dialogue.cancel(), and ends the reply in the next frame', () => {
    const backend = scriptedBackend()
    const { app, dialogue, step, seen } = createApp()
    app.world.send(ViewerMessage, { viewer: 'a', text: 'hi' })
    step()
    const id = backend.calls.requests[0].id
    dialogue.cancel()
    dialogue.cancel()
    expect(backend.calls.cancelled).toEqual([id])
    backend.report({ type: 'token', id, text: 'late' })
    step()
    expect(seen.tokens).toEqual([])
    expect(seen.done).toMatchObject([{ replyId: id, reason: 'cancelled' }])
  })

  it('caps a long message and ignores an empty one', () => {
    const backend = scriptedBackend()
    const { app, step, seen } = createApp({ maxMessageChars: 5 })
    app.world.send(ViewerMessage, { viewer: '', text: '   ' })
    step()
    expect(backend.calls.requests).toHaveLength(0)
    app.world.send(ViewerMessage, { viewer: '', text: '你好你好你好你好' })
    step()
    expect(backend.calls.requests[0].message).toBe('你好你好你')
    expect(seen.started).toMatchObject([{ message: '你好你好你', cappedChars: 3 }])
  })

  it('turns a load failure into a message for the performer and answers with an error, not a crash', () => {
    const backend = scriptedBackend()
    const { app, dialogue, step, seen } = createApp()
    backend.report({ type: 'error', id: null, message: 'The host\u2019s language model could not be loaded.' })
    step()
    expect(dialogue.status).toBe(DialogueStatus.error)
    expect(dialogue.error).toMatch(/could not be loaded/)
    app.world.send(ViewerMessage, { viewer: 'a', text: 'hi' })
    step()
    backend.report({ type: 'error', id: backend.calls.requests[0].id, message: 'The language model is not loaded.' })
    step()
    expect(seen.done).toMatchObject([{ reason: 'error' }])
  })

  it('stays silent with a clear message when the backend name is unknown', () => {
    const app = new App()
    app.world.insertResource(new DialogueSettings({ backend: 'nope' }))
    app.addPlugin(DialoguePlugin)
    app.step(16)
    const dialogue = app.world.resource(Dialogue)
    expect(dialogue.status).toBe(DialogueStatus.error)
    expect(dialogue.error).toMatch(/Unknown dialogue backend "nope"; known backends: transformers/)
  })
})
