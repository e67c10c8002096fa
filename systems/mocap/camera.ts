// Opening the performer's camera, and turning the browser's refusals into states a performer understands.

/** Why the camera is not giving frames. */
export const CameraProblem = {
  denied: 'denied',
  noCamera: 'no-camera',
  busy: 'busy',
  unplugged: 'unplugged',
  unsupported: 'unsupported',
} as const
/** One of `CameraProblem`. */
export type CameraProblem = (typeof CameraProblem)[keyof typeof CameraProblem]

/** The camera could not be opened or stopped giving frames; `message` is one sentence for the performer. */
export class CameraError extends Error {
  override name = 'CameraError'
  constructor(readonly problem: CameraProblem, message: string, options?: ErrorOptions) {
    super(message, options)
  }
}

/** The sentence shown for each problem. */
export const CAMERA_MESSAGES: Readonly<Record<CameraProblem, string>> = {
  denied: 'Camera permission was denied. Allow the camera for this page in the browser\u2019s site settings, then press Start camera.',
  'no-camera': 'No camera was found. Connect a webcam, then press Start camera.',
  busy: 'The camera is in use by another program or could not start. Close the other program, then press Start camera.',
  unplugged: 'The camera was disconnected. Plug it back in, then press Start camera.',
  unsupported: 'This page cannot use cameras here: open the studio at http://127.0.0.1 or https in a current browser.',
}

/** Opens a camera at about `widthPx × heightPx`; `deviceId` '' takes the default one. Rejects with a `CameraError`. */
export async function openCamera(deviceId: string, widthPx: number, heightPx: number): Promise<MediaStream> {
  if (!navigator.mediaDevices?.getUserMedia) throw new CameraError('unsupported', CAMERA_MESSAGES.unsupported)
  const video: MediaTrackConstraints = { width: { ideal: widthPx }, height: { ideal: heightPx }, frameRate: { ideal: 30 } }
  if (deviceId) video.deviceId = { exact: deviceId }
  try {
    return await navigator.mediaDevices.getUserMedia({ video, audio: false })
  } catch (err) {
    throw new CameraError(problemOf(err), CAMERA_MESSAGES[problemOf(err)], { cause: err })
  }
}

/** The browser's error names (Media Capture and Streams spec) → our problems. */
function problemOf(err: unknown): CameraProblem {
  const name = err instanceof DOMException || err instanceof Error ? err.name : ''
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      return 'denied'
    case 'NotFoundError':
    case 'OverconstrainedError':
      return 'no-camera'
    case 'TypeError':
      return 'unsupported'
    default:
      return 'busy'
  }
}

/** The cameras the browser lists (labels appear once permission was given). */
export async function listCameras(): Promise<MediaDeviceInfo[]> {
  if (!navigator.mediaDevices?.enumerateDevices) return []
  const devices = await navigator.mediaDevices.enumerateDevices()
  return devices.filter((d) => d.kind === 'videoinput')
}
