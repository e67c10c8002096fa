// Writes an `AnchorScene` as glTF 2.0 JSON plus one binary buffer: nodes with translations only,
// one skin, meshes with skinning and morph targets (sparse where they move few vertices),
// materials and embedded PNG textures. VRM extensions are added by the callers.
import type { Geometry } from './geometry.ts'
import { round6, type Vec3 } from './math.ts'
import type { AnchorScene, MaterialDef, MeshDef, PrimitiveDef } from './scene.ts'

/** The glTF JSON document, loosely typed: the writers fill in what they need. */
export type GltfJson = Record<string, unknown> & {
  nodes: GltfNode[]
  meshes: { name: string; primitives: unknown[]; weights?: number[]; extras?: { targetNames: string[] } }[]
  materials: GltfMaterial[]
  images: { name: string; mimeType: string; bufferView?: number; uri?: string }[]
  extensionsUsed: string[]
  extensions: Record<string, unknown>
}

/** A glTF node as written. */
export interface GltfNode {
  name: string
  translation?: number[]
  children?: number[]
  mesh?: number
  skin?: number
}

/** A glTF material as written. */
export interface GltfMaterial {
  name: string
  pbrMetallicRoughness: { baseColorFactor: number[]; baseColorTexture?: { index: number }; metallicFactor: number; roughnessFactor: number }
  alphaMode: string
  alphaCutoff?: number
  doubleSided: boolean
  extensions?: Record<string, unknown>
  extras?: Record<string, unknown>
}

/** Where each named thing ended up in the file. */
export interface GltfIndex {
  node(name: string): number
  mesh(name: string): number
  material(name: string): number
  texture(name: string): number
  morph(mesh: string, morph: string): number
}

/** The material extras key the runtime looks for to find the face texture slot (systems/avatar/vrm/extensions/faceSlot.ts). */
export const FACE_SLOT_EXTRA = 'genanchorFaceSlot'

const FLOAT = 5126
const UNSIGNED_BYTE = 5121
const UNSIGNED_SHORT = 5123
const UNSIGNED_INT = 5125
const ARRAY_BUFFER = 34962
const ELEMENT_ARRAY_BUFFER = 34963

/** Collects binary data into 4-byte-aligned buffer views. */
class BinaryBuilder {
  readonly views: { buffer: number; byteOffset: number; byteLength: number; target?: number }[] = []
  private readonly chunks: Uint8Array[] = []
  private length = 0

  view(bytes: Uint8Array, target?: number): number {
    const pad = (4 - (this.length % 4)) % 4
    if (pad) this.chunks.push(new Uint8Array(pad))
    this.length += pad
    this.views.push({ buffer: 0, byteOffset: this.length, byteLength: bytes.length, ...(target ? { target } : {}) })
    this.chunks.push(bytes)
    this.length += bytes.length
    return this.views.length - 1
  }

  bytes(): Uint8Array {
    const pad = (4 - (this.length % 4)) % 4
    const out = new Uint8Array(this.length + pad)
    let o = 0
    for (const c of this.chunks) {
      out.set(c, o)
      o += c.length
    }
    return out
  }
}

const asBytes = (a: Float32Array | Uint16Array | Uint32Array | Uint8Array): Uint8Array => new Uint8Array(a.buffer, a.byteOffset, a.byteLength)

function minMax(values: Float32Array, size: number): { min: number[]; max: number[] } {
  const min = new Array<number>(size).fill(Infinity)
  const max = new Array<number>(size).fill(-Infinity)
  for (let i = 0; i < values.length; i++) {
    const k = i % size
    if (values[i] < min[k]) min[k] = values[i]
    if (values[i] > max[k]) max[k] = values[i]
  }
  // Bounds as float32 values, so they match the data exactly.
  return { min: min.map((v) => (Number.isFinite(v) ? Math.fround(v) : 0)), max: max.map((v) => (Number.isFinite(v) ? Math.fround(v) : 0)) }
}

const flat3 = (vs: readonly Vec3[]): Float32Array => {
  const out = new Float32Array(vs.length * 3)
  vs.forEach((v, i) => out.set(v, i * 3))
  return out
}

/** Builds the JSON and binary buffer. */
class Writer {
  readonly bin = new BinaryBuilder()
  readonly accessors: Record<string, unknown>[] = []

  accessor(data: Float32Array | Uint16Array | Uint32Array | Uint8Array, type: 'SCALAR' | 'VEC2' | 'VEC3' | 'VEC4' | 'MAT4', componentType: number, target?: number, bounds = false): number {
    const size = { SCALAR: 1, VEC2: 2, VEC3: 3, VEC4: 4, MAT4: 16 }[type]
    const acc: Record<string, unknown> = { bufferView: this.bin.view(asBytes(data), target), componentType, count: data.length / size, type }
    if (bounds && data instanceof Float32Array) Object.assign(acc, minMax(data, size))
    this.accessors.push(acc)
    return this.accessors.length - 1
  }

