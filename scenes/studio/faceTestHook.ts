// What the face panel exposes on `window.__genanchorFace` for end-to-end tests, the gan benchmark and
// console debugging: the generator's state as plain values, and a few controls.
import type { World } from '../../engine/index.ts'
import { Face, FaceIdentity, FaceSettings, reloadFace } from '../../systems/face/index.ts'
import { StageAvatar } from './stageAvatar.ts'

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

/** The hook's shape. */
export interface FaceTestHook {
  snapshot(): FaceSnapshot
  /** Sets identity A to a seed (t = 0). */
  setSeed(seed: number): void
  /** Sets identity B and the position between A and B. */
  setMix(seedB: number, t: number): void
  setEnabled(on: boolean): void
  /** Loads another generator (its generator.json address). */
  reload(sidecarUrl: string): void
  /** Destroys the worker's WebGPU device, as a driver reset would. */
  loseDevice(): void
  /** The face slot's texture now: width, height and RGBA bytes as base64; null without a face slot or texture. */
  readTexture(): Promise<{ width: number; height: number; rgba: string } | null>
}

declare global {
  interface Window {
    /** Set by the face panel; see `FaceTestHook`. */
    __genanchorFace?: FaceTestHook
  }
}

/** Publishes `window.__genanchorFace`. */
export function installFaceTestHook(world: World): void {
  const face = () => world.resource(Face)
  const identity = world.resource(FaceIdentity)
  window.__genanchorFace = {
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
