// Turns whatever a load threw (our own refusals, Babylon's loader errors) into one AvatarLoadError.
import { AvatarLoadError, AvatarLoadErrorCode, EXPORT_AGAIN } from './errors.ts'
import { missingTexture } from './file/index.ts'

/** The AvatarLoadError for `error`: itself, one it wraps, or one made from Babylon's message. */
export function explainError(error: unknown): AvatarLoadError {
  const own = findOwn(error)
  if (own) return own
  const message = innermostMessage(error)
  // Babylon prefixes texture failures with the glTF path of the texture or image ("/textures/3: ...").
  const texture = /\/(textures|images)\/(\d+)/.exec(message)
  if (texture) {
    const what = `${texture[1] === 'textures' ? 'texture' : 'image'} ${texture[2]}`
    return missingTexture(`${what} cannot be read (its image data is damaged or in a format the browser does not decode)`, error)
  }
  const extension = /Required extension (\S+) is not available/.exec(message)
  if (extension) {
    return new AvatarLoadError(
      AvatarLoadErrorCode.unsupported,
      `This avatar needs the glTF extension ${extension[1]}, which GenAnchor cannot read (often mesh compression). Export it again without it.`,
      { cause: error },
    )
  }
  return new AvatarLoadError(AvatarLoadErrorCode.broken, `This avatar could not be built (${stripPath(message)}). ${EXPORT_AGAIN}`, { cause: error })
}

/** Our own refusal, thrown inside a loader extension and wrapped by Babylon (`innerError`) or by `cause`. */
function findOwn(error: unknown): AvatarLoadError | null {
  for (let at: unknown = error, depth = 0; at && depth < 8; depth++) {
    if (at instanceof AvatarLoadError) return at
    at = (at as { innerError?: unknown; cause?: unknown }).innerError ?? (at as { cause?: unknown }).cause
  }
  return null
}

function innermostMessage(error: unknown): string {
  let message = error instanceof Error ? error.message : String(error)
  for (let at: unknown = error, depth = 0; at && depth < 8; depth++) {
    if (at instanceof Error) message = at.message
    at = (at as { innerError?: unknown }).innerError ?? (at as { cause?: unknown }).cause
  }
  return message
}

/** Babylon's messages start with "Unable to load from <data url>: " and may quote blob or data URLs; people need only the reason. */
function stripPath(message: string): string {
  return message
    .replace(/^Unable to load from [^:]*(:[^:]*)?: /, '')
    .replace(/\b(blob|data):\S+/g, '(the file)')
    .slice(0, 200)
}
