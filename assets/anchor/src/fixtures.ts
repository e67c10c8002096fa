// Avatar test files (tests/fixtures/avatars/): the anchor as VRM 0.x, a minimal valid VRM 1.0,
// and broken files, each with exactly one kind of fault. The broken ones are built on the minimal
// avatar (a few KiB) except `truncated.vrm`, which is cut from the real anchor.
import { Geometry, rigid } from './geometry.ts'
import { packGlb, writeGltf, type GltfJson } from './gltf.ts'
import type { Vec3 } from './math.ts'
import { encodePng } from './png.ts'
import type { AnchorScene, ExpressionSpec, NodeDef } from './scene.ts'
import { ellipsoid } from './shapes.ts'
import { Body } from './proportions.ts'
import { faceTexture } from './textures.ts'
import { addVrm1, GENERATOR } from './vrm1.ts'
import { writeVrm0 } from './vrm0.ts'

/** A 4×4 checker, so the minimal avatar has one real texture. */
function checker(): Uint8Array {
  const px = new Uint8Array(4 * 4 * 4)
  for (let i = 0; i < 16; i++) px.set(((i >> 2) + i) % 2 ? [255, 220, 200, 255] : [240, 160, 190, 255], i * 4)
  return encodePng(4, 4, px)
}

/**
 * The smallest avatar that is still a full VRM 1.0: the anchor's skeleton, a skinned body and
 * head of one textured material, one morph target and the `aa` and `happy` expressions.
 */
export function minimalScene(anchor: AnchorScene): AnchorScene {
  const bones = anchor.nodes.filter((n) => n.human)
  const nodes: NodeDef[] = [anchor.nodes[0], ...bones, { name: 'Body', parent: null, position: [0, 0, 0], mesh: 'Body', joint: false }]
  const at = (name: string): Vec3 => bones.find((b) => b.name === name)!.position
  const g = new Geometry()
  const hips = at('Hips')
  ellipsoid(g, [0, (hips[1] + 1.2) / 2, 0], [0.13, 0, 0], [0, (1.2 - hips[1]) / 2 + 0.05, 0], [0, 0, 0.09], () => rigid('Spine'), { cols: 12, rows: 8, uv: true })
  const headStart = g.vertexCount
  ellipsoid(g, Body.headCentre, [0.09, 0, 0], [0, 0.11, 0], [0, 0, 0.1], () => rigid('Head'), { cols: 12, rows: 8, uv: true })
  g.computeNormals()
  // The mouth: the head's front-lower vertices move down a little.
  const mouth = g.positions.map((p, i): Vec3 => (i >= headStart && p[2] > 0.06 && p[1] < Body.headCentre[1] ? [0, -0.01, 0] : [0, 0, 0]))
  const expression = (name: string, morph: boolean, colour: boolean): ExpressionSpec => ({
    name,
    preset: true,
    morphs: morph ? [{ mesh: 'Body', morph: 'Mouth_A', weight: 1 }] : [],
    materialColors: colour ? [{ material: 'Skin', type: 'color', target: [1, 0.8, 0.8, 1] }] : [],
    textureTransforms: [],
    isBinary: false,
    overrideBlink: 'none',
    overrideLookAt: 'none',
    overrideMouth: 'none',
  })
  return {
    nodes,
    meshes: [{ name: 'Body', morphNames: ['Mouth_A'], primitives: [{ material: 'Skin', geometry: g, morphs: new Map([['Mouth_A', mouth]]) }] }],
    materials: [{ ...anchor.materials.find((m) => m.name === 'Skin')!, color: [1, 1, 1, 1], texture: 'Checker' }],
    textures: [{ name: 'Checker', png: checker(), wrap: 'repeat' }],
    expressions: [expression('aa', true, false), expression('happy', false, true)],
    colliders: [],
    colliderGroups: [],
    springs: [],
    lookAt: anchor.lookAt,
    firstPerson: [{ node: 'Body', type: 'auto' }],
  }
}

/** The minimal avatar as VRM 1.0, after `breakIt` has edited its JSON. */
function minimalVrm(anchor: AnchorScene, breakIt: (json: GltfJson) => void = () => {}): Uint8Array {
  const scene = minimalScene(anchor)
  const { json, bin, index } = writeGltf(scene, GENERATOR)
  addVrm1(json, scene, index)
  breakIt(json)
  return packGlb(json, bin)
}

/** Untyped access to a nested JSON object, for the deliberate breakages below. */
const obj = (v: unknown): Record<string, unknown> => v as Record<string, unknown>

/** Every test file by name. `anchorVrm` is the generated anchor.vrm. */
export function buildFixtures(anchor: AnchorScene, anchorVrm: Uint8Array): Map<string, Uint8Array> {
  const files = new Map<string, Uint8Array>()
  files.set('anchor-vrm0.vrm', writeVrm0(anchor))
  files.set('minimal.vrm', minimalVrm(anchor))
  files.set('truncated.vrm', anchorVrm.slice(0, Math.floor(anchorVrm.length * 0.6)))
  files.set('not-gltf.vrm', faceTexture())
  {
    const scene = minimalScene(anchor)
    const { json, bin } = writeGltf(scene, GENERATOR)
    files.set('no-humanoid.glb', packGlb(json, bin))
  }
  files.set('unknown-version.vrm', minimalVrm(anchor, (json) => {
    obj(json.extensions.VRMC_vrm).specVersion = '2.0'
  }))
  files.set('missing-texture.vrm', minimalVrm(anchor, (json) => {
    // The image points at a buffer view that does not exist.
    json.images[0].bufferView = 999
  }))
  files.set('bad-bones.vrm', minimalVrm(anchor, (json) => {
    const vrm = obj(json.extensions.VRMC_vrm)
    obj(obj(obj(vrm.humanoid).humanBones).hips).node = 9999
    const aa = obj(obj(obj(vrm.expressions).preset).aa)
    aa.morphTargetBinds = [{ node: json.nodes.findIndex((n) => n.name === 'Body'), index: 42, weight: 1 }]
  }))
  return files
}
