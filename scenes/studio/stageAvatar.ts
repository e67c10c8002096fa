// The avatar on the studio stage: which one it is, and swapping it for another.
import type { Entity, World } from '../../engine/index.ts'
import { despawnAvatar, spawnAvatar, type AvatarModel } from '../../systems/avatar/index.ts'
import { KeyLight, frameAvatar } from './studioSet.ts'

/** Where the avatar on stage came from. */
export type AvatarOrigin = 'default' | 'saved' | 'file'

/** The studio's settings from the address. */
export class StudioOptions {
  /**
   * `?still=1`: no idle life (blinks, breathing, sway, saccades), so frames are repeatable for
   * reference screenshots; springs still settle under gravity. Default false.
   */
  constructor(readonly still: boolean) {}

  /** Reads the options from `location.search`. */
  static fromAddress(search: string): StudioOptions {
    return new StudioOptions(new URLSearchParams(search).get('still') === '1')
  }
}

/** The avatar on stage (inserted by the studio); `version` counts swaps. */
export class StageAvatar {
  entity: Entity | null = null
  model: AvatarModel | null = null
  /** File name of the avatar (or "default anchor"). */
  fileName = ''
  origin: AvatarOrigin = 'default'
  /** How long its load took, ms (reading, checking and building). */
  loadMs = 0
  version = 0
  /** Called after each swap. */
  readonly listeners = new Set<() => void>()
}

/** Puts `model` on stage in place of the current avatar (despawned and disposed), shows it and frames it. */
export function putOnStage(world: World, model: AvatarModel, info: { fileName: string; origin: AvatarOrigin; loadMs: number }): void {
  const stage = world.resource(StageAvatar)
  const shadows = world.tryResource(KeyLight)?.shadows
  if (stage.entity !== null) {
    if (stage.model && shadows) for (const mesh of stage.model.root.getChildMeshes()) shadows.removeShadowCaster(mesh, false)
    despawnAvatar(world, stage.entity)
  }
  const still = world.tryResource(StudioOptions)?.still ?? false
  stage.entity = spawnAvatar(world, model, { idle: !still })
  model.root.setEnabled(true)
  if (shadows) for (const mesh of model.root.getChildMeshes()) shadows.addShadowCaster(mesh, false)
  frameAvatar(world, model)
  stage.model = model
  stage.fileName = info.fileName
  stage.origin = info.origin
  stage.loadMs = info.loadMs
  stage.version++
  for (const listener of stage.listeners) listener()
}
