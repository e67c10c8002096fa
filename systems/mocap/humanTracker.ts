// The offline default tracker: @vladmandic/human running MediaPipe-derived models (BlazeFace
// detector, 468-point face mesh, iris) on tfjs' WASM backend. Nothing is downloaded: the models and
// the .wasm files come from node_modules through the studio's own server.
import { Human, type Config } from '@vladmandic/human'
import { TrackerError, type FaceTracker, type TrackerFace, type TrackerOptions } from './tracker.ts'

/**
 * Human's settings: face detector, mesh and iris only; everything else (body, hands, emotion,
 * description, image filters, gestures, its own smoothing) off, since the solver does its own.
 * WASM, not WebGL: on a laptop CPU the WASM backend keeps the GPU to the renderer and runs in a
 * worker without an OffscreenCanvas GL context; measured here, 30 ms a frame against 450–1000 ms
 * for WebGL on a software GPU (see README.md).
 */
function humanConfig(assetBase: string): Partial<Config> {
  return {
    backend: 'wasm',
    wasmPath: new URL('tfjs/', assetBase).href,
    modelBasePath: new URL('human/', assetBase).href,
    debug: false,
    async: false,
    warmup: 'none',
    cacheModels: false,
    // Lets the detector be skipped while the face moves little; the mesh still runs every frame.
    cacheSensitivity: 0.7,
    filter: { enabled: false },
    gesture: { enabled: false },
    body: { enabled: false },
    hand: { enabled: false },
    object: { enabled: false },
    segmentation: { enabled: false },
    face: {
      enabled: true,
      // The mesh re-centres its own crop each frame; BlazeFace runs again after 30 frames or 1 s, or when the face is lost.
      detector: { enabled: true, modelPath: 'blazeface.json', rotation: true, maxDetected: 1, skipFrames: 30, skipTime: 1000, minConfidence: 0.5, return: false },
      mesh: { enabled: true, modelPath: 'facemesh.json' },
      iris: { enabled: true, modelPath: 'iris.json' },
      attention: { enabled: false },
      emotion: { enabled: false },
      description: { enabled: false },
      antispoof: { enabled: false },
      liveness: { enabled: false },
      gear: { enabled: false },
    },
  }
}

/** Loads human's face models on tfjs WASM and returns the tracker. */
export async function createHumanTracker(options: TrackerOptions): Promise<FaceTracker> {
  const human = new Human(humanConfig(options.assetBase))
  try {
    await human.load()
  } catch (err) {
    throw new TrackerError(`The face-tracking models could not be loaded (${err instanceof Error ? err.message : String(err)}); reload the page.`, { cause: err })
  }
  if (human.tf.getBackend() !== 'wasm') throw new TrackerError(`Face tracking needs WebAssembly, which this browser did not start (backend "${human.tf.getBackend()}").`)
  const features = [human.env.wasm.simd ? 'SIMD' : 'no SIMD', human.env.wasm.multithread ? 'threads' : 'one thread'].join(', ')
  return {
    description: `human ${human.version}, tfjs WASM (${features})`,
    async detect(image: ImageBitmap): Promise<TrackerFace | null> {
      try {
        const result = await human.detect(image)
        const face = result.face[0]
        if (!face || face.mesh.length < 468) return null
        const points = new Float32Array(face.mesh.length * 3)
        for (let k = 0; k < face.mesh.length; k++) {
          const [x, y, z] = face.mesh[k]
          points[3 * k] = x
          points[3 * k + 1] = y
          points[3 * k + 2] = z ?? 0
        }
        return { points, count: face.mesh.length, width: image.width, height: image.height, blendshapes: null }
      } finally {
        image.close()
      }
    },
    dispose() {
      for (const model of Object.values(human.models.models)) model?.dispose?.()
    },
  }
}
