// Fixture of layering.test.ts: the parser imports the pipeline's errors.
import { AvatarLoadError } from '../load/errors.ts'

export const planAvatar = () => new AvatarLoadError()
