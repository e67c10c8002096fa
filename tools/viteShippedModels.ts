// A Vite build plugin: copies the shipped model folders (models/<pipeline>/shipped) into the build, at
// the same paths the studio fetches them from in development (/models/lm/shipped/…), so `dist/` runs offline.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { join, relative } from 'node:path'
import type { Plugin } from 'vite'

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name)
    return entry.isDirectory() ? filesUnder(path) : [path]
  })
}

/** The `shipped/` folders of the model pipelines present under `modelsDir` (models/lm, models/gan when it has one). */
export function shippedModelFolders(modelsDir: string): string[] {
  return readdirSync(modelsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => join(modelsDir, d.name, 'shipped'))
    .filter((dir) => statSync(dir, { throwIfNoEntry: false })?.isDirectory())
}

/** Emits every shipped model file into the build under its repository path. */
export function shippedModels(root: string): Plugin {
  return {
    name: 'genanchor:shipped-models',
    apply: 'build',
    generateBundle() {
      for (const folder of shippedModelFolders(join(root, 'models'))) {
        for (const file of filesUnder(folder)) {
          this.emitFile({ type: 'asset', fileName: relative(root, file).split('\\').join('/'), source: readFileSync(file) })
        }
      }
    },
  }
}
