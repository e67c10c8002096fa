// Stage.LateUpdate, after mixExpressions: asks the worker for the face of this frame's expression.
import { defineQuery, Time, type World } from '../../engine/index.ts'
import { Avatar, Expression } from '../avatar/index.ts'
import { fillCondition } from './conditionVector.ts'
import { Face, FaceStatus } from './face.ts'
import { FaceIdentity } from './identity.ts'
import { FaceSettings } from './settings.ts'

/** Avatars whose mixed expression weights can become the face's c. */
const Expressive = defineQuery({ with: [Avatar, Expression] })

/**
 * Makes the system that requests a new image when one is due (`AdaptiveRate`), none is in flight,
 * and z or c changed since the last image: c comes from the face-wearing avatar's mixed expression
 * weights, so idle blinks, lip-sync visemes, tracked expressions and the panel's sliders all show.
 */
export function createRequestFaceImage(world: World): (world: World) => void {
  let z: Float32Array = new Float32Array(0)
  let c: Float32Array = new Float32Array(0)
  let zVersion = -1
  let nextId = 1
  let weights: { get(name: string): number | undefined } | null = null
  const weightOf = (name: string) => weights?.get(name)
  return function requestFaceImage(w: World): void {
    const face = w.resource(Face)
    const time = w.resource(Time)
    const now = performance.now()
    face.rate.observeFrame(now, time.deltaMs)
    const sidecar = face.sidecar
    if (face.status !== FaceStatus.ready || !sidecar || face.inFlight !== null || !w.resource(FaceSettings).enabled) return
    if (!face.rate.due(now)) return
    const identity = w.resource(FaceIdentity)
    let changed = false
    if (z.length !== sidecar.nz || zVersion !== identity.version) {
      z = identity.z(sidecar.nz, z.length === sidecar.nz ? z : new Float32Array(sidecar.nz))
      zVersion = identity.version
      changed = true
    }
    if (c.length !== sidecar.c.length) {
      c = new Float32Array(sidecar.c.length).fill(Number.NaN)
      changed = true
    }
    const avatars = w.query(Expressive)
    weights = faceWeights(w, avatars.ids, avatars.count)
    if (fillCondition(c, sidecar.c, weightOf)) changed = true
    // An unchanged face is not generated again; the first image after a load always is.
    if (!changed && face.images > 0) return
    face.inFlight = nextId++
    face.requestedIdentity = zVersion
    if (face.requestedC.length !== c.length) face.requestedC = new Float32Array(c.length)
    face.requestedC.set(c)
    face.rate.requested(now)
    face.worker.generate(face.inFlight, z, sidecar.inputs.c === null ? null : c)
  }
}

/** The mixed weights of the first avatar that has a face slot, or null. */
function faceWeights(world: World, ids: Int32Array, count: number): { get(name: string): number | undefined } | null {
  const models = world.store(Avatar).value
  const expressions = world.store(Expression).value
  for (let k = 0; k < count; k++) {
    const i = ids[k]
    if (models[i]?.face) return expressions[i]?.resolved ?? null
  }
  return null
}
