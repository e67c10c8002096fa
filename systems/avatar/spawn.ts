// Putting an avatar into the world and taking it out.
import type { Entity, World } from '../../engine/index.ts'
import { Avatar, Expression, Gaze, HeadPose, IdleLife } from './components.ts'
import { ExpressionDiagnostics } from './diagnostics.ts'
import { buildExpressionPlan } from './expressionPlan.ts'
import { ExpressionWeights } from './expressionWeights.ts'
import { initialIdle } from './idleLife.ts'
import { LOOK_AT_APPLIERS } from './lookAt.ts'
import type { AvatarModel } from './model.ts'
import { BoneDriver, measureAxes, type AvatarAxes } from './pose.ts'
import { AvatarRig, Rig, type PoseRig } from './rig.ts'
import { SpringRig } from './springBone/index.ts'

/** Options of `spawnAvatar`; every field documents its default. */
export interface SpawnAvatarOptions {
  /** Seed of the avatar's idle-life randomness (blinks, saccades, sway phase). Default 1. */
  seed?: number
  /** Whether the avatar blinks, breathes and sways on its own (`IdleLife`). Default true. */
  idle?: boolean
}

/**
 * Spawns an avatar entity with Avatar, Expression, HeadPose, Gaze and IdleLife, capturing the
 * model's rest pose, material colours and texture transforms now: call it while the model is at rest.
 * It changes the world at once, so call it outside a loop over avatar queries (a startup system is fine).
 */
export function spawnAvatar(world: World, model: AvatarModel, options: SpawnAvatarOptions = {}): Entity {
  const weights = new ExpressionWeights(model.expressions.keys())
  const rig = buildRig(model, weights)
  const e = world.spawn()
  world.add(e, Avatar, model)
  world.add(e, Expression, weights)
  world.add(e, HeadPose)
  world.add(e, Gaze)
  world.add(e, Rig, rig)
  if (options.idle ?? true) world.add(e, IdleLife, initialIdle(options.seed ?? 1))
  const diagnostics = world.tryResource(ExpressionDiagnostics)
  if (diagnostics && rig.expressions.skipped.length > 0) diagnostics.skippedBinds.set(e, rig.expressions.skipped)
  return e
}

/** Despawns an avatar entity, forgets its diagnostics and disposes its model (meshes, materials, textures). */
export function despawnAvatar(world: World, e: Entity): void {
  const model = world.get(e, Avatar)
  const diagnostics = world.tryResource(ExpressionDiagnostics)
  diagnostics?.unknownNames.delete(e)
  diagnostics?.skippedBinds.delete(e)
  world.despawn(e)
  model?.dispose()
}

function buildRig(model: AvatarModel, weights: ExpressionWeights): AvatarRig {
  const axes = measureAxes(model)
  const pose = buildPose(model, axes)
  const eye = (name: 'leftEye' | 'rightEye'): BoneDriver | null => {
    const node = model.humanoid.get(name)
    return node ? new BoneDriver(node, axes) : null
  }
  const lookAt = model.lookAt
    ? LOOK_AT_APPLIERS[model.lookAt.type]({
        config: model.lookAt,
        leftEye: eye('leftEye'),
        rightEye: eye('rightEye'),
        weights,
        expressionNames: new Set(model.expressions.keys()),
      })
    : null
  return new AvatarRig(buildExpressionPlan(model), pose, lookAt, new SpringRig(model))
}

function buildPose(model: AvatarModel, axes: AvatarAxes): PoseRig {
  const h = model.humanoid
  const required = (name: 'hips' | 'head' | 'spine') => {
    const node = h.get(name)
    if (!node) throw new Error(`The avatar has no "${name}" bone, which VRM requires; export the model again with a humanoid rig.`)
    return new BoneDriver(node, axes)
  }
  const neck = h.get('neck')
  const chest = h.get('chest') ?? h.get('upperChest')
  return {
    hips: required('hips'),
    neck: neck ? new BoneDriver(neck, axes) : null,
    head: required('head'),
    chest: chest ? new BoneDriver(chest, axes) : required('spine'),
  }
}
