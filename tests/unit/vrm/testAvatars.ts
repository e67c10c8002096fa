// Tiny VRM files built in memory for Node tests: a stick-figure humanoid with a two-triangle face
// mesh (three morph targets), one material and a three-bone hair strand. No textures, so Babylon's
// NullEngine can load them.
import type { IGLTF, INode } from 'babylonjs-gltf2interface'

type V3 = [number, number, number]

/** Bones of the stick figure, VRM 1.0 names, with parent and position relative to it (glTF, metres, facing +Z). */
const SKELETON: readonly { name: string; parent: string | null; at: V3 }[] = [
  { name: 'hips', parent: null, at: [0, 0.9, 0] },
  { name: 'spine', parent: 'hips', at: [0, 0.1, 0] },
  { name: 'chest', parent: 'spine', at: [0, 0.15, 0] },
  { name: 'neck', parent: 'chest', at: [0, 0.2, 0] },
  { name: 'head', parent: 'neck', at: [0, 0.1, 0] },
  { name: 'leftEye', parent: 'head', at: [0.03, 0.06, 0.08] },
  { name: 'rightEye', parent: 'head', at: [-0.03, 0.06, 0.08] },
  { name: 'leftUpperLeg', parent: 'hips', at: [0.1, -0.05, 0] },
  { name: 'leftLowerLeg', parent: 'leftUpperLeg', at: [0, -0.4, 0] },
  { name: 'leftFoot', parent: 'leftLowerLeg', at: [0, -0.4, 0] },
  { name: 'rightUpperLeg', parent: 'hips', at: [-0.1, -0.05, 0] },
  { name: 'rightLowerLeg', parent: 'rightUpperLeg', at: [0, -0.4, 0] },
  { name: 'rightFoot', parent: 'rightLowerLeg', at: [0, -0.4, 0] },
  // VRM 1.0 faces +Z with the avatar's left hand towards +X.
  { name: 'leftUpperArm', parent: 'chest', at: [0.2, 0.15, 0] },
  { name: 'leftLowerArm', parent: 'leftUpperArm', at: [0.25, 0, 0] },
  { name: 'leftHand', parent: 'leftLowerArm', at: [0.25, 0, 0] },
  { name: 'rightUpperArm', parent: 'chest', at: [-0.2, 0.15, 0] },
  { name: 'rightLowerArm', parent: 'rightUpperArm', at: [-0.25, 0, 0] },
  { name: 'rightHand', parent: 'rightLowerArm', at: [-0.25, 0, 0] },
  { name: 'hair1', parent: 'head', at: [0, 0.1, -0.1] },
  { name: 'hair2', parent: 'hair1', at: [0, -0.1, -0.02] },
  { name: 'hair3', parent: 'hair2', at: [0, -0.1, -0.02] },
]

/** Node index of a bone of the stick figure (the face mesh node comes after them). */
export function boneNode(name: string): number {
  const i = SKELETON.findIndex((b) => b.name === name)
  if (i < 0) throw new Error(`no bone ${name}`)
  return i
}

/** Node index of the face mesh. */
export const FACE_NODE = SKELETON.length

/** Morph target names of the face mesh, in index order. */
export const FACE_TARGETS = ['mouthOpen', 'smile', 'eyesClosed'] as const

/** A glTF JSON document and its binary chunk. */
export interface GltfParts {
  json: IGLTF & { extensions?: Record<string, unknown>; extensionsUsed?: string[] }
  bin: Uint8Array
}

