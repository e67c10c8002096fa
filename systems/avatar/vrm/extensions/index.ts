// The Babylon layer's door: the four VRM glTF loader extensions (one file per spec id), the MToon
// material they make, and the per-load `VrmCollector` through which they hand back what they resolved.
export { registerVrmExtensions, VRM_EXTENSION_NAMES } from './register.ts'
export { VRMC_vrm } from './VRMC_vrm.ts'
export { VRMC_springBone } from './VRMC_springBone.ts'
export { VRMC_materials_mtoon } from './VRMC_materials_mtoon.ts'
export { VRM } from './VRM.ts'
export { ToonMaterial } from './toonMaterial.ts'
export { FACE_SLOT_EXTRA } from './faceSlot.ts'
export { collectorOptions, VrmCollector, type ResolvedCore } from './collector.ts'
