// The generated face as tests (and the gan benchmark) see it: the generator's state as plain values,
// a few controls, and the WebGPU device-loss fault (honoured by the worker only under the test flag).
import type { World } from '../../../engine/index.ts'
import { Face, FaceIdentity, FaceSettings, reloadFace } from '../../../systems/face/index.ts'
import { StageAvatar } from '../stageAvatar.ts'

/** The generated face as tests see it. */
export interface FaceSnapshot {
  status: string
  backend: string | null
  threads: number
  fallbackReason: string | null
  message: string | null
  note: string | null
  /** Images shown since the generator loaded. */
  images: number
  worn: boolean
  /** Images per second over the last second, and the rate allowed now. */
  hz: number
  targetHz: number
  inferMs: number
  /** Whether a request is in flight. */
  inFlight: boolean
  /** Identity version and c of the image shown now. */
  shownIdentity: number
  identityVersion: number
  shownC: number[]
  crossOriginIsolated: boolean
}

/** The face's hooks: `window.__genanchor.face`. */
export interface FaceTestHooks {
  snapshot(): FaceSnapshot
  /** Sets identity A to a seed (t = 0). */
  setSeed(seed: number): void
  /** Sets identity B and the position between A and B. */
  setMix(seedB: number, t: number): void
  setEnabled(on: boolean): void
  /** Loads another generator (its generator.json address). */
  reload(sidecarUrl: string): void
  /** Destroys the worker's WebGPU device, as a driver reset would (the page started the worker with faults allowed). */
  loseDevice(): void
  /** The face slot's texture now: width, height and RGBA bytes as base64; null without a face slot or texture. */
  readTexture(): Promise<{ width: number; height: number; rgba: string } | null>
}


/** Makes the face's hooks over `world`. */
export function faceHooks(world: World): FaceTestHooks {
  const face = () => world.resource(Face)
  const identity = world.resource(FaceIdentity)
  return {
    snapshot() {
      const f = face()
      const now = performance.now()
      return {
        status: f.status, backend: f.backend, threads: f.threads, fallbackReason: f.fallbackReason, message: f.message, note: f.note,
        images: f.images, worn: f.worn, hz: f.rate.measuredHz(now), targetHz: f.rate.targetHz, inferMs: f.inferMs, inFlight: f.inFlight !== null,
        shownIdentity: f.shownIdentity, identityVersion: identity.version, shownC: Array.from(f.shownC),
        crossOriginIsolated: globalThis.crossOriginIsolated === true,
      }
    },
    setSeed(seed) {
      identity.seedA = seed
      identity.customA = null
      identity.t = 0
      identity.changed()
    },
    setMix(seedB, t) {
      identity.seedB = seedB
      identity.t = t
      identity.changed()
    },
    setEnabled(on) {
      world.resource(FaceSettings).enabled = on
    },
    reload(sidecarUrl) {
      world.resource(FaceSettings).sidecarUrl = sidecarUrl
      reloadFace(world)
    },
    loseDevice() {
      face().worker.loseDevice()
    },
    async readTexture() {
      const texture = world.resource(StageAvatar).model?.face?.texture
      if (!texture) return null
      const pixels = await texture.readPixels()
      if (!pixels) return null
      const { width, height } = texture.getSize()
      const bytes = new Uint8Array(pixels.buffer, pixels.byteOffset, pixels.byteLength)
      let binary = ''
      for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000))
      return { width, height, rgba: btoa(binary) }
    },
  }
}
