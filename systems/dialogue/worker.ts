// The dialogue worker: loads the language model with transformers.js and streams replies to the page.
// Inference never runs on the page's thread, so a reply never costs the stage a frame.
import { env } from '@huggingface/transformers'
import { PromptTooLongError } from './prompt.ts'
import type { FromWorker, ToWorker } from './protocol.ts'
import { DialogueModelError, loadLanguageModel, type LanguageModel } from './session.ts'

/** The worker's global scope, typed by what this file uses (the DOM library types `self` as a window). */
const scope = self as unknown as { postMessage(message: FromWorker): void; onmessage: ((event: MessageEvent<ToWorker>) => void) | null }

let model: LanguageModel | null = null
let loading: Promise<LanguageModel | null> = Promise.resolve(null)
/** The generation running now, so `cancel` can stop it; one at a time. */
let runningId: number | null = null
/** Requests cancelled before they started (still queued behind the model load or another reply). */
const cancelledEarly = new Set<number>()
/** Generations waiting for the running one to end (the page sends at most one, plus its cancel). */
let queue: Promise<void> = Promise.resolve()

function post(message: FromWorker): void {
  scope.postMessage(message)
}

function messageOf(err: unknown): string {
  if (err instanceof DialogueModelError || err instanceof PromptTooLongError) return err.message
  return `The dialogue worker failed: ${err instanceof Error ? err.message : String(err)}.`
}

async function load(request: Extract<ToWorker, { type: 'load' }>): Promise<LanguageModel | null> {
  await model?.dispose()
  model = null
  // Offline unless the performer picked a hub model; local folders are served by the studio itself.
  env.allowRemoteModels = request.source.kind === 'hub'
  env.allowLocalModels = request.source.kind === 'local'
  env.useBrowserCache = request.source.kind === 'hub'
  // The onnxruntime-web files come from the studio, never from a CDN.
  const wasm = env.backends.onnx.wasm!
  wasm.wasmPaths = { ...request.wasmPaths }
  wasm.numThreads = 1
  const started = performance.now()
  let source = request.source
  if (source.kind === 'local') {
    // transformers.js 4.3 reads a plain folder name under env.localModelPath, which must be a path
    // on this origin, not a full address: it treats an http(s) address as remote (not allowed here),
    // and resolves a folder with several slashes against this worker's script.
    const folder = new URL(source.path.replace(/\/*$/, '/'), self.location.href)
    env.localModelPath = new URL('..', folder).pathname
    source = { kind: 'local', path: folder.pathname.split('/').filter(Boolean).pop() ?? '' }
  }
  const loaded = await loadLanguageModel(source, request.dtype, (progress) => post({ type: 'progress', progress }))
  post({ type: 'ready', contextTokens: loaded.contextTokens, loadMs: performance.now() - started })
  return loaded
}

async function generate(request: Extract<ToWorker, { type: 'generate' }>): Promise<void> {
  const m = await loading
  if (!m) {
    post({ type: 'error', id: request.id, message: 'The language model is not loaded, so the host cannot answer yet.' })
    return
  }
  if (cancelledEarly.delete(request.id)) {
    post({ type: 'done', id: request.id, result: { text: '', reason: 'cancelled', tokens: 0, firstTokenMs: 0, totalMs: 0, promptTokens: 0, droppedTurns: 0, truncatedMessage: false } })
    return
  }
  runningId = request.id
  try {
    const onText = (text: string) => post({ type: 'token', id: request.id, text })
    const result = await m.reply(request.persona, request.history, request.message, request.sampling, { onText })
    post({ type: 'done', id: request.id, result })
  } catch (err) {
    console.warn(err) // the detail for developers; the performer gets the message below
    post({ type: 'error', id: request.id, message: messageOf(err) })
  } finally {
    runningId = null
  }
}

scope.onmessage = (event) => {
  const request = event.data
  switch (request.type) {
    case 'load':
      loading = queue.then(() => load(request)).catch((err: unknown) => {
        console.warn(err) // the detail for developers; the performer gets the message below
        post({ type: 'error', id: null, message: messageOf(err) })
        return null
      })
      loading.then((m) => (model = m))
      queue = loading.then(() => undefined)
      break
    case 'generate':
      queue = queue.then(() => generate(request))
      break
    case 'cancel':
      if (runningId === request.id) model?.cancel()
      else cancelledEarly.add(request.id)
      break
  }
}
