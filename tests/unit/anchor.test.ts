// The generated default anchor and avatar test files: structure checks on their glTF JSON.
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { beforeAll, describe, expect, it } from 'vitest'
import { generateAll } from '../../assets/anchor/generate.ts'
import { EXPRESSION_PRESETS, REQUIRED_HUMAN_BONES } from '../../systems/avatar/model.ts'

const ROOT = resolve(import.meta.dirname, '../..')

interface Accessor { count: number; min?: number[]; max?: number[]; bufferView?: number }
interface Primitive { attributes: Record<string, number>; material: number; targets?: { POSITION: number }[] }
interface Node { name: string; translation?: number[]; rotation?: number[]; children?: number[]; mesh?: number }
interface Json {
  nodes: Node[]
  meshes: { name: string; primitives: Primitive[]; extras?: { targetNames?: string[] } }[]
  materials: { name: string; pbrMetallicRoughness: { baseColorTexture?: { index: number } }; extras?: Record<string, unknown> }[]
  accessors: Accessor[]
  bufferViews: unknown[]
  images: { bufferView?: number }[]
  extensionsUsed?: string[]
  extensions?: Record<string, Record<string, unknown>>
}

/** The JSON chunk of a GLB file; throws when the container is broken. */
function readGlb(bytes: Uint8Array): Json {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  if (view.getUint32(0, true) !== 0x46546c67) throw new Error('not a GLB (magic)')
  if (view.getUint32(8, true) !== bytes.length) throw new Error(`GLB length ${view.getUint32(8, true)} but ${bytes.length} bytes`)
  const length = view.getUint32(12, true)
  return JSON.parse(new TextDecoder().decode(bytes.subarray(20, 20 + length))) as Json
}

/** Model-space rest position of every node (translations only: the generator never rotates bones). */
function worldPositions(json: Json): number[][] {
  const out: number[][] = json.nodes.map(() => [0, 0, 0])
  const visit = (i: number, parent: number[]): void => {
    const t = json.nodes[i].translation ?? [0, 0, 0]
    out[i] = [parent[0] + t[0], parent[1] + t[1], parent[2] + t[2]]
    for (const c of json.nodes[i].children ?? []) visit(c, out[i])
  }
  const children = new Set(json.nodes.flatMap((n) => n.children ?? []))
  json.nodes.forEach((_, i) => {
    if (!children.has(i)) visit(i, [0, 0, 0])
  })
  return out
}

type Vrm1 = {
  specVersion: string
  meta: Record<string, unknown>
  humanoid: { humanBones: Record<string, { node: number }> }
  expressions: { preset: Record<string, Expr>; custom: Record<string, Expr> }
  lookAt: { type: string; offsetFromHeadBone: number[] }
  firstPerson: { meshAnnotations: { node: number; type: string }[] }
}
type Expr = {
  morphTargetBinds?: { node: number; index: number; weight: number }[]
  materialColorBinds?: { material: number }[]
  textureTransformBinds?: { material: number }[]
}

let files: Map<string, Uint8Array>
let anchor: Json
let vrm: Vrm1

/** Generation takes ~0.5 s here; the margin is for a machine busy with browser tests. */
const GENERATE_TIMEOUT_MS = 30_000

beforeAll(() => {
  files = generateAll()
  anchor = readGlb(files.get('assets/anchor/anchor.vrm')!)
  vrm = anchor.extensions!.VRMC_vrm as unknown as Vrm1
}, GENERATE_TIMEOUT_MS)

/** Number of morph targets of the mesh on `node`, the same in every primitive. */
function morphCount(json: Json, node: number): number {
  const mesh = json.meshes[json.nodes[node].mesh!]
  const counts = new Set(mesh.primitives.map((p) => p.targets?.length ?? 0))
  expect(counts.size).toBe(1)
  return [...counts][0]
}

