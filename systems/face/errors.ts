// The face capability's error: a message a performer can act on, with the detail kept as its cause.

/** A generator could not be loaded or run; `message` says what to do, `cause` keeps the detail. */
export class FaceModelError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
    this.name = 'FaceModelError'
  }
}
