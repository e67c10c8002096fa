// The anchor as the generator holds it before writing: nodes, meshes, materials and the VRM
// semantics (humanoid, expressions, springs) referring to them by name. The VRM 1.0 and 0.x
// writers both read this, so the two files describe the same character.
import type { HumanoidHumanBoneName } from '@pixiv/types-vrmc-vrm-1.0'
import type { Geometry } from './geometry.ts'
import type { Rgba, Vec2, Vec3 } from './math.ts'

/** A node: a bone, a spring joint, or the holder of a mesh. Positions are model-space rest positions. */
export interface NodeDef {
  readonly name: string
  readonly parent: string | null
  readonly position: Vec3
  readonly human?: HumanoidHumanBoneName
  /** The mesh this node shows (mesh nodes sit at the origin, identity transform). */
  readonly mesh?: string
  /** Whether the skin binds this node as a joint. */
  readonly joint: boolean
}

/** How a material treats alpha (glTF alphaMode). */
export type AlphaMode = 'OPAQUE' | 'MASK' | 'BLEND'

/** A material: a glTF PBR fallback plus the MToon look VRM viewers use. */
export interface MaterialDef {
  readonly name: string
  /** Linear RGBA base colour factor. */
  readonly color: Rgba
  readonly texture?: string
  readonly alphaMode: AlphaMode
  readonly alphaCutoff?: number
  readonly doubleSided: boolean
  /** Flat colour, no lighting (KHR_materials_unlit): eyes, brows, mouth. */
  readonly unlit: boolean
  /** Linear RGB of the shaded side (MToon shadeColorFactor). */
  readonly shade: readonly [number, number, number]
  /** MToon outline width in metres (0: none). */
  readonly outlineM: number
  /** Marks the face texture slot (`extras.genanchorFaceSlot`), where a generated face is written. */
  readonly faceSlot: boolean
}

/** An image the file embeds. */
export interface TextureDef {
  readonly name: string
  readonly png: Uint8Array
  /** clamp: the edge texels repeat (face, iris); repeat: tiles. */
  readonly wrap: 'clamp' | 'repeat'
}

/** Triangles of one material, with optional morph targets (position offsets by morph name). */
export interface PrimitiveDef {
  readonly material: string
  readonly geometry: Geometry
  /** Per morph name, one offset per vertex; a morph absent here moves nothing in this primitive. */
  readonly morphs: ReadonlyMap<string, readonly Vec3[]>
}

/** A mesh: primitives that share the mesh's morph target list. */
export interface MeshDef {
  readonly name: string
  readonly primitives: readonly PrimitiveDef[]
  /** Morph target names in glTF order (empty: no morph targets). */
  readonly morphNames: readonly string[]
}

/** A morph target an expression drives: `weight` 0..1 at full expression. */
export interface MorphRef {
  readonly mesh: string
  readonly morph: string
  readonly weight: number
}

/** One expression, VRM 1.0 semantics. */
export interface ExpressionSpec {
  readonly name: string
  readonly preset: boolean
  readonly morphs: readonly MorphRef[]
  readonly materialColors: readonly { material: string; type: 'color' | 'emissionColor' | 'shadeColor'; target: Rgba }[]
  readonly textureTransforms: readonly { material: string; scale: Vec2; offset: Vec2 }[]
  readonly isBinary: boolean
  readonly overrideBlink: 'none' | 'block' | 'blend'
  readonly overrideLookAt: 'none' | 'block' | 'blend'
  readonly overrideMouth: 'none' | 'block' | 'blend'
}

/** A spring-bone collider on a node (offsets in the node's space, metres). */
export type ColliderSpec =
  | { readonly name: string; readonly node: string; readonly kind: 'sphere'; readonly offset: Vec3; readonly radius: number }
  | { readonly name: string; readonly node: string; readonly kind: 'capsule'; readonly offset: Vec3; readonly tail: Vec3; readonly radius: number }

/** A named set of colliders that springs refer to. */
export interface ColliderGroupSpec {
  readonly name: string
  readonly colliders: readonly string[]
}

/** Physics of one spring chain (the same for each joint but the tail). */
export interface SpringSettings {
  readonly stiffness: number
  readonly gravityPower: number
  readonly dragForce: number
  readonly hitRadius: number
}

/** A chain of joint nodes, root first, the last one its tail. */
export interface SpringSpec {
  readonly name: string
  readonly joints: readonly string[]
  readonly settings: SpringSettings
  readonly colliderGroups: readonly string[]
}

/** Eye look-at setup, VRM 1.0 semantics (degrees). */
export interface LookAtSpec {
  readonly offsetFromHead: Vec3
  /** Angle off the face's forward direction at which each map reaches its output (all four maps). */
  readonly inputMaxDeg: number
  readonly horizontalInnerDeg: number
  readonly horizontalOuterDeg: number
  readonly verticalDownDeg: number
  readonly verticalUpDeg: number
}

/** The whole character, ready for either writer. */
export interface AnchorScene {
  readonly nodes: readonly NodeDef[]
  readonly meshes: readonly MeshDef[]
  readonly materials: readonly MaterialDef[]
  readonly textures: readonly TextureDef[]
  readonly expressions: readonly ExpressionSpec[]
  readonly colliders: readonly ColliderSpec[]
  readonly colliderGroups: readonly ColliderGroupSpec[]
  readonly springs: readonly SpringSpec[]
  readonly lookAt: LookAtSpec
  /** Mesh node name → VRM first-person annotation. */
  readonly firstPerson: readonly { node: string; type: 'auto' | 'both' | 'thirdPersonOnly' | 'firstPersonOnly' }[]
}
