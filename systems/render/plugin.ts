import { Scene } from '@babylonjs/core/scene'
import { Color4 } from '@babylonjs/core/Maths/math.color'
import type { Observer } from '@babylonjs/core/Misc/observable'
import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine'
import { defineLabel, Stage, type App, type Plugin } from '../../engine/index.ts'
import type { StartedEngine } from './createRenderer.ts'
import { ContextState, GpuContext } from './gpuContext.ts'
import { Renderer } from './renderer.ts'
import { CanvasResize } from './resize.ts'
import { renderScene } from './renderScene.ts'

/** Options of `RenderPlugin`. */
export interface RenderPluginOptions {
  /** Colour the canvas is cleared to, linear RGBA 0..1. Default opaque near-black `[0.05, 0.05, 0.07, 1]`. */
  clearColor?: readonly [number, number, number, number]
}

/** The draw call of the frame (render stage): systems that write into Babylon objects run `before` it. */
export const RenderScene = defineLabel('renderScene')

/**
 * Draws a Babylon scene on a started engine each frame, in `Stage.Render`.
 * Inserts `Renderer` and `GpuContext`; cleanup disposes the engine. Plugins write their Babylon
 * nodes themselves (bones, morph targets, textures) in lateUpdate or render, before `RenderScene`.
 */
export function RenderPlugin(started: StartedEngine, options: RenderPluginOptions = {}): Plugin {
  let teardown: (() => void) | null = null
  return {
    name: 'render',
    build(app: App) {
      const { engine, canvas, backend, fallbackReason } = started
      const scene = new Scene(engine)
      const [r, g, b, a] = options.clearColor ?? [0.05, 0.05, 0.07, 1]
      scene.clearColor = new Color4(r, g, b, a)
      const context = new GpuContext()
      const resize = new CanvasResize(canvas)
      app.world.insertResource(new Renderer(engine, scene, canvas, backend, fallbackReason))
      app.world.insertResource(context)
      app.world.insertResource(resize)
      const unwatch = watchContext(engine, context)
      app.addSystem(Stage.Render, renderScene, { label: RenderScene })
      teardown = () => {
        unwatch()
        resize.dispose()
        scene.dispose()
        engine.dispose()
      }
    },
    cleanup() {
      teardown?.()
      teardown = null
    },
  }
}

function watchContext(engine: AbstractEngine, context: GpuContext): () => void {
  const lost: Observer<AbstractEngine> = engine.onContextLostObservable.add(() => {
    context.state = ContextState.Lost
    context.losses++
  })
  // Babylon fires this after it has rebuilt buffers, textures and shaders on the new context.
  const restored: Observer<AbstractEngine> = engine.onContextRestoredObservable.add(() => {
    context.state = ContextState.Running
    context.restores++
  })
  return () => {
    lost.remove()
    restored.remove()
  }
}