  /** A VEC3 morph offset accessor: nothing stored when all zero, sparse when few vertices move. */
  morphAccessor(deltas: readonly Vec3[] | undefined, count: number): number {
    const data = deltas ? flat3(deltas) : new Float32Array(count * 3)
    const moved: number[] = []
    for (let v = 0; v < count; v++) if (data[v * 3] !== 0 || data[v * 3 + 1] !== 0 || data[v * 3 + 2] !== 0) moved.push(v)
    const acc: Record<string, unknown> = { componentType: FLOAT, count, type: 'VEC3', ...minMax(data, 3) }
    if (moved.length > 0 && moved.length * 2 > count) {
      acc.bufferView = this.bin.view(asBytes(data), ARRAY_BUFFER)
    } else if (moved.length > 0) {
      const values = new Float32Array(moved.length * 3)
      moved.forEach((v, i) => values.set(data.subarray(v * 3, v * 3 + 3), i * 3))
      const big = count > 65535
      const indices = big ? Uint32Array.from(moved) : Uint16Array.from(moved)
      acc.sparse = {
        count: moved.length,
        indices: { bufferView: this.bin.view(asBytes(indices)), componentType: big ? UNSIGNED_INT : UNSIGNED_SHORT },
        values: { bufferView: this.bin.view(asBytes(values)) },
      }
    }
    this.accessors.push(acc)
    return this.accessors.length - 1
  }
}

function primitiveJson(w: Writer, prim: PrimitiveDef, mesh: MeshDef, jointIndex: (bone: string) => number, materialIndex: number): Record<string, unknown> {
  const g: Geometry = prim.geometry
  const n = g.vertexCount
  const joints = new Uint8Array(n * 4)
  const weights = new Float32Array(n * 4)
  g.skins.forEach((skin, v) => {
    skin.forEach(([bone, weight], k) => {
      joints[v * 4 + k] = jointIndex(bone)
      weights[v * 4 + k] = weight
    })
  })
  const attributes: Record<string, number> = {
    POSITION: w.accessor(flat3(g.positions), 'VEC3', FLOAT, ARRAY_BUFFER, true),
    NORMAL: w.accessor(flat3(g.normals.map((nv) => nv ?? [0, 1, 0])), 'VEC3', FLOAT, ARRAY_BUFFER),
  }
  if (g.hasUv) {
    const uv = new Float32Array(n * 2)
    g.uvs.forEach((t, i) => uv.set(t, i * 2))
    attributes.TEXCOORD_0 = w.accessor(uv, 'VEC2', FLOAT, ARRAY_BUFFER)
  }
  attributes.JOINTS_0 = w.accessor(joints, 'VEC4', UNSIGNED_BYTE, ARRAY_BUFFER)
  attributes.WEIGHTS_0 = w.accessor(weights, 'VEC4', FLOAT, ARRAY_BUFFER)
  const big = n > 65535
  const indices = w.accessor(big ? Uint32Array.from(g.indices) : Uint16Array.from(g.indices), 'SCALAR', big ? UNSIGNED_INT : UNSIGNED_SHORT, ELEMENT_ARRAY_BUFFER)
  const out: Record<string, unknown> = { attributes, indices, material: materialIndex, mode: 4 }
  if (mesh.morphNames.length > 0) out.targets = mesh.morphNames.map((name) => ({ POSITION: w.morphAccessor(prim.morphs.get(name), n) }))
  return out
}

function materialJson(m: MaterialDef, textureIndex: (name: string) => number): GltfMaterial {
  const out: GltfMaterial = {
    name: m.name,
    pbrMetallicRoughness: { baseColorFactor: m.color.map(round6), metallicFactor: 0, roughnessFactor: 0.9 },
    alphaMode: m.alphaMode,
    doubleSided: m.doubleSided,
  }
  if (m.texture) out.pbrMetallicRoughness.baseColorTexture = { index: textureIndex(m.texture) }
  if (m.alphaMode === 'MASK') out.alphaCutoff = m.alphaCutoff ?? 0.5
  if (m.unlit) out.extensions = { KHR_materials_unlit: {} }
  if (m.faceSlot) out.extras = { [FACE_SLOT_EXTRA]: true }
  return out
}

const lookup = (kind: string, names: readonly string[]) => (name: string): number => {
  const i = names.indexOf(name)
  if (i < 0) throw new Error(`anchor generator: no ${kind} named ${name}`)
  return i
}

/** Nodes with local translations (parent to child differences) and their children lists. */
function nodesJson(scene: AnchorScene, node: (name: string) => number, mesh: (name: string) => number): GltfNode[] {
  const position = new Map(scene.nodes.map((n) => [n.name, n.position]))
  const nodes: GltfNode[] = scene.nodes.map((n) => {
    const parent = n.parent ? position.get(n.parent)! : [0, 0, 0]
    const t = [n.position[0] - parent[0], n.position[1] - parent[1], n.position[2] - parent[2]].map((v) => round6(Math.fround(v)))
    const out: GltfNode = { name: n.name }
    if (t.some((v) => v !== 0)) out.translation = t
    if (n.mesh) Object.assign(out, { mesh: mesh(n.mesh), skin: 0 })
    return out
  })
  scene.nodes.forEach((n, i) => {
    if (!n.parent) return
    const p = nodes[node(n.parent)]
    p.children = [...(p.children ?? []), i]
  })
  return nodes
}

