// Rotating bones relative to their rest pose about the avatar's own axes, whatever the file's
// bone orientations, handedness flips or node scales are.
import { Matrix, Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { AvatarModel } from './model.ts'

const DEG_TO_RAD = Math.PI / 180

/**
 * The avatar's directions at rest, world space, unit length: `up` from hips to head, `left` towards
 * its left hand, `forward` the way it faces. With them, +yaw turns towards `left`, +pitch towards
 * `up`, +roll tips `up` towards the right shoulder.
 */
export interface AvatarAxes {
  readonly up: Vector3
  readonly left: Vector3
  readonly forward: Vector3
}

/** Measures the avatar's axes from its bones at rest (computes world matrices). */
export function measureAxes(model: AvatarModel): AvatarAxes {
  model.root.computeWorldMatrix(true)
  const hips = worldPosition(bone(model, 'hips'))
  const up = worldPosition(bone(model, 'head')).subtract(hips).normalize()
  const leftSide = model.humanoid.get('leftUpperArm') ?? bone(model, 'leftUpperLeg')
  const rightSide = model.humanoid.get('rightUpperArm') ?? bone(model, 'rightUpperLeg')
  const across = worldPosition(leftSide).subtract(worldPosition(rightSide))
  // Remove any tilt of the shoulders so the three axes are orthonormal.
  const left = across.subtract(up.scale(Vector3.Dot(across, up))).normalize()
  // A person's forward is left × up in right-handed coordinates and up × left in left-handed ones
  // (Babylon's default); the numbers alone cannot tell which, the scene's convention can.
  const rightHanded = model.root.getScene().useRightHandedSystem
  const forward = rightHanded ? Vector3.Cross(left, up) : Vector3.Cross(up, left)
  return { up, left, forward: forward.normalize() }
}

/** Computes the world matrix of a node and every ancestor, top down, and returns its position. */
function worldPosition(node: TransformNode): Vector3 {
  computeFromTop(node)
  return node.getAbsolutePosition().clone()
}

/** Recomputes world matrices from the topmost ancestor down to `node` (no stale parent is read). */
export function computeFromTop(node: TransformNode): void {
  const parent = node.parent as TransformNode | null
  if (parent) computeFromTop(parent)
  node.computeWorldMatrix(true)
}

function bone(model: AvatarModel, name: 'hips' | 'head' | 'leftUpperLeg' | 'rightUpperLeg'): TransformNode {
  const node = model.humanoid.get(name)
  if (!node) throw new Error(`The avatar has no "${name}" bone, which VRM requires; export the model again with a humanoid rig.`)
  return node
}

const qYaw = new Quaternion()
const qPitch = new Quaternion()
const qRoll = new Quaternion()

/**
 * One bone that the systems rotate by yaw, pitch and roll about the avatar's axes, on top of its
 * rest rotation. The axes are expressed once in the bone's parent space at rest, so each frame is
 * three axis-angle quaternions and three products.
 */
export class BoneDriver {
  /** Local rotation at rest. */
  readonly restRotation: Quaternion
  /** Local position at rest. */
  readonly restPosition: Vector3
  private readonly yawAxis: Vector3
  private readonly pitchAxis: Vector3
  private readonly rollAxis: Vector3
  /** Parent-space images of the avatar's left, up and forward, for offsets in metres. */
  private readonly leftInParent: Vector3
  private readonly upInParent: Vector3
  private readonly forwardInParent: Vector3

  constructor(
    readonly node: TransformNode,
    axes: AvatarAxes,
  ) {
    node.rotationQuaternion ??= Quaternion.FromEulerVector(node.rotation)
    this.restRotation = node.rotationQuaternion.clone()
    this.restPosition = node.position.clone()
    const parent = node.parent as TransformNode | null
    const toParent = Matrix.Identity()
    if (parent) {
      computeFromTop(parent)
      parent.getWorldMatrix().invertToRef(toParent)
    }
    const inParent = (v: Vector3): Vector3 => Vector3.TransformNormal(v, toParent)
    this.leftInParent = inParent(axes.left)
    this.upInParent = inParent(axes.up)
    this.forwardInParent = inParent(axes.forward)
    // Rotating about k moves v towards k × v: these axes move forward to left, forward to up, up to
    // right. Taking the cross products in parent space keeps that true when the space is mirrored.
    this.yawAxis = Vector3.Cross(this.forwardInParent, this.leftInParent).normalize()
    this.pitchAxis = Vector3.Cross(this.forwardInParent, this.upInParent).normalize()
    this.rollAxis = Vector3.Cross(this.leftInParent, this.upInParent).normalize()
  }

  /** Sets the bone to its rest rotation turned by yaw, then pitch, then roll about the avatar's axes (degrees). */
  rotate(yawDeg: number, pitchDeg: number, rollDeg: number): void {
    const s = DEG_TO_RAD
    Quaternion.RotationAxisToRef(this.yawAxis, yawDeg * s, qYaw)
    Quaternion.RotationAxisToRef(this.pitchAxis, pitchDeg * s, qPitch)
    Quaternion.RotationAxisToRef(this.rollAxis, rollDeg * s, qRoll)
    // Hamilton products apply right to left: roll first, then pitch, then yaw, then the parent.
    const q = this.node.rotationQuaternion!
    qYaw.multiplyToRef(qPitch, q)
    q.multiplyInPlace(qRoll)
    q.multiplyInPlace(this.restRotation)
  }

  /** Sets the bone's position to rest plus an offset along the avatar's left, up and forward (metres). */
  offset(leftM: number, upM: number, forwardM: number): void {
    const p = this.node.position
    const l = this.leftInParent, u = this.upInParent, f = this.forwardInParent
    p.set(
      this.restPosition.x + l.x * leftM + u.x * upM + f.x * forwardM,
      this.restPosition.y + l.y * leftM + u.y * upM + f.y * forwardM,
      this.restPosition.z + l.z * leftM + u.z * upM + f.z * forwardM,
    )
  }

  /** Puts the bone back to its rest rotation and position. */
  reset(): void {
    this.node.rotationQuaternion!.copyFrom(this.restRotation)
    this.node.position.copyFrom(this.restPosition)
  }
}
