import { defineConfig } from 'vite'
import { shippedModels } from './tools/viteShippedModels.ts'
import { mocapAssets } from './systems/mocap/node.ts'

const CROSS_ORIGIN_ISOLATION = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' }

// The studio is served on loopback only; nothing in it needs the network.
export default defineConfig({
  // Cross-origin isolation (COOP + COEP) gives workers SharedArrayBuffer, so onnxruntime-web's WASM
  // runs multi-threaded (the face worker); every file the studio loads is its own, so nothing is blocked.
  // Not watched: the Python venv (models/setup.sh, ~6 GB of files: it exhausts inotify watchers) and
  // the pipelines' regenerated data and runs.
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    headers: CROSS_ORIGIN_ISOLATION,
    watch: { ignored: ['**/.venv/**', '**/models/*/data/**', '**/models/*/runs/**'] },
  },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true, headers: CROSS_ORIGIN_ISOLATION },
  // Two pages: the studio and the stream view for OBS (stream.html, systems/broadcast). Minifying is
  // safe: systems are ordered by typed labels and function references, resources keyed by class objects.
  build: {
    target: 'es2022',
    outDir: 'dist',
    sourcemap: true,
    rollupOptions: { input: { main: 'index.html', stream: 'stream.html' } },
  },
  // Face-tracking models and WASM files, served from node_modules (systems/mocap/assets.ts); the build
  // also carries the shipped models (models/*/shipped) at the paths the studio loads them from.
  plugins: [mocapAssets(), shippedModels(import.meta.dirname)],
  // The workers (dialogue, mocap, face, speech) import these: pre-bundle them at start, not on first
  // use (a late discovery reloads the page), and build workers as ES modules.
  optimizeDeps: {
    include: [
      '@huggingface/transformers',
      '@vladmandic/human',
      '@mediapipe/tasks-vision',
      'onnxruntime-web/webgpu',
      '@echogarden/espeak-ng-emscripten',
      'howler',
    ],
  },
  worker: { format: 'es' },
})
