import type { World } from '../../engine/index.ts'
import { ContextState, GpuContext } from './gpuContext.ts'
import { CanvasResize } from './resize.ts'
import { Renderer } from './renderer.ts'

/**
 * Draws the scene once; the app's frame driver calls it instead of Babylon's runRenderLoop.
 * It does what runRenderLoop does around the user's render call: beginFrame measures fps and
 * starts the frame, endFrame ends the render pass and, on WebGPU, submits the command buffers;
 * without endFrame a WebGPU canvas never shows anything.
 */
export function renderScene(world: World): void {
  const { engine, scene } = world.resource(Renderer)
  // A lost context has no GPU objects to draw with; Babylon rebuilds them on restore.
  if (world.resource(GpuContext).state === ContextState.Lost) return
  const resize = world.resource(CanvasResize)
  if (resize.pending) {
    resize.pending = false
    engine.resize()
  }
  // Babylon throws without a camera; a scene plugin may add one a frame or more after start.
  if (!scene.activeCamera) return
  engine.beginFrame()
  scene.render()
  engine.endFrame()
}
