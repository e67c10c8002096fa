import { Engine } from '@babylonjs/core/Engines/engine'
import { WebGPUEngine } from '@babylonjs/core/Engines/webgpuEngine'
import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine'
import { RenderError } from './renderError.ts'

/** The graphics API a renderer draws with. */
export type Backend = 'webgpu' | 'webgl2'

/** Which backend to ask for: `auto` tries WebGPU then WebGL2; `webgpu` fails instead of falling back. */
export type BackendPreference = 'auto' | Backend

/** Options of `createRenderer`. */
export interface RendererOptions {
  /** Which backend to ask for. Default `'auto'`. */
  prefer?: BackendPreference
  /** Multisample anti-aliasing on the main canvas. Default `true`. */
  antialias?: boolean
}

/** A started Babylon engine and the story of how it was chosen. */
export interface StartedEngine {
  engine: AbstractEngine
  /** The canvas the engine draws on: a fresh copy of the one given when a failed WebGPU start claimed it. */
  canvas: HTMLCanvasElement
  backend: Backend
  /** Why WebGPU was not used, for people; `null` when it was, or when WebGL2 was asked for. */
  fallbackReason: string | null
}

/** Starts a Babylon engine on `canvas`: WebGPU when the browser gives an adapter, else WebGL2. */
export async function createRenderer(
  canvas: HTMLCanvasElement,
  options: RendererOptions = {},
): Promise<StartedEngine> {
  const prefer = options.prefer ?? 'auto'
  const antialias = options.antialias ?? true
  if (prefer === 'webgl2') {
    return { engine: startWebGL2(canvas, antialias), canvas, backend: 'webgl2', fallbackReason: null }
  }
  const webgpu = await tryWebGPU(canvas, antialias)
  if ('engine' in webgpu) {
    return { engine: webgpu.engine, canvas, backend: 'webgpu', fallbackReason: null }
  }
  if (prefer === 'webgpu') {
    throw new RenderError(
      `WebGPU was asked for but is not available: ${webgpu.reason}. Remove "?gpu=webgpu" from the address to use WebGL2.`,
      { cause: webgpu.cause },
    )
  }
  // A canvas keeps the first context kind it handed out, so a WebGPU start that got that far poisons it for WebGL.
  const target = webgpu.canvasClaimed ? freshCopy(canvas) : canvas
  return { engine: startWebGL2(target, antialias), canvas: target, backend: 'webgl2', fallbackReason: webgpu.reason }
}

type WebGPUAttempt = { engine: WebGPUEngine } | { reason: string; cause?: unknown; canvasClaimed: boolean }

async function tryWebGPU(canvas: HTMLCanvasElement, antialias: boolean): Promise<WebGPUAttempt> {
  // navigator.gpu is typed as always present, but browsers without WebGPU leave it undefined.
  const gpu = (navigator as Partial<NavigatorGPU>).gpu
  if (!gpu) return { reason: 'this browser has no WebGPU', canvasClaimed: false }
  try {
    // Asking for the adapter first gives a plain reason; IsSupportedAsync alone only says no.
    const adapter = await gpu.requestAdapter()
    if (!adapter) return { reason: 'no WebGPU adapter (GPU blocked or unsupported)', canvasClaimed: false }
    if (!(await WebGPUEngine.IsSupportedAsync)) {
      return { reason: 'Babylon.js cannot use this WebGPU adapter', canvasClaimed: false }
    }
  } catch (err) {
    return { reason: `WebGPU adapter request failed (${messageOf(err)})`, cause: err, canvasClaimed: false }
  }
  const engine = new WebGPUEngine(canvas, { antialias, adaptToDeviceRatio: true })
  try {
    await engine.initAsync()
    return { engine }
  } catch (err) {
    engine.dispose()
    return { reason: `WebGPU failed to start (${messageOf(err)})`, cause: err, canvasClaimed: true }
  }
}

function freshCopy(canvas: HTMLCanvasElement): HTMLCanvasElement {
  const copy = canvas.cloneNode(false) as HTMLCanvasElement
  canvas.replaceWith(copy)
  return copy
}

function startWebGL2(canvas: HTMLCanvasElement, antialias: boolean): Engine {
  const engine = new Engine(canvas, antialias, { stencil: true }, true)
  // Babylon quietly drops to WebGL1 when WebGL2 is missing; our shaders and tests assume WebGL2.
  if (engine.webGLVersion < 2) {
    engine.dispose()
    throw new RenderError('This browser has no WebGL2. Update the browser or turn on hardware acceleration.')
  }
  return engine
}

function messageOf(err: unknown): string {
  // Babylon sometimes throws bare strings, so both shapes are read.
  return err instanceof Error ? err.message : String(err)
}