/** The one skin: every joint node, and its inverse bind matrices. */
function skinJson(w: Writer, scene: AnchorScene, node: (name: string) => number): Record<string, unknown> {
  const joints = scene.nodes.filter((n) => n.joint)
  // Bones are never rotated at rest, so each inverse bind matrix is a plain translation.
  const ibm = new Float32Array(joints.length * 16)
  joints.forEach((j, k) => ibm.set([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1, 0, -j.position[0], -j.position[1], -j.position[2], 1], k * 16))
  return { name: 'Armature', inverseBindMatrices: w.accessor(ibm, 'MAT4', FLOAT), joints: joints.map((j) => node(j.name)), skeleton: node('Hips') }
}

/** The glTF part of the file: JSON, binary chunk and the index of everything by name. */
export function writeGltf(scene: AnchorScene, generator: string): { json: GltfJson; bin: Uint8Array; index: GltfIndex } {
  const w = new Writer()
  const nodeNames = scene.nodes.map((n) => n.name)
  const node = lookup('node', nodeNames)
  const jointNames = scene.nodes.filter((n) => n.joint).map((n) => n.name)
  const joint = lookup('joint', jointNames)
  const material = lookup('material', scene.materials.map((m) => m.name))
  const texture = lookup('texture', scene.textures.map((t) => t.name))
  const mesh = lookup('mesh', scene.meshes.map((m) => m.name))
  const nodes = nodesJson(scene, node, mesh)
  const skins = [skinJson(w, scene, node)]

  const meshes = scene.meshes.map((m) => {
    const out: GltfJson['meshes'][number] = { name: m.name, primitives: m.primitives.map((p) => primitiveJson(w, p, m, joint, material(p.material))) }
    if (m.morphNames.length > 0) {
      out.weights = m.morphNames.map(() => 0)
      out.extras = { targetNames: [...m.morphNames] }
    }
    return out
  })

  const samplers = [
    { magFilter: 9729, minFilter: 9987, wrapS: 33071, wrapT: 33071 },
    { magFilter: 9729, minFilter: 9987, wrapS: 10497, wrapT: 10497 },
  ]
  const images = scene.textures.map((t) => ({ name: t.name, mimeType: 'image/png', bufferView: w.bin.view(t.png) }))
  const textures = scene.textures.map((t, i) => ({ name: t.name, sampler: t.wrap === 'clamp' ? 0 : 1, source: i }))

  const json: GltfJson = {
    asset: { version: '2.0', generator },
    extensionsUsed: [],
    extensions: {},
    scene: 0,
    scenes: [{ name: 'Scene', nodes: scene.nodes.flatMap((n, i) => (n.parent ? [] : [i])) }],
    nodes,
    skins,
    meshes,
    materials: scene.materials.map((m) => materialJson(m, texture)),
    textures,
    samplers,
    images,
    accessors: w.accessors,
    bufferViews: w.bin.views,
    buffers: [] as unknown[],
  }
  if (scene.materials.some((m) => m.unlit)) json.extensionsUsed.push('KHR_materials_unlit')
  const index: GltfIndex = {
    node,
    mesh,
    material,
    texture,
    morph: (meshName, morph) => {
      const m = scene.meshes[mesh(meshName)]
      return lookup(`morph target of ${meshName}`, m.morphNames)(morph)
    },
  }
  return { json, bin: w.bin.bytes(), index }
}

/** Packs JSON and binary data into a GLB container (glTF 2.0 binary). */
export function packGlb(json: GltfJson, bin: Uint8Array): Uint8Array {
  json.buffers = [{ byteLength: bin.length }]
  // glTF forbids empty arrays and objects where they are optional.
  const { extensionsUsed, extensions, ...rest } = json
  const doc = { ...rest, ...(extensionsUsed.length ? { extensionsUsed } : {}), ...(Object.keys(extensions).length ? { extensions } : {}) }
  const text = new TextEncoder().encode(JSON.stringify(doc))
  // The JSON chunk is padded with spaces, the binary chunk with zeros, both to 4 bytes.
  const jsonLen = Math.ceil(text.length / 4) * 4
  const total = 12 + 8 + jsonLen + 8 + bin.length
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x46546c67, true) // 'glTF'
  view.setUint32(4, 2, true)
  view.setUint32(8, total, true)
  view.setUint32(12, jsonLen, true)
  view.setUint32(16, 0x4e4f534a, true) // 'JSON'
  out.set(text, 20)
  out.fill(0x20, 20 + text.length, 20 + jsonLen)
  view.setUint32(20 + jsonLen, bin.length, true)
  view.setUint32(24 + jsonLen, 0x004e4942, true) // 'BIN\0'
  out.set(bin, 28 + jsonLen)
  return out
}
