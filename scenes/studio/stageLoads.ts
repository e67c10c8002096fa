// Loading avatars onto the stage: the default anchor, the remembered one, a performer's file.
import type { World } from '../../engine/index.ts'
import { Renderer } from '../../systems/render/index.ts'
import { loadAvatar, type AvatarLoadProgress, type AvatarSource } from '../../systems/avatar/index.ts'
import type { AvatarModel } from '../../systems/avatar/index.ts'
import defaultAnchorUrl from '../../assets/anchor/anchor.vrm?url'
import { forgetSavedAvatar, readSavedAvatar } from './avatarStore.ts'
import { putOnStage } from './stageAvatar.ts'

/** Name shown for the project's own anchor. */
export const DEFAULT_ANCHOR_NAME = 'Default anchor'

/** A loaded (hidden) avatar and how long loading took. */
export interface Loaded {
  readonly model: AvatarModel
  readonly loadMs: number
}

/** Loads an avatar into the studio's scene, timing it. */
export async function loadTimed(world: World, source: AvatarSource, onProgress?: (p: AvatarLoadProgress) => void): Promise<Loaded> {
  const started = performance.now()
  const model = await loadAvatar(world.resource(Renderer).scene, source, { onProgress })
  return { model, loadMs: performance.now() - started }
}

/** Puts the project's default anchor on stage. */
export async function showDefaultAnchor(world: World): Promise<void> {
  const { model, loadMs } = await loadTimed(world, defaultAnchorUrl)
  putOnStage(world, model, { fileName: DEFAULT_ANCHOR_NAME, origin: 'default', loadMs })
}

/**
 * At start: the remembered avatar if there is one and it still loads, else the default anchor.
 * Resolves with a message for the performer when the remembered one had to be dropped, else null.
 */
export async function showStartingAvatar(world: World): Promise<string | null> {
  const saved = await readSavedAvatar().catch((err: unknown) => {
    console.error('Could not read the remembered avatar', err)
    return null
  })
  if (saved) {
    try {
      const { model, loadMs } = await loadTimed(world, saved.bytes)
      putOnStage(world, model, { fileName: saved.name, origin: 'saved', loadMs })
      return null
    } catch (err) {
      console.error(err)
      await forgetSavedAvatar().catch((e: unknown) => console.error(e))
      await showDefaultAnchor(world)
      const why = err instanceof Error ? err.message : String(err)
      return `Your last avatar "${saved.name}" could not be loaded again, so the default anchor is back. ${why}`
    }
  }
  await showDefaultAnchor(world)
  return null
}
