// A Vite plugin (Node side) that serves the trackers' files from node_modules in development and
// copies exactly those files into the build: `vite.config.ts` adds `mocapAssets()`.
import { createReadStream, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { Plugin } from 'vite'
import { MOCAP_ASSETS, MOCAP_ASSET_DIR, assetContentType } from './assets.ts'

/** Serves `MOCAP_ASSETS` under `<base>mocap-assets/` (dev) and emits them there (build). */
export function mocapAssets(): Plugin {
  let root = process.cwd()
  let base = '/'
  return {
    name: 'genanchor-mocap-assets',
    configResolved(config) {
      root = config.root
      base = config.base
    },
    configureServer(server) {
      const prefix = base + MOCAP_ASSET_DIR
      server.middlewares.use((req, res, next) => {
        const path = req.url?.split('?')[0] ?? ''
        if (!path.startsWith(prefix)) return next()
        const source = MOCAP_ASSETS[path.slice(prefix.length)]
        if (!source) {
          res.statusCode = 404
          res.end(`No motion-capture file ${path}; the served files are listed in systems/mocap/assets.ts.`)
          return
        }
        res.setHeader('Content-Type', assetContentType(source))
        res.setHeader('Cache-Control', 'no-cache')
        createReadStream(join(root, 'node_modules', source))
          .on('error', (err) => {
            res.statusCode = 500
            res.end(`Cannot read node_modules/${source} (${err.message}); run npm install.`)
          })
          .pipe(res)
      })
    },
    generateBundle() {
      for (const [name, source] of Object.entries(MOCAP_ASSETS)) {
        this.emitFile({ type: 'asset', fileName: MOCAP_ASSET_DIR + name, source: readFileSync(join(root, 'node_modules', source)) })
      }
    },
  }
}
