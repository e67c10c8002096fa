// VRMC_springBone 1.0, one fixed step: Verlet tails pulled back to the rest direction, pulled by
// gravity, kept at bone length, pushed out of colliders; the bones turn to point at the tails.
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector'
import type { ChainState, SpringRig } from './springRig.ts'

/**
 * A root that moves farther than this in one fixed update has teleported (30 m/s at 60 Hz, far
 * beyond any walk or camera move): the chains restart from rest instead of whipping across the jump.
 */
export const TELEPORT_DISTANCE_M = 0.5

/** Push-and-restore rounds per collider and segment (see `collide`). */
const COLLISION_ROUNDS = 4

// Preallocated temporaries: a fixed update allocates nothing.
const worldToCenter = new Matrix()
const parentToCenter = new Matrix()
const boneToCenter = new Matrix()
const colliderToCenter = new Matrix()
const restToCenterInverse = new Matrix()
const bonePos = new Vector3()
const restDir = new Vector3()
const gravity = new Vector3()
const next = new Vector3()
const toLocal = new Vector3()
const shapeA = new Vector3()
const shapeB = new Vector3()
const push = new Vector3()
const core = new Vector3()
const turn = new Quaternion()
const rootPos = new Vector3()

/** One fixed step of `dtS` seconds of one avatar's chains (the first step, and one after a teleport, resets them to rest). */
export function stepRig(rig: SpringRig, dtS: number): void {
  if (rig.chains.length === 0) return
  const ancestors = rig.ancestors
  for (let k = 0; k < ancestors.length; k++) ancestors[k].computeWorldMatrix(true)
  rig.model.root.getWorldMatrix().getTranslationToRef(rootPos)
  if (!rig.needsReset && Vector3.DistanceSquared(rootPos, rig.lastRootPosition) > TELEPORT_DISTANCE_M * TELEPORT_DISTANCE_M) rig.needsReset = true
  rig.lastRootPosition.copyFrom(rootPos)
  if (rig.needsReset) {
    rig.needsReset = false
    for (let c = 0; c < rig.chains.length; c++) resetChain(rig.chains[c])
    return
  }
  for (let c = 0; c < rig.chains.length; c++) stepChain(rig.chains[c], dtS)
}

/** The world → center matrix of a chain (identity without a center). */
function loadWorldToCenter(chain: ChainState): void {
  if (chain.center) chain.center.getWorldMatrix().invertToRef(worldToCenter)
  else Matrix.IdentityToRef(worldToCenter)
}

/** Puts the bones back at rest and the tails where rest puts them, with no velocity; measures the lengths. */
export function resetChain(chain: ChainState): void {
  loadWorldToCenter(chain)
  for (let s = 0; s < chain.bones.length; s++) {
    const bone = chain.bones[s]
    bone.rotationQuaternion!.copyFrom(chain.restRotation[s])
    bone.computeWorldMatrix(true).multiplyToRef(worldToCenter, boneToCenter)
    Vector3.TransformCoordinatesToRef(chain.tailLocal[s], boneToCenter, next)
    boneToCenter.getTranslationToRef(bonePos)
    chain.length[s] = Vector3.Distance(next, bonePos)
    store(next, chain.current, s * 3)
    store(next, chain.previous, s * 3)
  }
}

/**
 * Scratch numbers for the Verlet step. The step is written in scalars over plain arrays (which hold
 * unboxed doubles) rather than Vector3 methods taking or returning numbers, which V8 boxes as heap
 * numbers whenever it does not inline the call: that was ~0.6 KB of garbage a frame per avatar.
 */
const restDirN = [0, 0, 0]
const gravityN = [0, 0, 0]
const boneN = [0, 0, 0]
const tailN = [0, 0, 0]
const localN = [0, 0, 0]
const turnN = [0, 0, 0, 1]

