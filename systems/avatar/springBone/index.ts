// The spring-bone runtime's door (VRMC_springBone 1.0): chains captured from an AvatarModel's rest
// pose and stepped in fixed time. It knows the model contract and Babylon's maths, not the ECS:
// systems/avatar's `springBones` system runs it for each avatar entity.
export { SpringRig } from './springRig.ts'
export { stepRig, TELEPORT_DISTANCE_M } from './stepRig.ts'
