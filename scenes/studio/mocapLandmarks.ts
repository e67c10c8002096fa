// Draws tracked face landmarks over the camera preview (a canvas the size of the camera image).
import type { FaceLandmarks } from '../../systems/mocap/index.ts'

/** Draws every landmark as a dot, irises larger; green while tracking, grey while the face is being searched for. */
export function drawLandmarks(canvas: HTMLCanvasElement, face: FaceLandmarks, tracking: boolean): void {
  if (canvas.width !== face.width || canvas.height !== face.height) {
    canvas.width = face.width
    canvas.height = face.height
  }
  const g = canvas.getContext('2d')
  if (!g) return
  g.clearRect(0, 0, canvas.width, canvas.height)
  g.fillStyle = tracking ? 'rgb(60 220 120 / 0.9)' : 'rgb(180 180 180 / 0.7)'
  const p = face.points
  for (let k = 0; k < Math.min(face.count, 468); k++) g.fillRect(p[3 * k] - 1, p[3 * k + 1] - 1, 2, 2)
  g.fillStyle = 'rgb(80 160 255 / 0.95)'
  for (let k = 468; k < face.count; k++) g.fillRect(p[3 * k] - 2, p[3 * k + 1] - 2, 4, 4)
}
