// Plan (glTF indices) → AvatarModel parts (Babylon objects), once the glTF loader has built the scene.
import { Matrix, Vector3 } from '@babylonjs/core/Maths/math.vector'
import { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { IGLTF } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import type {
  ExpressionDef,
  FirstPersonAnnotation,
  HumanBoneName,
  MaterialColorBind,
  MorphBind,
  SpringChain,
  SpringCollider,
  SpringJoint,
  TextureTransformBind,
} from '../../model.ts'
import type { ResolvedCore, VrmCollector } from './collector.ts'
import { findFaceSlot } from './faceSlot.ts'
import { materialAt, meshesAt, morphTargetsAt, nodeAt } from './gltfObjects.ts'
import type { AvatarPlan, ExpressionPlan, SpringPlan, SpringsPlan } from '../plan/index.ts'

/** Resolves everything but the springs. */
export function resolveCore(plan: AvatarPlan, gltf: IGLTF): ResolvedCore {
  const humanoid = new Map<HumanBoneName, TransformNode>()
  for (const [bone, node] of plan.humanoid) humanoid.set(bone, nodeAt(gltf, node))
  const expressions = new Map<string, ExpressionDef>()
  for (const e of plan.expressions) expressions.set(e.name, resolveExpression(e, gltf))
  const firstPerson: FirstPersonAnnotation[] = plan.firstPerson.flatMap((a) => meshesAt(gltf, a.node).map((mesh) => ({ mesh, type: a.type })))
  return {
    format: plan.format,
    meta: plan.meta,
    humanoid,
    expressions,
    lookAt: plan.lookAt,
    firstPerson,
    face: findFaceSlot(gltf),
  }
}

function resolveExpression(e: ExpressionPlan, gltf: IGLTF): ExpressionDef {
  const morphBinds: MorphBind[] = e.morphBinds.flatMap((b) => morphTargetsAt(gltf, b.node, b.index).map((target) => ({ target, weight: b.weight })))
  // A bind on a material no mesh uses changes nothing on screen; the loader never builds such materials.
  const materialColorBinds: MaterialColorBind[] = e.materialColorBinds.flatMap((b) => {
    const material = materialAt(gltf, b.material)
    return material ? [{ material, type: b.type, targetValue: b.targetValue }] : []
  })
  const textureTransformBinds: TextureTransformBind[] = e.textureTransformBinds.flatMap((b) => {
    const material = materialAt(gltf, b.material)
    return material ? [{ material, scale: b.scale, offset: b.offset }] : []
  })
  return {
    name: e.name,
    isPreset: e.isPreset,
    isBinary: e.isBinary,
    overrideBlink: e.overrideBlink,
    overrideLookAt: e.overrideLookAt,
    overrideMouth: e.overrideMouth,
    morphBinds,
    materialColorBinds,
    textureTransformBinds,
  }
}

/** Resolves the spring chains and their colliders; virtual tails become new nodes, recorded on the collector. */
export function resolveSprings(plan: SpringsPlan, gltf: IGLTF, collector: VrmCollector): SpringChain[] {
  const colliders: SpringCollider[] = plan.colliders.map((c) => ({ node: nodeAt(gltf, c.node), shape: c.shape }))
  return plan.springs.map((spring) => {
    const joints: SpringJoint[] = spring.joints.map((j) => ({ ...j, node: nodeAt(gltf, j.node) }))
    if (spring.virtualTailM !== null) joints.push(virtualTail(spring, joints[joints.length - 1], collector))
    return {
      name: spring.name,
      joints,
      colliders: spring.colliders.map((i) => colliders[i]),
      center: spring.center === null ? null : nodeAt(gltf, spring.center),
    }
  })
}

/**
 * A node `lengthM` past `last`, continuing the direction from its parent, as UniVRM 0.x simulates a
 * leaf bone. The tail's settings are the last joint's (a tail's own settings are never used).
 */
function virtualTail(spring: SpringPlan, last: SpringJoint, collector: VrmCollector): SpringJoint {
  const leaf = last.node
  const tail = new TransformNode(`${leaf.name}.springTail`, leaf.getScene())
  tail.parent = leaf
  collector.extraNodes.push(tail)
  refreshWorldMatrices(leaf)
  const at = leaf.getAbsolutePosition()
  const parent = leaf.parent instanceof TransformNode ? leaf.parent.getAbsolutePosition() : at.subtract(Vector3.Up())
  const direction = at.subtract(parent)
  if (direction.lengthSquared() < 1e-12) direction.set(0, -1, 0)
  const target = at.add(direction.normalize().scale(spring.virtualTailM ?? 0))
  const toLocal = Matrix.Invert(leaf.getWorldMatrix())
  tail.position = Vector3.TransformCoordinates(target, toLocal)
  return { ...last, node: tail }
}

/** Recomputes the world matrices from the root down to `node` (parents first, so none is stale). */
function refreshWorldMatrices(node: TransformNode): void {
  const chain: TransformNode[] = []
  for (let at: TransformNode | null = node; at; at = at.parent instanceof TransformNode ? at.parent : null) chain.unshift(at)
  for (const n of chain) n.computeWorldMatrix(true)
}
