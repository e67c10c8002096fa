// The mocap capability's Node-safe door, for server/ (the VMC bridge): the wire format of a tracked
// pose and the Vite plugin serving the tracker files, with nothing that needs a DOM, a camera or a Worker.
export { parsePoseMessage, type PoseMessage, type WirePose } from './vmcProtocol.ts'
// The Vite plugin that serves the offline tracker's model and WASM files from node_modules (vite.config.ts).
export { mocapAssets } from './vitePlugin.ts'
