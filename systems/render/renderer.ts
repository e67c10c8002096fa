import type { AbstractEngine } from '@babylonjs/core/Engines/abstractEngine'
import type { Scene } from '@babylonjs/core/scene'
import type { Backend } from './createRenderer.ts'

/** The Babylon engine and scene the render stage draws: one per app, inserted by `RenderPlugin`. */
export class Renderer {
  constructor(
    readonly engine: AbstractEngine,
    readonly scene: Scene,
    readonly canvas: HTMLCanvasElement,
    readonly backend: Backend,
    /** Why WebGPU was not used, for people; `null` when it was, or when WebGL2 was asked for. */
    readonly fallbackReason: string | null,
  ) {}
}
