/** A rendering failure whose message a performer can act on; `cause` keeps the original error for logs. */
export class RenderError extends Error {
  override readonly name = 'RenderError'

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options)
  }
}
