// The VRM loader's public API (the avatar capability re-exports it): load an avatar file into a
// Babylon scene as an AvatarModel, or get an AvatarLoadError that says what is wrong with it.
export { loadAvatar, type AvatarLoadPhase, type AvatarLoadProgress, type LoadAvatarOptions } from '../load/loadAvatar.ts'
export type { AvatarSource } from '../load/source.ts'
export { AvatarLoadError, AvatarLoadErrorCode, MAX_AVATAR_BYTES } from '../load/errors.ts'
export { registerVrmExtensions, VRM_EXTENSION_NAMES } from './register.ts'
export { VRMC_vrm } from './VRMC_vrm.ts'
export { VRMC_springBone } from './VRMC_springBone.ts'
export { VRMC_materials_mtoon } from './VRMC_materials_mtoon.ts'
export { VRM } from './VRM.ts'
export { ToonMaterial } from './toonMaterial.ts'
export { FACE_SLOT_EXTRA } from './faceSlot.ts'
