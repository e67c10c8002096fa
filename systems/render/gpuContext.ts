/** States of the GPU context, as shown to people and to tests. */
export const ContextState = {
  /** Drawing normally. */
  Running: 'running',
  /** The browser took the context away (driver reset, too many pages on the GPU); frames are skipped until it returns. */
  Lost: 'lost',
} as const

/** One of `ContextState`'s values. */
export type ContextState = (typeof ContextState)[keyof typeof ContextState]

/** Whether the GPU context can draw now, and how often it was lost and restored since start. */
export class GpuContext {
  /** Default `'running'`. */
  state: ContextState = ContextState.Running
  /** Times the context was lost. Default 0. */
  losses = 0
  /** Times the context came back and Babylon rebuilt its GPU resources. Default 0. */
  restores = 0
}
