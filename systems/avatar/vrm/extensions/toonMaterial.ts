// The MToon approximation: a Babylon StandardMaterial whose shadowed side keeps the shade colour.
//
// StandardMaterial computes  clamp(lightDiffuse · diffuseColor + emissiveColor, 0, 1) · diffuseTexture
// (Babylon's default.fragment). With emissiveColor = shade and diffuseColor = base − shade, a surface
// facing away from the lights shows shade × texture and one lit at full strength shows
// base × texture: MToon's two tones, joined by a linear ramp over N·L instead of MToon's
// adjustable step (shadingToony / shadingShift are not reproduced).
// StandardMaterial works in gamma space, so textures are read without sRGB decoding and the
// colours are converted when the material is bound.
import { Color3 } from '@babylonjs/core/Maths/math.color'
import { Material } from '@babylonjs/core/Materials/material'
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture'
import type { Matrix } from '@babylonjs/core/Maths/math.vector'
import type { Mesh } from '@babylonjs/core/Meshes/mesh'
import type { SubMesh } from '@babylonjs/core/Meshes/subMesh'
import type { Scene } from '@babylonjs/core/scene'

/** MToon inputs the approximation uses; colours linear RGB(A), as in the file. */
export interface ToonParams {
  readonly baseColor: readonly [number, number, number, number]
  readonly shadeColor: readonly [number, number, number]
  readonly alphaMode: 'OPAQUE' | 'MASK' | 'BLEND'
  /** Alpha below this is cut (MASK). */
  readonly alphaCutoff: number
  readonly doubleSided: boolean
  /** BLEND surfaces that still write depth (MToon `transparentWithZWrite`). */
  readonly depthWrite: boolean
}

const baseGamma = new Color3()
const shadeGamma = new Color3()

/**
 * The toon material. Write its MToon colours, in linear RGB as VRM gives them, to `albedoColor`
 * (base; the name PBR materials use for it too) and `shadeColor`; `diffuseColor` and
 * `emissiveColor` are derived from them each time the material is bound. Alpha is `alpha`.
 */
export class ToonMaterial extends StandardMaterial {
  /** MToon base colour, linear RGB. Default white. */
  readonly albedoColor = new Color3(1, 1, 1)
  /** MToon shade colour (the unlit side), linear RGB. Default white. */
  readonly shadeColor = new Color3(1, 1, 1)

  constructor(name: string, scene: Scene) {
    super(name, scene)
    this.specularColor = Color3.Black()
  }

  override getClassName(): string {
    return 'ToonMaterial'
  }

  /** Sets `emissiveColor` (shade) and `diffuseColor` (base − shade) in gamma space from the linear MToon colours. */
  deriveColors(): void {
    this.albedoColor.toGammaSpaceToRef(baseGamma)
    this.shadeColor.toGammaSpaceToRef(shadeGamma)
    this.emissiveColor.copyFrom(shadeGamma)
    this.diffuseColor.set(Math.max(0, baseGamma.r - shadeGamma.r), Math.max(0, baseGamma.g - shadeGamma.g), Math.max(0, baseGamma.b - shadeGamma.b))
  }

  override bindForSubMesh(world: Matrix, mesh: Mesh, subMesh: SubMesh): void {
    // Expression binds may have changed the colours since the last frame; this costs a few multiplies.
    this.deriveColors()
    super.bindForSubMesh(world, mesh, subMesh)
  }
}

/** A toon material named `name`; `inContainer` keeps it out of the scene until its asset container is added. */
export function createToonMaterial(name: string, scene: Scene, inContainer: boolean): ToonMaterial {
  scene._blockEntityCollection = inContainer
  const material = new ToonMaterial(name, scene)
  scene._blockEntityCollection = false
  return material
}

/** Sets the toon material's colours and alpha handling. */
export function applyToonParams(material: ToonMaterial, p: ToonParams): void {
  const [r, g, b, a] = p.baseColor
  material.albedoColor.set(r, g, b)
  material.shadeColor.set(...p.shadeColor)
  material.alpha = p.alphaMode === 'BLEND' ? a : 1
  material.backFaceCulling = !p.doubleSided
  material.twoSidedLighting = p.doubleSided
  if (p.alphaMode === 'MASK') {
    material.transparencyMode = Material.MATERIAL_ALPHATEST
    material.alphaCutOff = p.alphaCutoff
  } else if (p.alphaMode === 'BLEND') {
    material.transparencyMode = Material.MATERIAL_ALPHABLEND
    material.forceDepthWrite = p.depthWrite
  } else {
    material.transparencyMode = Material.MATERIAL_OPAQUE
  }
}

/** Puts the base colour texture on the toon material, with its alpha where the mode uses it. */
export function setToonTexture(material: ToonMaterial, texture: BaseTexture, alphaMode: ToonParams['alphaMode']): void {
  material.diffuseTexture = texture
  if (alphaMode !== 'OPAQUE') {
    texture.hasAlpha = true
    material.useAlphaFromDiffuseTexture = alphaMode === 'BLEND'
  }
}
