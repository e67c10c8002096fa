// A .vrm must carry its textures and buffers inside it; this checks that every image and buffer
// it names is really there before Babylon tries (and, for outside files, fetches) them.
import type { IGLTF } from 'babylonjs-gltf2interface'
import { AvatarLoadError, AvatarLoadErrorCode, EXPORT_AGAIN } from '../errors.ts'

/** Throws `missing-texture` for textures or images that point nowhere, `broken` for outside buffers. */
export function checkEmbeddedResources(gltf: IGLTF): void {
  const images = gltf.images ?? []
  const views = gltf.bufferViews?.length ?? 0
  gltf.buffers?.forEach((buffer, i) => {
    if (buffer.uri !== undefined && !buffer.uri.startsWith('data:')) {
      throw new AvatarLoadError(AvatarLoadErrorCode.broken, `This file needs an outside file "${buffer.uri}" (buffer ${i}); a .vrm must contain everything. ${EXPORT_AGAIN}`)
    }
  })
  images.forEach((image, i) => {
    const label = image.name ? `"${image.name}"` : `image ${i}`
    if (image.uri !== undefined) {
      if (!image.uri.startsWith('data:')) throw missingTexture(`the texture ${label} is a separate file ("${image.uri}") that is not inside the .vrm`)
    } else if (image.bufferView === undefined || image.bufferView < 0 || image.bufferView >= views) {
      throw missingTexture(`the texture ${label} has no image data in the file`)
    }
  })
  gltf.textures?.forEach((texture, i) => {
    if (texture.source !== undefined && (texture.source < 0 || texture.source >= images.length)) {
      throw missingTexture(`texture ${i} uses image ${texture.source}, which is not in the file`)
    }
  })
  const textures = gltf.textures?.length ?? 0
  gltf.materials?.forEach((material, i) => {
    for (const index of textureIndicesOf(material)) {
      if (index < 0 || index >= textures) {
        throw missingTexture(`material "${material.name ?? i}" uses texture ${index}, which is not in the file`)
      }
    }
  })
}

/** The refusal for a texture that is not in the file or cannot be decoded. */
export function missingTexture(what: string, cause?: unknown): AvatarLoadError {
  return new AvatarLoadError(AvatarLoadErrorCode.missingTexture, `This avatar is missing a texture: ${what}. ${EXPORT_AGAIN}`, { cause })
}

function textureIndicesOf(material: NonNullable<IGLTF['materials']>[number]): number[] {
  const infos = [
    material.pbrMetallicRoughness?.baseColorTexture,
    material.pbrMetallicRoughness?.metallicRoughnessTexture,
    material.normalTexture,
    material.occlusionTexture,
    material.emissiveTexture,
  ]
  return infos.filter((info) => info !== undefined).map((info) => info.index)
}
