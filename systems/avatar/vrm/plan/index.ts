// The plan layer's door: a VRM file's JSON → an `AvatarPlan` in glTF indices, checked, converted to
// VRM 1.0 terms and Babylon's axes. Pure data: no Babylon object is made here, so it runs on any JSON.
export { planAvatar } from './planAvatar.ts'
export { parseVrm1 } from './parseVrm1.ts'
export { parseSpringBone1 } from './parseSpringBone1.ts'
export { linearFromSrgb, parseVrm0 } from './parseVrm0.ts'
export { num } from './gltfJson.ts'
export { GLTF_SPACE } from './coordinates.ts'
export type { AvatarPlan, ExpressionPlan, SpringPlan, SpringsPlan } from './plan.ts'
