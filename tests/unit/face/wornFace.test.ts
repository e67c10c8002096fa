// Wearing the generated face on a small hand-built avatar (Babylon's NullEngine): what it changes and
// that taking it off restores everything.
import { NullEngine } from '@babylonjs/core/Engines/nullEngine'
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import { RawTexture } from '@babylonjs/core/Materials/Textures/rawTexture'
import { Texture } from '@babylonjs/core/Materials/Textures/texture'
import { Color3 } from '@babylonjs/core/Maths/math.color'
import { Mesh } from '@babylonjs/core/Meshes/mesh'
import { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import { MorphTarget } from '@babylonjs/core/Morph/morphTarget'
import { MorphTargetManager } from '@babylonjs/core/Morph/morphTargetManager'
import { Logger } from '@babylonjs/core/Misc/logger'
import { Scene } from '@babylonjs/core/scene'
import { afterEach, describe, expect, it } from 'vitest'
import type { AvatarModel, ExpressionDef, FaceSlot } from '../../../systems/avatar/index.ts'
import { ToonMaterial } from '../../../systems/avatar/index.ts'
import { WornFace, meshesToHide } from '../../../systems/face/wornFace.ts'

Logger.LogLevels = Logger.ErrorLogLevel
let engine: NullEngine | null = null

afterEach(() => {
  engine?.dispose()
  engine = null
})

/** A head: a textured face mesh, a features mesh deformed by `aa`, and a toon `Skin` neck. */
function buildHead(options: { featuresUseFace?: boolean; oneMesh?: boolean } = {}) {
  engine = new NullEngine()
  const scene = new Scene(engine)
  const root = new TransformNode('root', scene)
  const faceMaterial = new ToonMaterial('FaceSkin', scene)
  faceMaterial.shadeColor.set(0.8, 0.6, 0.5)
  const painted = new Texture(null, scene)
  faceMaterial.diffuseTexture = painted
  const skin = new ToonMaterial('Skin', scene)
  skin.albedoColor.set(1, 0.8, 0.7)
  skin.shadeColor.set(0.8, 0.6, 0.5)
  const mouth = new MorphTarget('Mouth_A', 0, scene)
  const deform = (mesh: Mesh) => {
    const manager = new MorphTargetManager(scene)
    manager.addTarget(mouth)
    mesh.morphTargetManager = manager
  }
  const face = new Mesh('Face', scene)
  face.material = faceMaterial
  face.parent = root
  const features = new Mesh('FaceFeatures', scene)
  features.material = options.featuresUseFace ? faceMaterial : new StandardMaterial('Mouth', scene)
  features.parent = root
  const neck = new Mesh('Neck', scene)
  neck.material = skin
  neck.parent = root
  if (options.oneMesh) deform(face)
  else deform(features)
  const aa: ExpressionDef = {
    name: 'aa', isPreset: true, isBinary: false, overrideBlink: 'none', overrideLookAt: 'none', overrideMouth: 'none',
    morphBinds: [{ target: mouth, weight: 1 }], materialColorBinds: [], textureTransformBinds: [],
  }
  const slot: FaceSlot = { material: faceMaterial, texture: painted }
  const model = { root, expressions: new Map([['aa', aa]]), face: slot } as unknown as AvatarModel
  const generated = RawTexture.CreateRGBATexture(new Uint8Array(4 * 4 * 4), 4, 4, scene)
  return { scene, model, slot, faceMaterial, painted, generated, skin, face, features }
}

describe('wearing the generated face', () => {
  it('puts the texture on the face slot and hides the meshes expressions deform', () => {
    const head = buildHead()
    const worn = new WornFace(head.model, head.slot, head.generated, ['Skin'])
    expect(head.faceMaterial.diffuseTexture).toBe(head.generated)
    expect(head.slot.texture).toBe(head.generated)
    expect(head.features.isEnabled(false)).toBe(false)
    expect(head.face.isEnabled(false)).toBe(true)
    worn.remove()
  })

  it('recolours the skin to the border: lit colour, and unlit times the face shade', () => {
    const head = buildHead()
    const worn = new WornFace(head.model, head.slot, head.generated, ['Skin'])
    worn.matchSkin([0.5, 0.25, 1])
    const lit = new Color3(0.5, 0.25, 1).toLinearSpace()
    expect(head.skin.albedoColor.r).toBeCloseTo(lit.r, 5)
    expect(head.skin.albedoColor.b).toBeCloseTo(1, 5)
    const shadeGamma = head.faceMaterial.shadeColor.toGammaSpace()
    const unlit = new Color3(0.5 * shadeGamma.r, 0.25 * shadeGamma.g, shadeGamma.b).toLinearSpace()
    expect(head.skin.shadeColor.g).toBeCloseTo(unlit.g, 5)
    worn.remove()
  })

  it('restores the painted texture, the meshes and the skin when taken off', () => {
    const head = buildHead()
    const albedo = head.skin.albedoColor.clone()
    const worn = new WornFace(head.model, head.slot, head.generated, ['Skin'])
    worn.matchSkin([0.1, 0.1, 0.1])
    worn.remove()
    expect(head.faceMaterial.diffuseTexture).toBe(head.painted)
    expect(head.slot.texture).toBe(head.painted)
    expect(head.features.isEnabled(false)).toBe(true)
    expect(head.skin.albedoColor.equals(albedo)).toBe(true)
  })

  it('leaves a mesh hidden before it was worn hidden after', () => {
    const head = buildHead()
    head.features.setEnabled(false)
    new WornFace(head.model, head.slot, head.generated, ['Skin']).remove()
    expect(head.features.isEnabled(false)).toBe(false)
  })

  it('hides a deformed mesh that shows the face material too (the skin ring round the eyes)', () => {
    const head = buildHead({ featuresUseFace: true })
    expect(meshesToHide(head.model, head.faceMaterial)).toEqual([head.features])
  })

  it('never hides the only mesh that shows the face', () => {
    const head = buildHead({ oneMesh: true })
    expect(meshesToHide(head.model, head.faceMaterial)).toEqual([])
  })
})