describe('the default anchor (assets/anchor/anchor.vrm)', () => {
  it('is a VRM 1.0 binary glTF with spring bones, under 2 MB', () => {
    const bytes = files.get('assets/anchor/anchor.vrm')!
    expect(bytes.length).toBeLessThan(2 * 1024 * 1024)
    expect(anchor.extensionsUsed).toEqual(expect.arrayContaining(['VRMC_vrm', 'VRMC_springBone', 'VRMC_materials_mtoon']))
    expect(vrm.specVersion).toBe('1.0')
    expect(anchor.extensions!.VRMC_springBone.specVersion).toBe('1.0')
  })

  it('maps every required human bone, plus chest, neck, shoulders and eyes, to distinct unrotated nodes', () => {
    const wanted = [...REQUIRED_HUMAN_BONES, 'chest', 'upperChest', 'neck', 'leftShoulder', 'rightShoulder', 'leftEye', 'rightEye']
    const bones = vrm.humanoid.humanBones
    for (const name of wanted) {
      expect(bones[name], name).toBeDefined()
      expect(anchor.nodes[bones[name].node], name).toBeDefined()
      expect(anchor.nodes[bones[name].node].rotation, name).toBeUndefined()
    }
    const nodes = Object.values(bones).map((b) => b.node)
    expect(new Set(nodes).size).toBe(nodes.length)
  })

  it('stands about 1.55 m tall on y = 0, facing +Z with its left hand towards +X', () => {
    const positions = anchor.meshes.flatMap((m) => m.primitives.map((p) => anchor.accessors[p.attributes.POSITION]))
    const minY = Math.min(...positions.map((a) => a.min![1]))
    const maxY = Math.max(...positions.map((a) => a.max![1]))
    expect(minY).toBeGreaterThan(-0.002)
    expect(minY).toBeLessThan(0.005)
    expect(maxY).toBeGreaterThan(1.5)
    expect(maxY).toBeLessThan(1.62)
    const world = worldPositions(anchor)
    const bone = (name: string): number[] => world[vrm.humanoid.humanBones[name].node]
    expect(bone('leftUpperArm')[0]).toBeGreaterThan(0.05)
    expect(bone('rightUpperArm')[0]).toBeLessThan(-0.05)
    expect(bone('leftEye')[2]).toBeGreaterThan(bone('head')[2])
    expect(bone('head')[1]).toBeGreaterThan(bone('neck')[1])
    expect(bone('leftFoot')[1]).toBeLessThan(bone('leftLowerLeg')[1])
  })

  it('has all 18 VRM 1.0 presets and a custom wink, each bound to morph targets that exist', () => {
    expect(EXPRESSION_PRESETS).toHaveLength(18)
    for (const name of EXPRESSION_PRESETS) expect(Object.keys(vrm.expressions.preset), name).toContain(name)
    expect(Object.keys(vrm.expressions.custom)).toEqual(['wink'])
    for (const [name, e] of [...Object.entries(vrm.expressions.preset), ...Object.entries(vrm.expressions.custom)]) {
      expect(e.morphTargetBinds?.length, name).toBeGreaterThan(0)
      for (const bind of e.morphTargetBinds!) {
        expect(anchor.nodes[bind.node].name, name).toBe('FaceFeatures')
        expect(bind.index, name).toBeLessThan(morphCount(anchor, bind.node))
        expect(bind.weight).toBeGreaterThan(0)
        expect(bind.weight).toBeLessThanOrEqual(1)
      }
    }
  })

  it('names its morph targets, and binds a material colour (happy) and a texture transform (surprised)', () => {
    const features = anchor.meshes.find((m) => m.name === 'FaceFeatures')!
    expect(features.extras?.targetNames).toHaveLength(features.primitives[0].targets!.length)
    const happy = vrm.expressions.preset.happy
    expect(anchor.materials[happy.materialColorBinds![0].material].name).toBe('Blush')
    const surprised = vrm.expressions.preset.surprised
    expect(anchor.materials[surprised.textureTransformBinds![0].material].name).toBe('Iris')
  })

  it('has a UV-mapped face slot (FaceSkin) with its texture, and a separate FaceFeatures node', () => {
    const face = anchor.materials.findIndex((m) => m.name === 'FaceSkin')
    expect(anchor.materials[face].extras?.genanchorFaceSlot).toBe(true)
    expect(anchor.materials[face].pbrMetallicRoughness.baseColorTexture).toBeDefined()
    const faceMesh = anchor.meshes.find((m) => m.name === 'Face')!
    const uv = anchor.accessors[faceMesh.primitives[0].attributes.TEXCOORD_0]
    expect(faceMesh.primitives[0].material).toBe(face)
    expect(uv).toBeDefined()
    expect(anchor.nodes.some((n) => n.name === 'FaceFeatures' && n.mesh !== undefined)).toBe(true)
  })

  it('looks with its eye bones and annotates every mesh for first person', () => {
    expect(vrm.lookAt.type).toBe('bone')
    expect(vrm.lookAt.offsetFromHeadBone[1]).toBeGreaterThan(0.05)
    const meshNodes = anchor.nodes.flatMap((n, i) => (n.mesh !== undefined ? [i] : []))
    expect(vrm.firstPerson.meshAnnotations.map((a) => a.node).sort()).toEqual(meshNodes.sort())
  })

  it('has spring chains of parent-child nodes and colliders in groups', () => {
    const sb = anchor.extensions!.VRMC_springBone as unknown as {
      colliders: { node: number; shape: { sphere?: unknown; capsule?: unknown } }[]
      colliderGroups: { colliders: number[] }[]
      springs: { joints: { node: number; stiffness: number; hitRadius: number; dragForce: number; gravityPower: number }[]; colliderGroups?: number[] }[]
    }
    expect(sb.springs.length).toBeGreaterThanOrEqual(4)
    for (const spring of sb.springs) {
      expect(spring.joints.length).toBeGreaterThanOrEqual(2)
      spring.joints.forEach((j, i) => {
        expect(anchor.nodes[j.node]).toBeDefined()
        if (i > 0) expect(anchor.nodes[spring.joints[i - 1].node].children).toContain(j.node)
        expect(j.dragForce).toBeGreaterThanOrEqual(0)
        expect(j.dragForce).toBeLessThanOrEqual(1)
      })
      for (const g of spring.colliderGroups ?? []) expect(sb.colliderGroups[g]).toBeDefined()
    }
    for (const g of sb.colliderGroups) for (const c of g.colliders) expect(sb.colliders[c]).toBeDefined()
    expect(sb.colliders.some((c) => c.shape.sphere)).toBe(true)
    expect(sb.colliders.some((c) => c.shape.capsule)).toBe(true)
  })

  it('carries the project meta: anyone may use, change and redistribute it', () => {
    expect(vrm.meta).toMatchObject({
      name: 'GenAnchor Host',
      authors: ['GenAnchor project'],
      avatarPermission: 'everyone',
      commercialUsage: 'corporation',
      allowRedistribution: true,
      modification: 'allowModificationRedistribution',
      creditNotation: 'unnecessary',
    })
    expect(vrm.meta.licenseUrl).toMatch(/^https:\/\//)
  })

  it('is generated byte-identically every time, and the committed files are up to date', () => {
    const again = generateAll()
    expect([...again.keys()]).toEqual([...files.keys()])
    for (const [path, bytes] of files) {
      expect(Buffer.compare(Buffer.from(again.get(path)!), Buffer.from(bytes)), path).toBe(0)
      const committed = readFileSync(join(ROOT, path))
      expect(Buffer.compare(committed, Buffer.from(bytes)), `${path} is stale: run npx tsx assets/anchor/generate.ts`).toBe(0)
    }
  }, GENERATE_TIMEOUT_MS)
})

describe('avatar test files (tests/fixtures/avatars)', () => {
  const fixture = (name: string): Uint8Array => files.get(`tests/fixtures/avatars/${name}`)!

  it('anchor-vrm0.vrm is the same character in VRM 0.x: 0.x names, 0..100 weights, facing -Z', () => {
    const json = readGlb(fixture('anchor-vrm0.vrm'))
    expect(json.extensionsUsed).toContain('VRM')
    expect(json.extensions!.VRMC_vrm).toBeUndefined()
    const ext = json.extensions!.VRM as unknown as {
      meta: Record<string, unknown>
      humanoid: { humanBones: { bone: string; node: number }[] }
      blendShapeMaster: { blendShapeGroups: { presetName: string; binds: { mesh: number; index: number; weight: number }[] }[] }
      secondaryAnimation: { boneGroups: { bones: number[]; colliderGroups: number[] }[]; colliderGroups: { node: number }[] }
    }
    expect(ext.meta).toMatchObject({ title: 'GenAnchor Host', author: 'GenAnchor project', allowedUserName: 'Everyone', commercialUssageName: 'Allow' })
    const presets = ext.blendShapeMaster.blendShapeGroups.map((g) => g.presetName)
    for (const p of ['a', 'i', 'u', 'e', 'o', 'blink', 'blink_l', 'blink_r', 'joy', 'angry', 'sorrow', 'fun', 'lookup', 'lookdown', 'lookleft', 'lookright', 'neutral']) expect(presets, p).toContain(p)
    for (const g of ext.blendShapeMaster.blendShapeGroups) {
      for (const b of g.binds) {
        const targets = json.meshes[b.mesh].primitives[0].targets?.length ?? 0
        expect(b.index).toBeLessThan(targets)
        expect(b.weight).toBeGreaterThan(1)
        expect(b.weight).toBeLessThanOrEqual(100)
      }
    }
    const bones = new Map(ext.humanoid.humanBones.map((b) => [b.bone, b.node]))
    expect(bones.has('leftThumbIntermediate')).toBe(true)
    expect(bones.has('leftThumbMetacarpal')).toBe(false)
    const world = worldPositions(json)
    expect(world[bones.get('leftUpperArm')!][0]).toBeLessThan(-0.05)
    expect(world[bones.get('leftEye')!][2]).toBeLessThan(world[bones.get('head')!][2])
    for (const g of ext.secondaryAnimation.boneGroups) {
      for (const b of g.bones) expect(json.nodes[b]).toBeDefined()
      for (const c of g.colliderGroups) expect(ext.secondaryAnimation.colliderGroups[c]).toBeDefined()
    }
  })

  it('minimal.vrm is a complete VRM 1.0 of a few KiB', () => {
    const json = readGlb(fixture('minimal.vrm'))
    const ext = json.extensions!.VRMC_vrm as unknown as Vrm1
    expect(ext.specVersion).toBe('1.0')
    for (const name of REQUIRED_HUMAN_BONES) expect(json.nodes[ext.humanoid.humanBones[name].node]).toBeDefined()
    expect(fixture('minimal.vrm').length).toBeLessThan(64 * 1024)
  })

  it('each broken file has exactly its fault', () => {
    const truncated = fixture('truncated.vrm')
    expect(() => readGlb(truncated)).toThrow(/GLB length/)
    expect(truncated.length).toBe(Math.floor(files.get('assets/anchor/anchor.vrm')!.length * 0.6))
    expect(() => readGlb(fixture('not-gltf.vrm'))).toThrow(/magic/)
    const plain = readGlb(fixture('no-humanoid.glb'))
    expect(plain.extensions).toBeUndefined()
    expect(plain.extensionsUsed).toBeUndefined()
    expect((readGlb(fixture('unknown-version.vrm')).extensions!.VRMC_vrm as unknown as Vrm1).specVersion).toBe('2.0')
    const missing = readGlb(fixture('missing-texture.vrm'))
    expect(missing.images[0].bufferView).toBeGreaterThanOrEqual(missing.bufferViews.length)
    const bad = readGlb(fixture('bad-bones.vrm'))
    const badVrm = bad.extensions!.VRMC_vrm as unknown as Vrm1
    expect(badVrm.humanoid.humanBones.hips.node).toBeGreaterThanOrEqual(bad.nodes.length)
    const bind = badVrm.expressions.preset.aa.morphTargetBinds![0]
    expect(bind.index).toBeGreaterThanOrEqual(morphCount(bad, bind.node))
  })
})
