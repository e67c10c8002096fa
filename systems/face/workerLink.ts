// Starts the face worker and speaks its protocol from the page.
import ortMjsUrl from '../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.mjs?url'
import ortWasmUrl from '../../node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm?url'
import type { FaceWorkerLink } from './face.ts'
import type { FromWorker, ToWorker } from './protocol.ts'
import { wasmThreads, type FaceSettings } from './settings.ts'

/**
 * A module worker running onnxruntime-web's WebGPU build, whose WASM side is the asyncify build
 * transformers.js uses too (one copy of the files, served by Vite through `?url`, never a CDN).
 * Reports go to `report`; image buffers arrive transferred, not copied.
 */
export function startFaceWorker(settings: FaceSettings, report: (message: FromWorker) => void): FaceWorkerLink {
  const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'face' })
  const send = (message: ToWorker, transfer: Transferable[] = []) => worker.postMessage(message, transfer)
  worker.onmessage = (event: MessageEvent<FromWorker>) => report(event.data)
  // A worker that cannot even start (a script error) is reported like a load failure.
  worker.onerror = (event) => {
    event.preventDefault()
    report({ type: 'error', id: null, message: `The face worker could not start (${event.message || 'script error'}); reload the page.` })
  }
  const wasmPaths = { mjs: new URL(ortMjsUrl, location.href).href, wasm: new URL(ortWasmUrl, location.href).href }
  return {
    load(sidecarUrl) {
      const threads = wasmThreads(settings.threads, globalThis.crossOriginIsolated === true, navigator.hardwareConcurrency || 1)
      send({
        type: 'load', sidecarUrl: new URL(sidecarUrl, location.href).href, precision: settings.precision,
        backend: settings.backend, wasmPaths, threads, texturePx: settings.texturePx, faults: settings.faults,
      })
    },
    generate(id, z, c) {
      send({ type: 'generate', id, z, c })
    },
    loseDevice() {
      send({ type: 'loseDevice' })
    },
    dispose() {
      worker.terminate()
    },
  }
}