function stepChain(chain: ChainState, dtS: number): void {
  loadWorldToCenter(chain)
  const cur = chain.current, prev = chain.previous
  for (let s = 0; s < chain.bones.length; s++) {
    const bone = chain.bones[s]
    const o = s * 3
    // Matrices are row-vector: local × parent world × world→center maps bone space to center space.
    bone.computeWorldMatrix(true).getTranslationToRef(bonePos)
    Vector3.TransformCoordinatesToRef(bonePos, worldToCenter, bonePos)
    const parent = bone.parent
    if (parent) parent.getWorldMatrix().multiplyToRef(worldToCenter, parentToCenter)
    else parentToCenter.copyFrom(worldToCenter)
    Vector3.TransformNormalToRef(chain.restDirInParent[s], parentToCenter, restDir)
    Vector3.FromArrayToRef(chain.gravityDir, o, gravity)
    Vector3.TransformNormalToRef(gravity, worldToCenter, gravity)
    restDir.toArray(restDirN)
    gravity.toArray(gravityN)
    bonePos.toArray(boneN)
    verlet(chain, s, dtS)
    Vector3.FromArrayToRef(tailN, 0, next)
    collide(chain, s)
    prev[o] = cur[o]
    prev[o + 1] = cur[o + 1]
    prev[o + 2] = cur[o + 2]
    next.toArray(tailN)
    cur[o] = tailN[0]
    cur[o + 1] = tailN[1]
    cur[o + 2] = tailN[2]
    // Turn the bone from its rest frame so its axis points at the new tail.
    chain.restLocal[s].multiplyToRef(parentToCenter, restToCenterInverse)
    restToCenterInverse.invert()
    Vector3.TransformCoordinatesToRef(next, restToCenterInverse, toLocal)
    toLocal.toArray(localN)
    fromAxisTo(chain.boneAxisN, o)
    Quaternion.FromArrayToRef(turnN, 0, turn)
    chain.restRotation[s].multiplyToRef(turn, bone.rotationQuaternion!)
    bone.computeWorldMatrix(true)
  }
}

/**
 * next = current + (current − previous)(1 − drag) + restDir · stiffness · dt + gravityDir · gravityPower · dt,
 * then put back at the bone's length from the bone; reads restDirN, gravityN, boneN, writes tailN.
 */
function verlet(chain: ChainState, s: number, dtS: number): void {
  const cur = chain.current, prev = chain.previous, o = s * 3
  const restLength = Math.sqrt(restDirN[0] * restDirN[0] + restDirN[1] * restDirN[1] + restDirN[2] * restDirN[2])
  const gravityLength = Math.sqrt(gravityN[0] * gravityN[0] + gravityN[1] * gravityN[1] + gravityN[2] * gravityN[2])
  const k = restLength > 0 ? (chain.stiffness[s] * dtS) / restLength : 0
  const g = gravityLength > 0 ? (chain.gravityPower[s] * dtS) / gravityLength : 0
  const keep = 1 - chain.drag[s]
  const x = cur[o] + (cur[o] - prev[o]) * keep + restDirN[0] * k + gravityN[0] * g - boneN[0]
  const y = cur[o + 1] + (cur[o + 1] - prev[o + 1]) * keep + restDirN[1] * k + gravityN[1] * g - boneN[1]
  const z = cur[o + 2] + (cur[o + 2] - prev[o + 2]) * keep + restDirN[2] * k + gravityN[2] * g - boneN[2]
  const d = Math.sqrt(x * x + y * y + z * z)
  const f = d > 1e-9 ? chain.length[s] / d : 1
  tailN[0] = boneN[0] + x * f
  tailN[1] = boneN[1] + y * f
  tailN[2] = boneN[2] + z * f
}

