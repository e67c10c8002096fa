// The default backend: transformers.js in a Web Worker, offline from files the studio serves.
import ortMjsUrl from '../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.mjs?url'
import ortWasmUrl from '../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url'
import type { BackendEvent, DialogueBackend, ReplyRequest } from './backend.ts'
import type { ToWorker } from './protocol.ts'
import type { DialogueSettings } from './settings.ts'

/**
 * Runs @huggingface/transformers in a module worker. The onnxruntime-web files are this package's
 * own (the asyncify build transformers.js picks by default), imported as URLs so Vite serves them.
 */
export function createTransformersBackend(report: (event: BackendEvent) => void): DialogueBackend {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'dialogue' })
  const send = (message: ToWorker) => worker.postMessage(message)
  worker.onmessage = (event: MessageEvent<BackendEvent>) => report(event.data)
  // A worker that cannot even start (a script error) is reported like a load failure.
  worker.onerror = (event) => {
    event.preventDefault()
    report({ type: 'error', id: null, message: `The dialogue worker could not start (${event.message || 'script error'}); reload the page.` })
  }
  const wasmPaths = { mjs: new URL(ortMjsUrl, location.href).href, wasm: new URL(ortWasmUrl, location.href).href }
  return {
    load(settings: DialogueSettings) {
      send({ type: 'load', source: settings.model, dtype: settings.dtype, wasmPaths })
    },
    generate(request: ReplyRequest) {
      send({ type: 'generate', ...request, history: [...request.history], sampling: { ...request.sampling } })
    },
    cancel(id: number) {
      send({ type: 'cancel', id })
    },
    dispose() {
      worker.terminate()
    },
  }
}
