// A machine-readable description of the face texture slot, for whoever generates faces for it
// (the GAN pipeline): which material, how big, what part of the head it covers, where features fall.
import { FaceUv, faceLandmarksUv } from './head.ts'
import { FACE_MATERIAL, FACE_TEXTURE } from './materials.ts'
import { round6 } from './math.ts'
import { Palette } from './palette.ts'
import { FACE_TEXTURE_PX } from './textures.ts'

/** The contents of assets/anchor/face-layout.json. */
export function faceLayout(): Record<string, unknown> {
  return {
    material: FACE_MATERIAL,
    texture: FACE_TEXTURE,
    texturePx: FACE_TEXTURE_PX,
    uvOrigin: 'top-left (glTF): u grows towards the model\'s left (+X, the viewer\'s right), v grows downwards',
    modelSpaceRect: {
      xMinM: round6(-FaceUv.halfWidth),
      xMaxM: round6(FaceUv.halfWidth),
      yTopM: round6(FaceUv.topY),
      yBottomM: round6(FaceUv.bottomY),
    },
    landmarksUv: faceLandmarksUv(),
    edges: `plain skin colour (${Palette.skin}): the region meets the untextured Skin material there`,
  }
}
