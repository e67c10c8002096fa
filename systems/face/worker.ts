// The face worker: runs the generator with onnxruntime-web (WebGPU, else WASM) and returns texture
// images. One request at a time; inference never runs on the page's thread.
import * as ort from 'onnxruntime-web/webgpu'
import { FaceModelError } from './errors.ts'
import { FaceGenerator, fetchGeneratorFiles, shortMessage, type GeneratorFiles } from './generator.ts'
import type { BackendPreference, FromWorker, ToWorker } from './protocol.ts'
import { Upscaler, borderColor } from './upscale.ts'

/** The worker's global scope, typed by what this file uses (the DOM library types `self` as a window). */
const scope = self as unknown as {
  postMessage(message: FromWorker, transfer?: Transferable[]): void
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null
  navigator: { gpu?: GPU }
}

type LoadRequest = Extract<ToWorker, { type: 'load' }>

let generator: FaceGenerator | null = null
let files: GeneratorFiles | null = null
let upscaler: Upscaler | null = null
/** The WebGPU device the generator runs on, when it does. */
let device: GPUDevice | null = null
/** Set when the WebGPU device is lost: the next request rebuilds the session on WASM first. */
let deviceLost = false
/** Requests and loads run one after another, in arrival order. */
let queue: Promise<void> = Promise.resolve()
/** onnxruntime's WASM settings apply once, at its first session. */
let wasmConfigured = false
/** Whether the page allowed fault injection (`loseDevice`) when it loaded the generator. */
let faultsAllowed = false

function post(message: FromWorker, transfer: Transferable[] = []): void {
  scope.postMessage(message, transfer)
}

function messageOf(err: unknown): string {
  return err instanceof FaceModelError ? err.message : `The face generator failed: ${shortMessage(err)}.`
}

/**
 * A WebGPU device for the generator, or why there is none. With `auto`, a software adapter
 * (SwiftShader, or any the browser marks as a fallback) is declined: it runs on the same CPU as WASM
 * and took ~2 s per image here against ~30 ms on WASM, starving the page's own frames.
 */
async function requestDevice(preference: BackendPreference): Promise<GPUDevice | string> {
  const gpu = scope.navigator.gpu
  if (!gpu) return 'this browser has no WebGPU in workers'
  try {
    const adapter = await gpu.requestAdapter()
    if (!adapter) return 'the browser gave no WebGPU adapter'
    if (preference === 'auto' && isSoftware(adapter)) return 'the WebGPU adapter is a software rasteriser, slower than WASM'
    // The adapter's own limits for what onnxruntime's kernels use; the defaults are lower on many GPUs.
    const { limits } = adapter
    return await adapter.requestDevice({
      requiredLimits: {
        maxBufferSize: limits.maxBufferSize,
        maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize,
        maxComputeWorkgroupStorageSize: limits.maxComputeWorkgroupStorageSize,
        maxComputeInvocationsPerWorkgroup: limits.maxComputeInvocationsPerWorkgroup,
        maxComputeWorkgroupSizeX: limits.maxComputeWorkgroupSizeX,
        maxComputeWorkgroupSizeY: limits.maxComputeWorkgroupSizeY,
        maxComputeWorkgroupSizeZ: limits.maxComputeWorkgroupSizeZ,
        maxComputeWorkgroupsPerDimension: limits.maxComputeWorkgroupsPerDimension,
      },
      requiredFeatures: adapter.features.has('shader-f16') ? ['shader-f16'] : [],
    })
  } catch (err) {
    return `no WebGPU device (${shortMessage(err)})`
  }
}

