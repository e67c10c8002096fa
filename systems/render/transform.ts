import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import { defineComponent, defineObject, type World } from '../../engine/index.ts'

/**
 * Where an entity's Babylon node sits, relative to its parent node: position in metres,
 * Euler rotation in radians (Babylon's order: yaw about Y, then pitch about X, then roll about Z), scale as factors.
 */
export const Transform = defineComponent('Transform', {
  x: 'f32', y: 'f32', z: 'f32',
  rx: 'f32', ry: 'f32', rz: 'f32',
  // Scale defaults to 1: a scale of 0 would silently hide the node.
  sx: { type: 'f32', default: 1 }, sy: { type: 'f32', default: 1 }, sz: { type: 'f32', default: 1 },
})

/** The Babylon node an entity's `Transform` is written to in `Stage.Render`; it must not use `rotationQuaternion`. */
export const NodeRef = defineObject<TransformNode>('NodeRef')

/** Copies every `Transform` onto its `NodeRef` node; runs each frame in `Stage.Render`, before the scene is drawn. */
export function syncTransforms(world: World): void {
  const q = world.query({ with: [Transform, NodeRef] })
  const t = world.store(Transform)
  const nodes = world.store(NodeRef).value
  for (let k = 0; k < q.count; k++) {
    const i = q.ids[k]
    const node = nodes[i]
    if (!node) continue
    // set() writes in place: no Vector3 per node per frame.
    node.position.set(t.x[i], t.y[i], t.z[i])
    node.rotation.set(t.rx[i], t.ry[i], t.rz[i])
    node.scaling.set(t.sx[i], t.sy[i], t.sz[i])
  }
}
