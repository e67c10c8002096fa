// The VRM loader's door (the avatar capability re-exports it): load an avatar file into a Babylon
// scene as an AvatarModel, or get an AvatarLoadError that says what is wrong with it.
export { loadAvatar, type AvatarLoadPhase, type AvatarLoadProgress, type LoadAvatarOptions } from './loadAvatar.ts'
export type { AvatarSource } from './file/index.ts'
export { AvatarLoadError, AvatarLoadErrorCode, MAX_AVATAR_BYTES } from './errors.ts'
export {
  FACE_SLOT_EXTRA, registerVrmExtensions, ToonMaterial, VRM, VRM_EXTENSION_NAMES, VRMC_materials_mtoon, VRMC_springBone, VRMC_vrm,
} from './extensions/index.ts'
