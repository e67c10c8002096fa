// The Babylon texture the generated face is drawn into: RGBA8, mipmapped, clamped.
import { Constants } from '@babylonjs/core/Engines/constants'
import { RawTexture } from '@babylonjs/core/Materials/Textures/rawTexture'
import { Texture } from '@babylonjs/core/Materials/Textures/texture'
import type { Scene } from '@babylonjs/core/scene'

/**
 * Makes the face texture: `px`² RGBA8, row 0 at the top with `invertY` false, as glTF textures are
 * loaded, so the face slot's UVs (origin top left) read it upright. Trilinear filtering over
 * mipmaps keeps the face clean when it is small on screen; the image itself arrives already
 * upscaled (upscale.ts) for close-ups. Clamped, like the painted face's sampler, so the border
 * colour meets the rest of the head.
 */
export function createFaceTexture(scene: Scene, px: number, pixels: Uint8Array): RawTexture {
  const texture = RawTexture.CreateRGBATexture(pixels, px, px, scene, true, false, Texture.TRILINEAR_SAMPLINGMODE, Constants.TEXTURETYPE_UNSIGNED_BYTE)
  texture.name = 'GeneratedFace'
  texture.wrapU = Texture.CLAMP_ADDRESSMODE
  texture.wrapV = Texture.CLAMP_ADDRESSMODE
  texture.anisotropicFilteringLevel = 4
  return texture
}

/** Whether `texture` can still be drawn (not disposed with an avatar, say). */
export function isUsable(texture: RawTexture | null): texture is RawTexture {
  return texture !== null && texture.getInternalTexture() !== null
}
