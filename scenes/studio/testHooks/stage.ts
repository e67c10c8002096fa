// The studio itself as tests see it: backend, frames, GPU context, the avatar on stage, and where
// its bones appear on the page.
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector'
import { Time, type World } from '../../../engine/index.ts'
import { Expression, type HumanBoneName } from '../../../systems/avatar/index.ts'
import { GpuContext, Renderer, type Backend, type ContextState } from '../../../systems/render/index.ts'
import { setStageExpression } from '../expressionPanel.ts'
import { StageAvatar, StudioOptions, type AvatarOrigin } from '../stageAvatar.ts'

/** The avatar on stage, as plain values. */
export interface StageAvatarSnapshot {
  /** The avatar's own name (its meta), or '' when it has none. */
  readonly name: string
  /** File name, or "Default anchor". */
  readonly fileName: string
  readonly origin: AvatarOrigin
  readonly format: 'vrm0' | 'vrm1'
  /** Its expression names (presets and custom). */
  readonly expressions: readonly string[]
  /** How long its load took, ms. */
  readonly loadMs: number
  /** Swaps so far (1 once the first avatar is on stage). */
  readonly version: number
}

/** Counts of what the scene holds (a refused avatar must leave none behind). */
export interface SceneInventory {
  readonly meshes: number
  readonly materials: number
  readonly textures: number
  readonly transformNodes: number
  readonly skeletons: number
}

/** The studio's own hooks. */
export interface StageTestHooks {
  /** The backend the renderer started with. */
  readonly backend: Backend
  /** Whether the page runs with `?still=1` (no idle life). */
  readonly still: boolean
  /** Frames stepped so far (`Time.frame`). */
  frame(): number
  /** The GPU context state now: `'running'` or `'lost'`. */
  contextState(): ContextState
  /** The avatar on stage, or null while the first one loads. */
  avatar(): StageAvatarSnapshot | null
  /** Sets an expression weight 0..1 on the avatar on stage (manual layer, as its slider does; 0 releases it); false when it has no such expression. */
  setExpression(name: string, weight: number): boolean
  /** The mixed weight of an expression on the avatar on stage, after priorities and overrides (0 when unknown). */
  resolvedExpression(name: string): number
  /**
   * Where a human bone of the avatar on stage (plus an offset in metres, in world space) appears on
   * the page, in CSS pixels from the canvas' top left; null without an avatar or bone.
   */
  projectBone(bone: HumanBoneName, offsetM?: readonly [number, number, number]): { x: number; y: number } | null
  sceneInventory(): SceneInventory
}

/** Makes the studio's own hooks over `world`. */
export function stageHooks(world: World): StageTestHooks {
  const stage = world.resource(StageAvatar)
  return {
    backend: world.resource(Renderer).backend,
    still: world.resource(StudioOptions).still,
    frame: () => world.resource(Time).frame,
    contextState: () => world.resource(GpuContext).state,
    avatar() {
      const model = stage.model
      if (!model) return null
      return {
        name: model.meta.name, fileName: stage.fileName, origin: stage.origin, format: model.format,
        expressions: [...model.expressions.keys()], loadMs: stage.loadMs, version: stage.version,
      }
    },
    setExpression: (name, weight) => setStageExpression(world, name, weight),
    resolvedExpression: (name) => (stage.entity === null ? 0 : world.get(stage.entity, Expression)?.resolved.get(name) ?? 0),
    projectBone(bone, offsetM = [0, 0, 0]) {
      const node = stage.model?.humanoid.get(bone)
      return node ? projectToPage(world.resource(Renderer), node.getAbsolutePosition().add(new Vector3(...offsetM))) : null
    },
    sceneInventory() {
      const { scene } = world.resource(Renderer)
      // The BRDF lookup texture is the scene's, made once when the first PBR material appears: not an avatar's.
      const textures = scene.textures.filter((t) => t !== scene.environmentBRDFTexture).length
      return {
        meshes: scene.meshes.length, materials: scene.materials.length, textures,
        transformNodes: scene.transformNodes.length, skeletons: scene.skeletons.length,
      }
    },
  }
}

function projectToPage({ scene, canvas }: Renderer, point: Vector3): { x: number; y: number } | null {
  const camera = scene.activeCamera
  if (!camera) return null
  const engine = scene.getEngine()
  const width = engine.getRenderWidth()
  const height = engine.getRenderHeight()
  const p = Vector3.Project(point, Matrix.IdentityReadOnly, scene.getTransformMatrix(), camera.viewport.toGlobal(width, height))
  // The drawing buffer may be larger than the canvas on the page (device pixel ratio).
  return { x: (p.x * canvas.clientWidth) / width, y: (p.y * canvas.clientHeight) / height }
}
