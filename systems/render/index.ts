// The render capability's one door: everything not exported here is private to systems/render.
export { createRenderer } from './createRenderer.ts'
export type { Backend, BackendPreference, RendererOptions, StartedEngine } from './createRenderer.ts'
export { RenderPlugin, RenderScene } from './plugin.ts'
export type { RenderPluginOptions } from './plugin.ts'
export { Renderer } from './renderer.ts'
export { GpuContext, ContextState } from './gpuContext.ts'
export { RenderError } from './renderError.ts'
