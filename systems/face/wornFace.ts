// Putting the generated face on an avatar's face slot, and taking it off again exactly.
import type { Material } from '@babylonjs/core/Materials/material'
import type { BaseTexture } from '@babylonjs/core/Materials/Textures/baseTexture'
import { Color3 } from '@babylonjs/core/Maths/math.color'
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh'
import type { MorphTarget } from '@babylonjs/core/Morph/morphTarget'
import type { AvatarModel, FaceSlot } from '../avatar/index.ts'

/** A material colour changed by skin matching, with its value from before. */
interface SavedColor {
  readonly color: Color3
  readonly before: Color3
  /** Colour of the face material for the same role (lit base or unlit shade), gamma space. */
  readonly faceGamma: Color3
}

const gamma = new Color3()

/**
 * The generated face on one avatar. Wearing it:
 * - puts the texture on the face slot's material (base colour texture);
 * - hides the meshes the avatar's expressions deform (on the default anchor, `FaceFeatures`: the
 *   drawn eyes, brows, mouth, blush and lashes), because the generator draws the expression itself;
 * - optionally recolours the untextured skin to the face's border.
 *
 * Expression binds keep working on what they were built for: the mixer captured the painted
 * texture's transform at spawn, so a texture-transform bind on the face material (VRM's way of
 * flipping between painted expressions on an atlas) moves only the painted texture, never the
 * generated one, which always fills the slot as the generator drew it. Morph and colour binds
 * act on the hidden meshes, harmlessly. `remove()` restores everything as it was.
 */
export class WornFace {
  private readonly hidden: AbstractMesh[] = []
  private readonly original: BaseTexture | null
  private readonly skin: SavedColor[] = []

  constructor(readonly model: AvatarModel, readonly slot: FaceSlot, texture: BaseTexture, skinMaterials: readonly string[]) {
    this.original = slot.texture
    if (slot.texture) texture.gammaSpace = slot.texture.gammaSpace
    setBaseTexture(slot.material, texture)
    slot.texture = texture
    for (const mesh of meshesToHide(model, slot.material)) {
      if (!mesh.isEnabled(false)) continue
      mesh.setEnabled(false)
      this.hidden.push(mesh)
    }
    this.saveSkin(skinMaterials)
  }

  /** Sets the skin to the face's border colour `border` (sRGB 0..1), times the face material's own colours. */
  matchSkin(border: readonly [number, number, number]): void {
    for (const saved of this.skin) {
      gamma.set(border[0] * saved.faceGamma.r, border[1] * saved.faceGamma.g, border[2] * saved.faceGamma.b)
      gamma.toLinearSpaceToRef(saved.color)
    }
  }

  /** Puts the painted texture back, shows the hidden meshes and restores the skin. */
  remove(): void {
    setBaseTexture(this.slot.material, this.original)
    this.slot.texture = this.original
    for (const mesh of this.hidden) mesh.setEnabled(true)
    for (const saved of this.skin) saved.color.copyFrom(saved.before)
    this.hidden.length = 0
    this.skin.length = 0
  }

  /** Remembers the lit (`albedoColor`) and unlit (`shadeColor`, toon materials) colours of the named skin materials. */
  private saveSkin(names: readonly string[]): void {
    const face = this.slot.material as unknown as Record<string, unknown>
    const materials = new Set<Material>()
    for (const mesh of this.model.root.getChildMeshes()) {
      if (mesh.material && names.includes(mesh.material.name) && mesh.material !== this.slot.material) materials.add(mesh.material)
    }
    for (const material of materials) {
      const fields = material as unknown as Record<string, unknown>
      for (const role of ['albedoColor', 'shadeColor']) {
        const color = fields[role]
        const faceColor = face[role]
        if (!(color instanceof Color3)) continue
        const faceGamma = faceColor instanceof Color3 ? faceColor.toGammaSpace() : new Color3(1, 1, 1)
        this.skin.push({ color, before: color.clone(), faceGamma })
      }
    }
  }
}

/**
 * The meshes to hide under a generated face: those whose morph targets the avatar's expressions
 * drive. If that would hide every mesh showing the face material (a face drawn on one deforming
 * mesh), those are kept: the slot must stay visible.
 */
export function meshesToHide(model: AvatarModel, faceMaterial: Material): AbstractMesh[] {
  const driven = new Set<MorphTarget>()
  for (const expression of model.expressions.values()) for (const bind of expression.morphBinds) driven.add(bind.target)
  const meshes = model.root.getChildMeshes()
  const deformed = meshes.filter((mesh) => {
    const manager = mesh.morphTargetManager
    if (!manager) return false
    for (let i = 0; i < manager.numTargets; i++) if (driven.has(manager.getTarget(i))) return true
    return false
  })
  const showsFace = (mesh: AbstractMesh) => mesh.material === faceMaterial
  const faceStaysVisible = meshes.some((mesh) => showsFace(mesh) && !deformed.includes(mesh))
  return faceStaysVisible ? deformed : deformed.filter((mesh) => !showsFace(mesh))
}

/** Sets the base colour texture of the materials the avatar loader makes (toon StandardMaterial, or PBR's albedo). */
function setBaseTexture(material: Material, texture: BaseTexture | null): void {
  const fields = material as unknown as Record<string, unknown>
  if ('albedoTexture' in fields && !('diffuseTexture' in fields)) fields.albedoTexture = texture
  else fields.diffuseTexture = texture
}
