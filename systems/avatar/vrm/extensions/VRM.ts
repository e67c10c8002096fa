import type { Nullable } from '@babylonjs/core/types'
import type { Material } from '@babylonjs/core/Materials/material'
import { ToonMaterial, applyToonParams, createToonMaterial, setToonTexture } from './toonMaterial.ts'
import type { GLTFLoader } from '@babylonjs/loaders/glTF/2.0/glTFLoader'
import type { IGLTF, IMaterial } from '@babylonjs/loaders/glTF/2.0/glTFLoaderInterfaces'
import type { Material as Vrm0Material, VRM as Vrm0 } from '@pixiv/types-vrm-0.0'
import { linearFromSrgb, num, parseVrm0, type AvatarPlan } from '../plan/index.ts'
import type { VrmCollector } from './collector.ts'
import { PlannedExtension } from './plannedExtension.ts'
import { resolveCore, resolveSprings } from './resolve.ts'

const NAME = 'VRM'

/** The 0.x shader name of MToon materials; others (UniUnlit, Standard) keep Babylon's glTF materials. */
const MTOON_SHADER = 'VRM/MToon'

/**
 * Reads VRM 0.x avatars and converts them to VRM 1.0 terms: meta, humanoid (thumb bones renamed),
 * blend shape groups as expressions (weights /100), first person and look-at, secondary animation
 * as spring chains, and MToon materials approximated like VRMC_materials_mtoon. 0.x models face
 * -Z; the loader turns them to face like 1.0 ones (see coordinates.ts).
 *
 * [Specification](https://github.com/vrm-c/vrm-specification/tree/master/specification/0.0)
 */
export class VRM extends PlannedExtension<AvatarPlan> {
  constructor(loader: GLTFLoader) {
    // Before KHR_materials_unlit (210), which UniVRM 0.x also writes on MToon materials.
    super(NAME, 100, loader)
  }

  protected parse(gltf: IGLTF): AvatarPlan {
    return parseVrm0(gltf)
  }

  /** The avatar data and the 0.x secondary animation's springs. */
  protected resolve(plan: AvatarPlan, gltf: IGLTF, collector: VrmCollector): void {
    collector.core = resolveCore(plan, gltf)
    collector.springs = resolveSprings(plan, gltf, collector)
  }

  /** Makes a toon StandardMaterial for materials whose 0.x shader is MToon; null for the others. */
  createMaterial(_context: string, material: IMaterial, _drawMode: number): Nullable<Material> {
    const loader = this.loader
    if (!loader || !mtoonPropertiesOf(loader, material)) return null
    const toon = createToonMaterial(material.name || `material${material.index}`, loader.babylonScene, !!loader._assetContainer)
    toon._parentContainer = loader._assetContainer
    return toon
  }

  /** Loads base colour and texture from the glTF material and the shade colour from the 0.x properties; null for non-MToon materials. */
  loadMaterialPropertiesAsync(context: string, material: IMaterial, babylonMaterial: Material): Nullable<Promise<void>> {
    const loader = this.loader
    const props = loader ? mtoonPropertiesOf(loader, material) : null
    if (!loader || !props || !(babylonMaterial instanceof ToonMaterial)) return null
    return loadToon0(loader, context, material, babylonMaterial, props)
  }
}

async function loadToon0(loader: GLTFLoader, context: string, material: IMaterial, toon: ToonMaterial, props: Vrm0Material): Promise<void> {
  const pbr = material.pbrMetallicRoughness
  const base = pbr?.baseColorFactor ?? [1, 1, 1, 1]
  const shade: unknown[] = Array.isArray(props.vectorProperties?._ShadeColor) ? props.vectorProperties._ShadeColor : [1, 1, 1]
  const alphaMode = material.alphaMode === 'MASK' || material.alphaMode === 'BLEND' ? material.alphaMode : 'OPAQUE'
  applyToonParams(toon, {
    // UniVRM writes the glTF base colour in linear already; MToon's own vectors are as Unity shows them (sRGB).
    baseColor: [num(base[0], 1), num(base[1], 1), num(base[2], 1), num(base[3], 1)],
    shadeColor: [linearFromSrgb(num(shade[0], 1)), linearFromSrgb(num(shade[1], 1)), linearFromSrgb(num(shade[2], 1))],
    alphaMode,
    alphaCutoff: num(material.alphaCutoff, num(props.floatProperties?._Cutoff, 0.5)),
    // 0.x MToon: _CullMode 0 is "off" (double-sided); glTF doubleSided says the same on most exports.
    doubleSided: material.doubleSided === true || props.floatProperties?._CullMode === 0,
    depthWrite: props.floatProperties?._BlendMode === 3,
  })
  if (pbr?.baseColorTexture) {
    const info = { ...pbr.baseColorTexture, nonColorData: true }
    await loader.loadTextureInfoAsync(`${context}/pbrMetallicRoughness/baseColorTexture`, info, (texture) => {
      texture.name = `${toon.name} (Base Color)`
      setToonTexture(toon, texture, alphaMode)
    })
  }
}

/** The 0.x MToon properties of a glTF material: the entry at its index, or the one with its name. */
function mtoonPropertiesOf(loader: GLTFLoader, material: IMaterial): Vrm0Material | null {
  const all = (loader.gltf.extensions?.[NAME] as Vrm0 | undefined)?.materialProperties
  if (!Array.isArray(all)) return null
  const atIndex = all[material.index]
  const props = atIndex && (!atIndex.name || atIndex.name === material.name) ? atIndex : all.find((p) => p.name === material.name)
  return props?.shader === MTOON_SHADER ? props : null
}