/** The stick figure as plain glTF (no VRM extension), in VRM 1.0's orientation unless `mirrorZ`. */
export function stickFigure(mirrorZ = false): GltfParts {
  const z = mirrorZ ? -1 : 1
  const nodes: INode[] = SKELETON.map((b) => ({ name: b.name, translation: [b.at[0] * (mirrorZ ? -1 : 1), b.at[1], b.at[2] * z] }))
  SKELETON.forEach((b, i) => {
    if (b.parent) {
      const p = nodes[boneNode(b.parent)]
      p.children = [...(p.children ?? []), i]
    }
  })
  nodes.push({ name: 'Face', mesh: 0 })
  // A quad in front of the head: 4 vertices, 2 triangles; each target moves one vertex.
  const positions = [-0.05, 1.3, 0.1 * z, 0.05, 1.3, 0.1 * z, 0.05, 1.4, 0.1 * z, -0.05, 1.4, 0.1 * z]
  const targets = FACE_TARGETS.map((_, t) => positions.map((_, k) => (Math.floor(k / 3) === t && k % 3 === 1 ? 0.02 : 0)))
  const indices = [0, 1, 2, 0, 2, 3]
  const floats = new Float32Array([...positions, ...targets.flat()])
  const bin = new Uint8Array(floats.byteLength + indices.length * 2)
  bin.set(new Uint8Array(floats.buffer), 0)
  bin.set(new Uint8Array(new Uint16Array(indices).buffer), floats.byteLength)
  const block = 4 * 3 * 4
  const accessor = (view: number, min?: number[], max?: number[]) => ({ bufferView: view, componentType: 5126, count: 4, type: 'VEC3', ...(min ? { min, max } : {}) })
  const json: GltfParts['json'] = {
    asset: { version: '2.0', generator: 'genanchor tests' },
    scene: 0,
    scenes: [{ nodes: [0, FACE_NODE] }],
    nodes,
    meshes: [{
      name: 'FaceMesh',
      primitives: [{ attributes: { POSITION: 0 }, indices: 1 + FACE_TARGETS.length, material: 0, targets: FACE_TARGETS.map((_, t) => ({ POSITION: 1 + t })) }],
      extras: { targetNames: [...FACE_TARGETS] },
    }],
    materials: [{ name: 'Skin', pbrMetallicRoughness: { baseColorFactor: [1, 0.8, 0.7, 1], metallicFactor: 0 } }],
    buffers: [{ byteLength: bin.byteLength }],
    bufferViews: [
      { buffer: 0, byteOffset: 0, byteLength: block },
      ...FACE_TARGETS.map((_, t) => ({ buffer: 0, byteOffset: block * (t + 1), byteLength: block })),
      { buffer: 0, byteOffset: floats.byteLength, byteLength: indices.length * 2 },
    ],
    accessors: [
      accessor(0, [-0.05, 1.3, Math.min(0.1 * z, 0.1 * z)], [0.05, 1.4, 0.1 * z]),
      ...FACE_TARGETS.map((_, t) => accessor(1 + t, [0, 0, 0], [0, 0.02, 0])),
      { bufferView: 1 + FACE_TARGETS.length, componentType: 5123, count: indices.length, type: 'SCALAR' },
    ],
  } as GltfParts['json']
  return { json, bin }
}

/** A VRM 1.0 stick figure with meta, humanoid, expressions (aa, happy, blink, a custom "wink"), look-at and a hair spring. */
export function vrm1Avatar(): GltfParts {
  const parts = stickFigure()
  const bones = Object.fromEntries(SKELETON.filter((b) => !b.name.startsWith('hair')).map((b) => [b.name, { node: boneNode(b.name) }]))
  parts.json.extensionsUsed = ['VRMC_vrm', 'VRMC_springBone', 'VRMC_materials_mtoon']
  parts.json.materials![0].extensions = {
    VRMC_materials_mtoon: { specVersion: '1.0', shadeColorFactor: [0.8, 0.5, 0.5] },
  }
  parts.json.extensions = {
    VRMC_vrm: {
      specVersion: '1.0',
      meta: {
        name: 'Stick', version: '1', authors: ['Tester'], licenseUrl: 'https://vrm.dev/licenses/1.0/',
        avatarPermission: 'everyone', commercialUsage: 'personalNonProfit', allowRedistribution: false, modification: 'prohibited',
      },
      humanoid: { humanBones: bones },
      expressions: {
        preset: {
          aa: { morphTargetBinds: [{ node: FACE_NODE, index: 0, weight: 1 }] },
          happy: { morphTargetBinds: [{ node: FACE_NODE, index: 1, weight: 0.8 }], overrideBlink: 'block' },
          blink: { morphTargetBinds: [{ node: FACE_NODE, index: 2, weight: 1 }], isBinary: false },
        },
        custom: {
          wink: {
            morphTargetBinds: [{ node: FACE_NODE, index: 2, weight: 0.5 }],
            materialColorBinds: [{ material: 0, type: 'color', targetValue: [1, 0, 0, 1] }],
            isBinary: true,
          },
        },
      },
      lookAt: { type: 'bone', offsetFromHeadBone: [0, 0.06, 0.02], rangeMapHorizontalOuter: { inputMaxValue: 60, outputScale: 12 } },
      firstPerson: { meshAnnotations: [{ node: FACE_NODE, type: 'thirdPersonOnly' }] },
    },
    VRMC_springBone: {
      specVersion: '1.0',
      colliders: [
        { node: boneNode('head'), shape: { sphere: { offset: [0, 0.1, 0.02], radius: 0.09 } } },
        { node: boneNode('chest'), shape: { capsule: { offset: [0, 0, 0], tail: [0, 0.2, 0], radius: 0.1 } } },
      ],
      colliderGroups: [{ name: 'body', colliders: [0, 1] }],
      springs: [{
        name: 'hair',
        joints: ['hair1', 'hair2', 'hair3'].map((n) => ({ node: boneNode(n), hitRadius: 0.02, stiffness: 0.8, gravityPower: 0.3, gravityDir: [0, -1, 0.5], dragForce: 0.4 })),
        colliderGroups: [0],
        center: boneNode('hips'),
      }],
    },
  }
  return parts
}

