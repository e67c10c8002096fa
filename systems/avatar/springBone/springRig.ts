// The state of an avatar's spring chains (VRMC_springBone 1.0), captured from the rest pose.
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { AvatarModel, SpringChain, SpringCollider } from '../model.ts'

/**
 * One chain as segments: segment s turns joint s so that it points at joint s + 1, with joint s's
 * settings. Tail positions live in the chain's center space (world space without a center).
 */
export class ChainState {
  /** Node of each segment (all joints but the tail). */
  readonly bones: TransformNode[] = []
  readonly restRotation: Quaternion[] = []
  /** Local matrix at rest: turns the bone's rest frame into its parent's space. */
  readonly restLocal: Matrix[] = []
  /** Unit direction to the next joint, in the bone's own space. */
  readonly boneAxis: Vector3[] = []
  /** The same axes as x, y, z numbers, 3 per segment. */
  readonly boneAxisN: Float64Array
  /** Offset of the next joint in the bone's own space (its local position). */
  readonly tailLocal: Vector3[] = []
  /** Direction to the next joint at rest, in the parent's space. */
  readonly restDirInParent: Vector3[] = []
  /** Segment lengths in center space, metres. */
  readonly length: Float64Array
  readonly stiffness: Float64Array
  readonly drag: Float64Array
  readonly gravityPower: Float64Array
  readonly hitRadius: Float64Array
  /** World-space gravity directions, 3 per segment. */
  readonly gravityDir: Float64Array
  /** Tail positions now and one update ago, center space, 3 per segment. */
  readonly current: Float64Array
  readonly previous: Float64Array
  readonly colliders: readonly SpringCollider[]
  readonly center: TransformNode | null

  constructor(chain: SpringChain) {
    const n = Math.max(0, chain.joints.length - 1)
    this.length = new Float64Array(n)
    this.stiffness = new Float64Array(n)
    this.drag = new Float64Array(n)
    this.gravityPower = new Float64Array(n)
    this.hitRadius = new Float64Array(n)
    this.gravityDir = new Float64Array(n * 3)
    this.current = new Float64Array(n * 3)
    this.previous = new Float64Array(n * 3)
    this.boneAxisN = new Float64Array(n * 3)
    this.colliders = chain.colliders
    this.center = chain.center
    for (let s = 0; s < n; s++) {
      const joint = chain.joints[s]
      const node = joint.node
      node.rotationQuaternion ??= Quaternion.FromEulerVector(node.rotation)
      this.bones.push(node)
      this.restRotation.push(node.rotationQuaternion.clone())
      this.restLocal.push(Matrix.Compose(node.scaling, node.rotationQuaternion, node.position))
      const tail = chain.joints[s + 1].node.position.clone()
      this.tailLocal.push(tail)
      this.boneAxis.push(tail.length() > 0 ? tail.normalizeToNew() : new Vector3(0, 1, 0))
      this.boneAxisN.set(this.boneAxis[s].asArray(), s * 3)
      this.restDirInParent.push(Vector3.TransformNormal(this.boneAxis[s], this.restLocal[s]))
      this.stiffness[s] = joint.stiffness
      this.drag[s] = joint.dragForce
      this.gravityPower[s] = joint.gravityPower
      this.hitRadius[s] = joint.hitRadius
      this.gravityDir.set(joint.gravityDir, s * 3)
    }
  }
}

/** Every spring chain of one avatar, and the nodes to bring up to date before each update. */
export class SpringRig {
  readonly chains: ChainState[]
  /**
   * Ancestors of the chains, their colliders and centers, parents before children: recomputed top
   * down each update, since nothing else refreshes world matrices between renders (or in tests).
   */
  readonly ancestors: TransformNode[]
  /** Root position at the last update, to notice teleports. */
  readonly lastRootPosition = new Vector3()
  /** True until the first update, and after a teleport: the chains restart from rest. */
  needsReset = true

  constructor(readonly model: AvatarModel) {
    this.chains = model.springs.filter((c) => c.joints.length >= 2).map((c) => new ChainState(c))
    const needed: TransformNode[] = [model.root]
    for (const chain of model.springs) {
      const first = chain.joints[0]?.node.parent as TransformNode | null
      if (first) needed.push(first)
      if (chain.center) needed.push(chain.center)
      for (const collider of chain.colliders) needed.push(collider.node)
    }
    this.ancestors = topDown(needed)
  }
}

/** Each node and its ancestors, once each, every parent before its children. */
function topDown(nodes: readonly TransformNode[]): TransformNode[] {
  const order: TransformNode[] = []
  const seen = new Set<TransformNode>()
  for (const node of nodes) {
    const path: TransformNode[] = []
    for (let n: TransformNode | null = node; n && !seen.has(n); n = n.parent as TransformNode | null) path.push(n)
    for (let k = path.length - 1; k >= 0; k--) {
      seen.add(path[k])
      order.push(path[k])
    }
  }
  return order
}
