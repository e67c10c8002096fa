// Fixture of layering.test.ts: the pipeline imports the parser.
import { planAvatar } from '../vrm/planAvatar.ts'

export const loadAvatar = planAvatar