async function load(request: LoadRequest): Promise<void> {
  const started = performance.now()
  await generator?.dispose()
  generator = null
  files = null
  device?.destroy()
  device = null
  deviceLost = false
  if (!wasmConfigured) {
    // onnxruntime logs warnings (CPU fallback of shape ops on WebGPU) as console errors; errors are reported here instead.
    ort.env.logLevel = 'error'
    ort.env.wasm.wasmPaths = { ...request.wasmPaths }
    ort.env.wasm.numThreads = request.threads
    wasmConfigured = true
  }
  const loaded = await fetchGeneratorFiles((url) => fetch(url), request.sidecarUrl, request.precision)
  let fallbackReason: string | null = null
  if (request.backend !== 'wasm') {
    const gpu = await requestDevice(request.backend)
    if (typeof gpu === 'string') fallbackReason = gpu
    else {
      try {
        generator = await FaceGenerator.create(ort, loaded.bytes, loaded.sidecar, loaded.file, 'webgpu', gpu)
        device = gpu
        watchDevice(gpu)
      } catch (err) {
        gpu.destroy()
        // A broken model fails on WASM too and is reported from there; anything else is WebGPU's.
        fallbackReason = `WebGPU could not run the generator (${shortMessage(err)})`
      }
    }
  }
  generator ??= await FaceGenerator.create(ort, loaded.bytes, loaded.sidecar, loaded.file, 'wasm')
  files = loaded
  const px = request.texturePx
  upscaler = new Upscaler(loaded.sidecar.resolution, Math.max(px, loaded.sidecar.resolution))
  post({
    type: 'ready', backend: generator.backend, threads: ort.env.wasm.numThreads ?? 1, sidecar: loaded.sidecar,
    loadMs: performance.now() - started, fallbackReason: request.backend === 'wasm' ? null : fallbackReason,
  })
}

/** Whether an adapter renders in software (the browser's fallback adapter, or SwiftShader by name). */
function isSoftware(adapter: GPUAdapter): boolean {
  const info = adapter.info as GPUAdapterInfo & { isFallbackAdapter?: boolean }
  return info.isFallbackAdapter === true || /swiftshader/i.test(`${info.vendor} ${info.architecture} ${info.description}`)
}

/** Marks the device lost (driver reset, GPU process crash, `loseDevice`): the next request switches to WASM. */
function watchDevice(gpu: GPUDevice): void {
  void gpu.lost.then(() => {
    if (device === gpu) deviceLost = true
  })
}

/** Rebuilds the session on WASM after a WebGPU failure and tells the page why (`reason`, for people). */
async function fallBackToWasm(reason: string): Promise<void> {
  const lost = generator
  generator = null
  device = null
  await lost?.dispose().catch(() => {})
  if (!files) throw new FaceModelError('The face generator is not loaded.')
  generator = await FaceGenerator.create(ort, files.bytes, files.sidecar, files.file, 'wasm')
  post({ type: 'fellBack', backend: 'wasm', message: `${reason}; the face now runs on WASM (CPU).` })
}

async function generate(request: Extract<ToWorker, { type: 'generate' }>): Promise<void> {
  if (deviceLost && generator?.backend === 'webgpu') await fallBackToWasm('The WebGPU device was lost')
  if (!generator || !upscaler) {
    post({ type: 'error', id: request.id, message: 'The face generator is not loaded.' })
    return
  }
  const started = performance.now()
  let planar: Float32Array
  try {
    planar = await generator.run(request.z, request.c)
  } catch (err) {
    if (generator.backend !== 'webgpu') throw err
    // A WebGPU run that fails is a lost or broken device far more often than a model fault.
    await fallBackToWasm(deviceLost ? 'The WebGPU device was lost' : `WebGPU failed while generating (${shortMessage(err)})`)
    planar = await generator.run(request.z, request.c)
  }
  const inferMs = performance.now() - started
  const { sidecar } = generator
  const px = upscaler.target
  const pixels = new Uint8Array(px * px * 4)
  upscaler.run(planar, sidecar.output.range, pixels)
  const border = borderColor(planar, sidecar.resolution, sidecar.output.range)
  post({ type: 'image', id: request.id, pixels, border, inferMs }, [pixels.buffer])
}

function loseDevice(): void {
  device?.destroy()
}

scope.onmessage = (event) => {
  const request = event.data
  switch (request.type) {
    case 'load':
      faultsAllowed = request.faults
      queue = queue.then(() => load(request)).catch((err: unknown) => {
        console.warn(err) // the detail for developers; the performer gets the message
        generator = null
        post({ type: 'error', id: null, message: messageOf(err) })
      })
      break
    case 'generate':
      queue = queue.then(() => generate(request)).catch((err: unknown) => {
        console.warn(err)
        post({ type: 'error', id: request.id, message: messageOf(err) })
      })
      break
    case 'loseDevice':
      if (faultsAllowed) loseDevice()
      break
  }
}
