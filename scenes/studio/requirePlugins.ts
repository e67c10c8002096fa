// A panel shows and drives one capability; it never adds that capability itself (scenes/studio/main.ts
// adds every domain plugin where it can be seen). This check says plainly which one is missing.
import { EngineError, type App, type Plugin } from '../../engine/index.ts'

/** Throws an `EngineError` naming the first of `plugins` that `app` lacks; `panel` names the asker. */
export function requirePlugins(app: App, panel: string, ...plugins: Plugin[]): void {
  for (const plugin of plugins) {
    if (!app.hasPlugin(plugin.name)) {
      throw new EngineError(`The ${panel} needs the "${plugin.name}" plugin: add it to the app before the panel.`)
    }
  }
}
