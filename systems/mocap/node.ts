// The mocap capability's Node-safe door, for server/ (the VMC bridge): the wire format of a tracked
// pose, with nothing that needs a DOM, a camera or a Worker.
export { parsePoseMessage, type PoseMessage, type WirePose } from './vmcProtocol.ts'
