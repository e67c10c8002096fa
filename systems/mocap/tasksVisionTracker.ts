// The tracker for performers who have a MediaPipe `face_landmarker.task`: tasks-vision's
// FaceLandmarker (478 points and 52 blendshapes). Its WASM comes from node_modules, the model from
// the path or URL in the settings; nothing else is fetched.
import { FaceLandmarker } from '@mediapipe/tasks-vision'
import { BLENDSHAPE_NAMES } from './blendshapes.ts'
import { TrackerError, type FaceTracker, type TrackerFace, type TrackerOptions } from './tracker.ts'

/** Loads FaceLandmarker (CPU delegate, video mode, one face, blendshapes) with the given model. */
export async function createTasksVisionTracker(options: TrackerOptions): Promise<FaceTracker> {
  if (!options.modelUrl) throw new TrackerError('The tasks-vision tracker needs a face_landmarker.task: give its path or URL in the motion-capture settings.')
  let landmarker: FaceLandmarker
  try {
    landmarker = await FaceLandmarker.createFromOptions(
      {
        wasmLoaderPath: new URL('tasks-vision/vision_wasm_module_internal.js', options.assetBase).href,
        wasmBinaryPath: new URL('tasks-vision/vision_wasm_module_internal.wasm', options.assetBase).href,
      },
      {
        baseOptions: { modelAssetPath: options.modelUrl, delegate: 'CPU' },
        runningMode: 'VIDEO',
        numFaces: 1,
        outputFaceBlendshapes: true,
      },
    )
  } catch (err) {
    throw new TrackerError(`The face landmarker model at ${options.modelUrl} could not be loaded (${err instanceof Error ? err.message : String(err)}); check the path and that it is a face_landmarker.task.`, { cause: err })
  }
  const index = new Map<string, number>(BLENDSHAPE_NAMES.map((n, i) => [n, i]))
  return {
    description: 'MediaPipe tasks-vision FaceLandmarker (CPU, blendshapes)',
    async detect(image: ImageBitmap, timeMs: number): Promise<TrackerFace | null> {
      try {
        const result = landmarker.detectForVideo(image, timeMs)
        const marks = result.faceLandmarks[0]
        if (!marks) return null
        const { width, height } = image
        const points = new Float32Array(marks.length * 3)
        // Normalised coordinates → pixels; z is on the x scale, like x.
        for (let k = 0; k < marks.length; k++) {
          points[3 * k] = marks[k].x * width
          points[3 * k + 1] = marks[k].y * height
          points[3 * k + 2] = marks[k].z * width
        }
        let blendshapes: Float32Array | null = null
        const categories = result.faceBlendshapes[0]?.categories
        if (categories) {
          blendshapes = new Float32Array(BLENDSHAPE_NAMES.length)
          for (const c of categories) {
            const slot = index.get(c.categoryName)
            if (slot !== undefined) blendshapes[slot] = c.score
          }
        }
        return { points, count: marks.length, width, height, blendshapes }
      } finally {
        image.close()
      }
    },
    dispose() {
      landmarker.close()
    },
  }
}
