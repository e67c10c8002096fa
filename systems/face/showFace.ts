// Stage.Render, before the scene draws: uploads the newest image and puts the face on (or off) the avatar.
import type { RawTexture } from '@babylonjs/core/Materials/Textures/rawTexture'
import { defineQuery, type World } from '../../engine/index.ts'
import { Avatar, type AvatarModel } from '../avatar/index.ts'
import { Renderer } from '../render/index.ts'
import { Face } from './face.ts'
import { createFaceTexture, isUsable } from './faceTexture.ts'
import { FaceSettings } from './settings.ts'
import { WornFace } from './wornFace.ts'

/** Avatars that may wear the face. */
const Avatars = defineQuery({ with: [Avatar] })

/** Shown when the avatar on stage has no face slot. */
export const NO_FACE_SLOT_NOTE = 'This avatar has no face slot, so it keeps its own face; the generated face needs an avatar that marks one (the default anchor does).'
/** Shown when the generator takes no expression vector. */
export const NOT_CONDITIONAL_NOTE = 'This generator is unconditional (DCGAN): it draws identities but not expressions, so the face does not blink or speak.'

/**
 * Makes the system that keeps the texture and the avatar in step with the `Face` state: the newest
 * image is uploaded once (a 256² RGBA upload and its mipmaps); the face is worn by the first avatar
 * with a face slot once an image exists and `FaceSettings.enabled` is on, and taken off when it is
 * turned off. A new avatar gets the face as soon as it is on stage; the old one's is forgotten.
 */
export function createShowFace(world: World): { system: (world: World) => void; dispose(): void } {
  let texture: RawTexture | null = null
  let worn: WornFace | null = null
  let border: readonly [number, number, number] | null = null
  const takeOff = () => {
    // A swapped-out avatar is disposed already; only a live one has anything to restore.
    if (worn && !worn.model.root.isDisposed()) worn.remove()
    worn = null
  }
  const system = function showFace(w: World): void {
    const face = w.resource(Face)
    const settings = w.resource(FaceSettings)
    const avatars = w.query(Avatars)
    const target = faceAvatar(w, avatars.ids, avatars.count)
    face.note = avatars.count > 0 && !target ? NO_FACE_SLOT_NOTE : face.sidecar?.kind === 'dcgan' ? NOT_CONDITIONAL_NOTE : null
    if (worn && (worn.model !== target || !settings.enabled)) takeOff()
    const image = face.pending
    if (image && settings.enabled) {
      face.pending = null
      const px = Math.round(Math.sqrt(image.pixels.length / 4))
      if (isUsable(texture) && texture.getSize().width === px) texture.update(image.pixels)
      else {
        texture?.dispose()
        texture = createFaceTexture(w.resource(Renderer).scene, px, image.pixels)
        if (worn) takeOff()
      }
      border = image.border
      face.images++
    }
    let recolour = image !== null
    if (!worn && target?.face && isUsable(texture) && settings.enabled) {
      worn = new WornFace(target, target.face, texture, settings.skinMaterials)
      recolour = true
    }
    if (worn && border && recolour && settings.matchSkin) worn.matchSkin(border)
    face.worn = worn !== null
  }
  return {
    system,
    dispose() {
      takeOff()
      texture?.dispose()
      texture = null
    },
  }
}

/** The first avatar with a face slot, or null. */
function faceAvatar(world: World, ids: Int32Array, count: number): AvatarModel | null {
  const models = world.store(Avatar).value
  for (let k = 0; k < count; k++) {
    const model = models[ids[k]]
    if (model?.face) return model
  }
  return null
}
