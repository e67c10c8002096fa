// Loads the shipped language model in Node with the same code the studio's worker runs (systems/dialogue/session.ts).
import { createRequire } from 'node:module'
import { basename, dirname, join, resolve } from 'node:path'
import { env } from '@huggingface/transformers'
import { loadLanguageModel, type LanguageModel, type ModelDtype } from '../../systems/dialogue/node.ts'

/** The repository root (this file is server/lm/runtime.ts). */
export const REPO_ROOT = resolve(import.meta.dirname, '../..')

/** The model the studio ships, on disk. */
export const SHIPPED_MODEL_DIR = join(REPO_ROOT, 'models/lm/shipped')

/** Which onnxruntime runs the model: `wasm` (onnxruntime-web, as in the browser) or `native` (onnxruntime-node). */
export const OnnxRuntime = { wasm: 'wasm', native: 'native' } as const
/** One of `OnnxRuntime`. */
export type OnnxRuntime = (typeof OnnxRuntime)[keyof typeof OnnxRuntime]

let wasmInstalled = false

/**
 * Makes transformers.js' Node build use onnxruntime-web (WASM, one thread) instead of onnxruntime-node:
 * it loads its runtime with require('onnxruntime-node'), so that module's cache entry is filled first.
 * Must run before transformers.js first creates a session; it cannot be undone in the same process.
 */
export function useWasmInNode(): void {
  if (wasmInstalled) return
  const requireFromTransformers = createRequire(createRequire(import.meta.url).resolve('@huggingface/transformers'))
  const nodePath = requireFromTransformers.resolve('onnxruntime-node')
  const web = requireFromTransformers('onnxruntime-web') as unknown
  requireFromTransformers.cache[nodePath] = { id: nodePath, filename: nodePath, loaded: true, exports: web } as NodeJS.Module
  const wasm = env.backends.onnx.wasm!
  wasm.wasmPaths = join(REPO_ROOT, 'node_modules/onnxruntime-web/dist/')
  wasm.numThreads = 1
  wasmInstalled = true
}

/** Loads a model folder in the transformers.js layout from disk, offline (no hub lookups). */
export async function loadModelFromDisk(folder: string, dtype: ModelDtype, runtime: OnnxRuntime): Promise<LanguageModel> {
  if (runtime === OnnxRuntime.wasm) useWasmInNode()
  env.allowRemoteModels = false
  env.allowLocalModels = true
  const absolute = resolve(folder)
  env.localModelPath = dirname(absolute)
  return loadLanguageModel({ kind: 'local', path: basename(absolute) }, dtype)
}
