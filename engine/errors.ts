/** An error raised by the engine, with a message a developer can act on and the original cause. */
export class EngineError extends Error {
  override readonly name: string = 'EngineError'
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}

/** A schedule that cannot be built: an ordering cycle, an unknown ordering target, a duplicate system. */
export class ScheduleError extends EngineError {
  override readonly name = 'ScheduleError'
}

/** A system threw while it ran; `systemName` and `stage` say which one, `cause` holds what it threw. */
export class SystemError extends EngineError {
  override readonly name = 'SystemError'
  constructor(
    readonly systemName: string,
    readonly stage: string,
    cause: unknown,
  ) {
    const what = cause instanceof Error ? cause.message : String(cause)
    super(`System "${systemName}" (stage ${stage}) failed: ${what}`, { cause })
  }
}
