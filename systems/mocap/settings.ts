// What a performer can tune about motion capture; every field states its default.
import { DEFAULT_ONE_EURO, type OneEuroSettings } from './oneEuro.ts'

/** Which tracker runs: `auto` picks `tasks-vision` when a model is given, else `human`. */
export type TrackerChoice = 'auto' | 'human' | 'tasks-vision'

/** Motion-capture settings (a resource); the solver reads them every frame, so changes apply at once. */
export class MocapSettings {
  /** Tracker backend (default `auto`). */
  tracker: TrackerChoice = 'auto'
  /**
   * Path or URL of a MediaPipe `face_landmarker.task` (with blendshapes) for the `tasks-vision`
   * tracker; default '' (none: the offline `human` tracker runs).
   */
  faceLandmarkerModel = ''
  /** Camera device id; default '' (the browser's default camera). */
  deviceId = ''
  /** Capture size asked of the camera, pixels (default 640 × 480). */
  widthPx = 640
  heightPx = 480
  /**
   * Mirror the performer (default true): turning to your left turns the anchor to its right, as a
   * reflection would, and your left eye drives its right eye.
   */
  mirror = true
  /** Head-position gain: metres of anchor head travel per metre the performer moves (default 0.5). */
  positionScale = 0.5
  /** Smoothing of head angles and position (default minCutoff 1 Hz, beta 0.02 per °/s). */
  headFilter: OneEuroSettings = { ...DEFAULT_ONE_EURO }
  /** Smoothing of gaze angles (default minCutoff 1.5 Hz, beta 0.05 per °/s). */
  gazeFilter: OneEuroSettings = { ...DEFAULT_ONE_EURO, minCutoffHz: 1.5, beta: 0.05 }
  /** Smoothing of expression weights 0..1 (default minCutoff 3 Hz, beta 2 per 1/s: blinks stay crisp). */
  expressionFilter: OneEuroSettings = { ...DEFAULT_ONE_EURO, minCutoffHz: 3, beta: 2 }
  /** No face for this long counts as lost, ms (default 250). */
  lostAfterMs = 250
  /** After a loss the anchor eases back to idle life over this long, ms (default 600). */
  easeOutMs = 600
  /** When the face comes back the anchor blends into it over this long, ms (default 300). */
  easeInMs = 300
  /** Draw the landmarks over the camera preview (default true). */
  showLandmarks = true
  /** WebSocket address of the VMC bridge (`npm run serve:vmc`); default ws://127.0.0.1:39541/. Used once the panel turns VMC on. */
  vmcBridgeUrl = 'ws://127.0.0.1:39541/'
}
