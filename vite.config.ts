import { defineConfig } from 'vite'

// The studio is served on loopback only; nothing in it needs the network.
export default defineConfig({
  server: { host: '127.0.0.1', port: 5173, strictPort: true },
  preview: { host: '127.0.0.1', port: 4173, strictPort: true },
  build: { target: 'es2022', outDir: 'dist', sourcemap: true },
  // The dialogue worker imports transformers.js: pre-bundle it at start, not on first use (a late
  // discovery reloads the page), and build workers as ES modules.
  optimizeDeps: { include: ['@huggingface/transformers'] },
  worker: { format: 'es' },
})
