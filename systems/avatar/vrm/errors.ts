// Why an avatar file was refused, in words a performer can act on.

/** What went wrong with an avatar file; tests and the studio switch on it, people read the message. */
export const AvatarLoadErrorCode = {
  /** Over `MAX_AVATAR_BYTES`; checked before anything is read. */
  tooLarge: 'too-large',
  /** The bytes are not a binary glTF (`.vrm` / `.glb`). */
  notGltf: 'not-gltf',
  /** The file ends before its own header says it should. */
  truncated: 'truncated',
  /** A glTF model that is not a VRM avatar, or a VRM without a humanoid skeleton. */
  noHumanoid: 'no-humanoid',
  /** A VRM whose version this loader does not know. */
  unknownVersion: 'unknown-version',
  /** A texture the file refers to is not in it, or cannot be decoded. */
  missingTexture: 'missing-texture',
  /** Humanoid bones that do not exist, are missing, or point at the wrong nodes. */
  badBones: 'bad-bones',
  /** Expressions that name unknown presets, meshes, morph targets or materials. */
  badExpression: 'bad-expression',
  /** A glTF feature the loader cannot use (a required extension it does not have). */
  unsupported: 'unsupported',
  /** The file could not be read at all (network, permissions). */
  unreadable: 'unreadable',
  /** The file looked right but building the avatar failed; the message says where. */
  broken: 'broken',
} as const

/** One of `AvatarLoadErrorCode`'s values. */
export type AvatarLoadErrorCode = (typeof AvatarLoadErrorCode)[keyof typeof AvatarLoadErrorCode]

/** A refused avatar file: `message` is for people (one or two sentences), `code` for code, `cause` for logs. */
export class AvatarLoadError extends Error {
  override readonly name = 'AvatarLoadError'

  constructor(
    readonly code: AvatarLoadErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options)
  }
}

/** Largest avatar file accepted, in bytes (200 MB): larger files are refused before they are read. */
export const MAX_AVATAR_BYTES = 200 * 1024 * 1024

/** The sentence that ends most refusals: where a performer can get a good file. */
export const EXPORT_AGAIN = 'Export the avatar again from VRoid Studio, UniVRM or the Blender VRM add-on.'

/** Formats a byte count for people: `12.3 MB`. */
export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}

/** The refusal for a file over the size limit. */
export function tooLargeError(bytes: number): AvatarLoadError {
  return new AvatarLoadError(
    AvatarLoadErrorCode.tooLarge,
    `This file is ${formatBytes(bytes)}; avatars up to ${formatBytes(MAX_AVATAR_BYTES)} are accepted. ` +
      'Reduce its texture sizes or polygon count and export it again.',
  )
}