/** A VRM 0.x stick figure (facing -Z as UniVRM 0.x writes it) with blend shapes, first person and secondary animation. */
export function vrm0Avatar(): GltfParts {
  const parts = stickFigure(true)
  const bone0 = (name: string) => ({ bone: name, node: boneNode(name) })
  parts.json.extensionsUsed = ['VRM']
  parts.json.extensions = {
    VRM: {
      specVersion: '0.0',
      exporterVersion: 'genanchor tests',
      meta: { title: 'Stick0', author: 'Tester', licenseName: 'CC_BY_NC', allowedUserName: 'ExplicitlyLicensedPerson', commercialUssageName: 'Disallow' },
      humanoid: { humanBones: SKELETON.filter((b) => !b.name.startsWith('hair')).map((b) => bone0(b.name)) },
      blendShapeMaster: {
        blendShapeGroups: [
          { name: 'A', presetName: 'a', binds: [{ mesh: 0, index: 0, weight: 100 }] },
          { name: 'Joy', presetName: 'joy', binds: [{ mesh: 0, index: 1, weight: 50 }] },
          { name: 'Blink_L', presetName: 'blink_l', binds: [{ mesh: 0, index: 2, weight: 100 }] },
          { name: 'Surprised', presetName: 'unknown', binds: [{ mesh: 0, index: 0, weight: 30 }] },
          { name: 'Pale', presetName: 'unknown', materialValues: [{ materialName: 'Skin', propertyName: '_Color', targetValue: [0.5, 0.5, 1, 1] }] },
        ],
      },
      firstPerson: {
        firstPersonBone: boneNode('head'),
        firstPersonBoneOffset: { x: 0, y: 0.06, z: 0.02 },
        meshAnnotations: [{ mesh: 0, firstPersonFlag: 'Auto' }],
        lookAtTypeName: 'BlendShape',
        lookAtHorizontalOuter: { xRange: 90, yRange: 1 },
      },
      secondaryAnimation: {
        boneGroups: [{
          comment: 'hair', stiffiness: 0.7, gravityPower: 0.2, gravityDir: { x: 0, y: -1, z: 0 }, dragForce: 0.3, hitRadius: 0.03,
          center: -1, bones: [boneNode('hair1')], colliderGroups: [0],
        }],
        colliderGroups: [{ node: boneNode('head'), colliders: [{ offset: { x: 0, y: 0.1, z: 0.02 }, radius: 0.09 }] }],
      },
      materialProperties: [{ name: 'Skin', shader: 'VRM/MToon', vectorProperties: { _Color: [1, 0.8, 0.7, 1], _ShadeColor: [0.8, 0.5, 0.5, 1] }, floatProperties: { _BlendMode: 0, _CullMode: 2 } }],
    },
  }
  return parts
}

/** Packs JSON and binary chunk into GLB bytes (glTF 2.0 binary layout). */
export function packGlb(parts: GltfParts): Uint8Array {
  const text = new TextEncoder().encode(JSON.stringify(parts.json))
  const jsonLength = Math.ceil(text.byteLength / 4) * 4
  const binLength = Math.ceil(parts.bin.byteLength / 4) * 4
  const total = 12 + 8 + jsonLength + 8 + binLength
  const out = new Uint8Array(total)
  const view = new DataView(out.buffer)
  view.setUint32(0, 0x46546c67, true)
  view.setUint32(4, 2, true)
  view.setUint32(8, total, true)
  view.setUint32(12, jsonLength, true)
  view.setUint32(16, 0x4e4f534a, true)
  out.fill(0x20, 20, 20 + jsonLength)
  out.set(text, 20)
  view.setUint32(20 + jsonLength, binLength, true)
  view.setUint32(24 + jsonLength, 0x004e4942, true)
  out.set(parts.bin, 28 + jsonLength)
  return out
}
