import type { Nullable } from '@babylonjs/core/types'
import type { Material } from '@babylonjs/core/Materials/material'
import { ToonMaterial, applyToonParams, createToonMaterial, setToonTexture } from './toonMaterial.ts'
import { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTFLoaderExtension } from '@babylonjs/loaders/glTF/2.0/glTFLoaderExtension'
import type { IMaterial } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import type { VRMCMaterialsMToon } from '@pixiv/types-vrmc-materials-mtoon-1.0'
import { num } from '../plan/index.ts'

const NAME = 'VRMC_materials_mtoon'

/**
 * Approximates MToon materials with a toon-lit StandardMaterial: base colour and texture, shade
 * colour on the unlit side, alpha modes, double-sidedness. Rim light, matcap, outline, shading
 * shift/toony, GI equalisation and UV animation are not reproduced (systems/avatar/vrm/README.md).
 *
 * [Specification](https://github.com/vrm-c/vrm-specification/blob/master/specification/VRMC_materials_mtoon-1.0/README.md)
 */
export class VRMC_materials_mtoon implements IGLTFLoaderExtension {
  /** The name of this extension. */
  readonly name = NAME
  /** Whether this extension runs; on when the file uses it. */
  enabled: boolean
  /** Before KHR_materials_unlit (210), which MToon materials often also carry as a fallback. */
  order = 100
  private loader: GLTFLoader | null

  constructor(loader: GLTFLoader) {
    this.loader = loader
    this.enabled = loader.isExtensionUsed(NAME)
  }

  dispose(): void {
    this.loader = null
  }

  /** Makes a toon StandardMaterial for MToon materials; null for the others. */
  createMaterial(_context: string, material: IMaterial, _drawMode: number): Nullable<Material> {
    const loader = this.loader
    if (!loader || !material.extensions?.[NAME]) return null
    const toon = createToonMaterial(material.name || `material${material.index}`, loader.babylonScene, !!loader._assetContainer)
    toon._parentContainer = loader._assetContainer
    return toon
  }

  /** Loads the MToon properties this approximation uses; null for materials without MToon. */
  loadMaterialPropertiesAsync(context: string, material: IMaterial, babylonMaterial: Material): Nullable<Promise<void>> {
    return GLTFLoader.LoadExtensionAsync<VRMCMaterialsMToon>(context, material, this.name, async (extensionContext, mtoon) => {
      if (!(babylonMaterial instanceof ToonMaterial)) throw new Error(`${extensionContext}: expected the toon material made by ${NAME}`)
      await loadToonProperties(this.loader!, context, material, babylonMaterial, mtoon)
    })
  }
}

/** Reads base colour, texture, alpha and sidedness from the glTF material and the shade colour from MToon. */
async function loadToonProperties(loader: GLTFLoader, context: string, material: IMaterial, toon: ToonMaterial, mtoon: VRMCMaterialsMToon): Promise<void> {
  const pbr = material.pbrMetallicRoughness
  const base = pbr?.baseColorFactor ?? [1, 1, 1, 1]
  const shade = mtoon.shadeColorFactor ?? [1, 1, 1]
  const alphaMode = material.alphaMode === 'MASK' || material.alphaMode === 'BLEND' ? material.alphaMode : 'OPAQUE'
  applyToonParams(toon, {
    baseColor: [num(base[0], 1), num(base[1], 1), num(base[2], 1), num(base[3], 1)],
    shadeColor: [num(shade[0], 1), num(shade[1], 1), num(shade[2], 1)],
    alphaMode,
    alphaCutoff: num(material.alphaCutoff, 0.5),
    doubleSided: material.doubleSided === true,
    depthWrite: mtoon.transparentWithZWrite === true,
  })
  if (pbr?.baseColorTexture) {
    // Read as plain (gamma) data: the toon material works in gamma space, unlike Babylon's PBR.
    const info = { ...pbr.baseColorTexture, nonColorData: true }
    await loader.loadTextureInfoAsync(`${context}/pbrMetallicRoughness/baseColorTexture`, info, (texture) => {
      texture.name = `${toon.name} (Base Color)`
      setToonTexture(toon, texture, alphaMode)
    })
  }
}
