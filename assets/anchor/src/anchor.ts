// Puts the anchor together: skeleton and hair joints as nodes, the meshes, materials, expressions,
// springs and look-at, as one `AnchorScene` both VRM writers read.
import { buildBody } from './body.ts'
import { buildExpressions, FEATURES_MESH } from './expressions.ts'
import { buildFeaturesWithMorphs, FEATURE_MATERIALS } from './features.ts'
import { FACE_MORPHS } from './faceParams.ts'
import { Geometry } from './geometry.ts'
import { buildHair } from './hair.ts'
import { buildHead } from './head.ts'
import { buildMaterials, buildTextures, FACE_MATERIAL } from './materials.ts'
import type { Vec3 } from './math.ts'
import { buildOutfit } from './outfit.ts'
import type { AnchorScene, MeshDef, NodeDef, PrimitiveDef } from './scene.ts'
import { humanoidBones } from './skeleton.ts'
import { buildColliders, buildSprings } from './springs.ts'

const noMorphs = new Map<string, Vec3[]>()

/** A primitive without morph targets. */
const plain = (material: string, geometry: Geometry): PrimitiveDef => ({ material, geometry, morphs: noMorphs })

/** Builds the whole character in memory. Pure: the same scene every call. */
export function buildAnchorScene(): AnchorScene {
  const bones = humanoidBones()
  const hair = buildHair()
  const nodes: NodeDef[] = [{ name: 'Root', parent: null, position: [0, 0, 0], joint: false }]
  for (const b of bones) nodes.push({ name: b.name, parent: b.parent, position: b.position, human: b.human, joint: true })
  for (const chain of hair.chains) {
    chain.joints.forEach((j, i) => nodes.push({ name: j.name, parent: i === 0 ? 'Head' : chain.joints[i - 1].name, position: j.position, joint: true }))
  }
  const meshNames = ['Body', 'Face', FEATURES_MESH, 'Hair']
  // Skinned mesh nodes sit at the scene root: glTF ignores their parents' transforms anyway.
  for (const name of meshNames) nodes.push({ name, parent: null, position: [0, 0, 0], mesh: name, joint: false })

  const positions = new Map(nodes.map((n) => [n.name, n.position]))
  const bone = (name: string): Vec3 => {
    const p = positions.get(name)
    if (!p) throw new Error(`anchor generator: no bone named ${name}`)
    return p
  }

  const head = buildHead()
  const body = buildBody(bone)
  const outfit = buildOutfit()
  const skin = new Geometry()
  skin.append(body.Skin)
  skin.append(head.rest)
  const features = buildFeaturesWithMorphs()

  const meshes: MeshDef[] = [
    {
      name: 'Body',
      morphNames: [],
      primitives: [
        plain('Skin', skin),
        plain('Blouse', body.Blouse),
        plain('Cuffs', body.Cuffs),
        plain('Collar', outfit.Collar),
        plain('Skirt', outfit.Skirt),
        plain('Ribbon', outfit.Ribbon),
        plain('Socks', body.Socks),
        plain('Shoes', body.Shoes),
        plain('Soles', body.Soles),
      ],
    },
    { name: 'Face', morphNames: [], primitives: [plain(FACE_MATERIAL, head.face)] },
    {
      name: FEATURES_MESH,
      morphNames: FACE_MORPHS.map(([name]) => name),
      primitives: FEATURE_MATERIALS.map((m) => ({ material: m, geometry: features.parts[m], morphs: features.morphs[m] })),
    },
    { name: 'Hair', morphNames: [], primitives: [plain('Hair', hair.Hair), plain('HairTie', hair.HairTie)] },
  ]

  const { colliders, groups } = buildColliders(bone)
  const eyeL = bone('Eye_L')
  const eyeR = bone('Eye_R')
  const headPos = bone('Head')
  return {
    nodes,
    meshes,
    materials: buildMaterials(),
    textures: buildTextures(),
    expressions: buildExpressions(),
    colliders,
    colliderGroups: groups,
    springs: buildSprings(hair.chains),
    // Eyes reach full travel when the target is 30° off; the irises then slide ~5 mm (3.5° at 85 mm).
    lookAt: {
      offsetFromHead: [(eyeL[0] + eyeR[0]) / 2 - headPos[0], (eyeL[1] + eyeR[1]) / 2 - headPos[1], (eyeL[2] + eyeR[2]) / 2 - headPos[2]],
      inputMaxDeg: 30,
      horizontalInnerDeg: 3.5,
      horizontalOuterDeg: 3.5,
      verticalDownDeg: 2.5,
      verticalUpDeg: 2.5,
    },
    firstPerson: [
      { node: 'Body', type: 'auto' },
      { node: 'Face', type: 'thirdPersonOnly' },
      { node: FEATURES_MESH, type: 'thirdPersonOnly' },
      { node: 'Hair', type: 'thirdPersonOnly' },
    ],
  }
}
