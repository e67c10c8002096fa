// The file layer's door: bytes from a File, Blob, buffer or URL, the GLB container and its embedded
// resources, checked before anything is parsed. Knows only the glTF JSON types and the loader's errors.
export { readSource, type AvatarSource } from './source.ts'
export { readGlb } from './glb.ts'
export { checkEmbeddedResources, missingTexture } from './resources.ts'