/** The shortest rotation from the unit axis at axes[o..o+3) to the direction in localN, as x, y, z, w in turnN. */
function fromAxisTo(axes: Float64Array, o: number): void {
  const ax = axes[o], ay = axes[o + 1], az = axes[o + 2]
  const length = Math.sqrt(localN[0] * localN[0] + localN[1] * localN[1] + localN[2] * localN[2])
  if (length < 1e-12) {
    turnN[0] = 0; turnN[1] = 0; turnN[2] = 0; turnN[3] = 1
    return
  }
  const bx = localN[0] / length, by = localN[1] / length, bz = localN[2] / length
  const r = ax * bx + ay * by + az * bz + 1
  if (r < 1e-6) {
    // Opposite directions: any axis perpendicular to a turns by 180°.
    if (Math.abs(ax) > Math.abs(az)) { turnN[0] = -ay; turnN[1] = ax; turnN[2] = 0 } else { turnN[0] = 0; turnN[1] = -az; turnN[2] = ay }
    turnN[3] = 0
  } else {
    turnN[0] = ay * bz - az * by
    turnN[1] = az * bx - ax * bz
    turnN[2] = ax * by - ay * bx
    turnN[3] = r
  }
  const n = Math.sqrt(turnN[0] * turnN[0] + turnN[1] * turnN[1] + turnN[2] * turnN[2] + turnN[3] * turnN[3])
  turnN[0] /= n; turnN[1] /= n; turnN[2] /= n; turnN[3] /= n
}

function store(v: Vector3, into: Float64Array, offset: number): void {
  into[offset] = v.x
  into[offset + 1] = v.y
  into[offset + 2] = v.z
}

/** Moves `next` along the line from the bone so it lies `length` away. */
function keepLength(tail: Vector3, length: number): void {
  tail.subtractInPlace(bonePos)
  const d = tail.length()
  if (d > 1e-9) tail.scaleInPlace(length / d)
  tail.addInPlace(bonePos)
}

/**
 * Pushes the tail out of each collider to hitRadius + radius from the shape's core, then back onto
 * the bone's length. One push-and-restore (as three-vrm does) leaves a settled tail ~3 mm inside a
 * 8 cm sphere under gravity, since restoring the length pulls it back in; a few rounds close that.
 */
function collide(chain: ChainState, s: number): void {
  const colliders = chain.colliders
  for (let c = 0; c < colliders.length; c++) {
    const { node, shape } = colliders[c]
    node.getWorldMatrix().multiplyToRef(worldToCenter, colliderToCenter)
    Vector3.FromArrayToRef(shape.offset, 0, shapeA)
    Vector3.TransformCoordinatesToRef(shapeA, colliderToCenter, shapeA)
    if (shape.kind === 'capsule') {
      Vector3.FromArrayToRef(shape.tail, 0, shapeB)
      Vector3.TransformCoordinatesToRef(shapeB, colliderToCenter, shapeB)
    }
    const reach = shape.radius + chain.hitRadius[s]
    for (let round = 0; round < COLLISION_ROUNDS; round++) {
      if (shape.kind === 'capsule') nearestOnSegment(shapeA, shapeB, next, core)
      else core.copyFrom(shapeA)
      next.subtractToRef(core, push)
      const d = push.length()
      if (d >= reach - 1e-6 || d < 1e-9) break
      push.scaleInPlace((reach - d) / d)
      next.addInPlace(push)
      keepLength(next, chain.length[s])
    }
  }
}

/** Writes into `out` the point of segment a–b nearest to `p`. */
function nearestOnSegment(a: Vector3, b: Vector3, p: Vector3, out: Vector3): void {
  const abx = b.x - a.x, aby = b.y - a.y, abz = b.z - a.z
  const lengthSq = abx * abx + aby * aby + abz * abz
  const t = lengthSq < 1e-12 ? 0 : ((p.x - a.x) * abx + (p.y - a.y) * aby + (p.z - a.z) * abz) / lengthSq
  const k = t < 0 ? 0 : t > 1 ? 1 : t
  out.set(a.x + abx * k, a.y + aby * k, a.z + abz * k)
}
