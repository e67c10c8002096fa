// The same character as a VRM 0.x file, as UniVRM 0.x writes them: the model turned to face -Z,
// the `VRM` extension with 0.x names (blendShapeMaster, secondaryAnimation, firstPerson…),
// bind weights 0..100, sphere-only colliders, and vectors that 0.x stores in Unity's axes (z negated).
import type {
  BlendShapeGroup,
  BlendShapePresetName,
  FirstPersonDegreeMap,
  HumanoidBoneName,
  Material as MaterialProperties,
  SecondaryAnimationColliderGroup,
  VRM,
} from '@pixiv/types-vrm-0.0'
import { packGlb, writeGltf, type GltfIndex } from './gltf.ts'
import { linearToSrgb, round6, type Vec3 } from './math.ts'
import type { AnchorScene, ColliderSpec, MaterialDef, PrimitiveDef } from './scene.ts'
import { META, VRM_LICENSE_URL } from './vrm1.ts'

/** `exporterVersion` of the 0.x file. */
export const VRM0_EXPORTER = 'GenAnchor-anchor-generator-1.0'

/** VRM 1.0 preset → VRM 0.x preset and group name; 1.0's `surprised` has no 0.x preset. */
const PRESETS_0X: Record<string, readonly [BlendShapePresetName, string]> = {
  aa: ['a', 'A'],
  ih: ['i', 'I'],
  ou: ['u', 'U'],
  ee: ['e', 'E'],
  oh: ['o', 'O'],
  blink: ['blink', 'Blink'],
  blinkLeft: ['blink_l', 'Blink_L'],
  blinkRight: ['blink_r', 'Blink_R'],
  happy: ['joy', 'Joy'],
  angry: ['angry', 'Angry'],
  sad: ['sorrow', 'Sorrow'],
  relaxed: ['fun', 'Fun'],
  lookUp: ['lookup', 'LookUp'],
  lookDown: ['lookdown', 'LookDown'],
  lookLeft: ['lookleft', 'LookLeft'],
  lookRight: ['lookright', 'LookRight'],
  neutral: ['neutral', 'Neutral'],
}

/** 0.x names the thumb joints one step further out than 1.0 does. */
const BONE_NAMES_0X: Record<string, HumanoidBoneName> = {
  leftThumbMetacarpal: 'leftThumbProximal',
  leftThumbProximal: 'leftThumbIntermediate',
  leftThumbDistal: 'leftThumbDistal',
  rightThumbMetacarpal: 'rightThumbProximal',
  rightThumbProximal: 'rightThumbIntermediate',
  rightThumbDistal: 'rightThumbDistal',
}

/** Half a turn about +Y: UniVRM 0.x exports models facing -Z. */
const turn = (v: Vec3): Vec3 => [-v[0], v[1], -v[2]]

/** A vector in a node's local glTF space as VRM 0.x stores it (Unity's left-handed axes). */
const unity = (v: Vec3): { x: number; y: number; z: number } => ({ x: round6(v[0]), y: round6(v[1]), z: round6(-v[2]) })

/** The scene turned to face -Z: nodes, vertices, morphs, colliders and the look-at offset. */
export function turnToVrm0(scene: AnchorScene): AnchorScene {
  const prim = (p: PrimitiveDef): PrimitiveDef => ({
    material: p.material,
    geometry: p.geometry.transformed(turn),
    morphs: new Map([...p.morphs].map(([name, deltas]) => [name, deltas.map(turn)])),
  })
  const collider = (c: ColliderSpec): ColliderSpec =>
    c.kind === 'sphere' ? { ...c, offset: turn(c.offset) } : { ...c, offset: turn(c.offset), tail: turn(c.tail) }
  return {
    ...scene,
    nodes: scene.nodes.map((n) => ({ ...n, position: turn(n.position) })),
    meshes: scene.meshes.map((m) => ({ ...m, primitives: m.primitives.map(prim) })),
    colliders: scene.colliders.map(collider),
    lookAt: { ...scene.lookAt, offsetFromHead: turn(scene.lookAt.offsetFromHead) },
  }
}

function blendShapeGroups(scene: AnchorScene, index: GltfIndex): BlendShapeGroup[] {
  return scene.expressions.map((e) => {
    // A 1.0 preset with no 0.x preset (surprised) gets UniVRM's capitalised name; custom names stay as they are.
    const fallback = e.preset ? e.name.charAt(0).toUpperCase() + e.name.slice(1) : e.name
    const [presetName, name] = PRESETS_0X[e.name] ?? (['unknown', fallback] as const)
    const group: BlendShapeGroup = {
      name,
      presetName,
      binds: e.morphs.map((m) => ({ mesh: index.mesh(m.mesh), index: index.morph(m.mesh, m.morph), weight: round6(m.weight * 100) })),
      materialValues: [
        ...e.materialColors.map((c) => ({ materialName: c.material, propertyName: '_Color', targetValue: [...c.target] })),
        // _MainTex_ST is scale then offset, with v measured from the bottom (Unity): offset v = 1 - v - scale v.
        ...e.textureTransforms.map((t) => ({ materialName: t.material, propertyName: '_MainTex_ST', targetValue: [t.scale[0], t.scale[1], t.offset[0], round6(1 - t.offset[1] - t.scale[1])] })),
      ],
      isBinary: e.isBinary,
    }
    return group
  })
}

/** 0.x colliders are spheres only: each capsule becomes three spheres along its axis. */
function colliderGroups(scene: AnchorScene, index: GltfIndex): SecondaryAnimationColliderGroup[] {
  return scene.colliders.map((c) => {
    const centres: Vec3[] =
      c.kind === 'sphere' ? [c.offset] : [0, 0.5, 1].map((t) => [c.offset[0] + (c.tail[0] - c.offset[0]) * t, c.offset[1] + (c.tail[1] - c.offset[1]) * t, c.offset[2] + (c.tail[2] - c.offset[2]) * t])
    return { node: index.node(c.node), colliders: centres.map((o) => ({ offset: unity(o), radius: c.radius })) }
  })
}

const srgba = (c: readonly number[]): number[] => [round6(linearToSrgb(c[0])), round6(linearToSrgb(c[1])), round6(linearToSrgb(c[2])), c[3] ?? 1]

/** 0.x material properties: MToon for lit materials; unlit ones keep their glTF material. */
function materialProperties(m: MaterialDef, index: GltfIndex): MaterialProperties {
  if (m.unlit) return { name: m.name, shader: 'VRM_USE_GLTFSHADER', renderQueue: -1, floatProperties: {}, vectorProperties: {}, textureProperties: {}, keywordMap: {}, tagMap: {} }
  const blend = { OPAQUE: 0, MASK: 1, BLEND: 2 }[m.alphaMode]
  const textures: Record<string, number> = m.texture ? { _MainTex: index.texture(m.texture), _ShadeTexture: index.texture(m.texture) } : {}
  return {
    name: m.name,
    shader: 'VRM/MToon',
    renderQueue: [2000, 2450, 3000][blend],
    floatProperties: {
      _Cutoff: m.alphaCutoff ?? 0.5,
      _BlendMode: blend,
      _CullMode: m.doubleSided ? 0 : 2,
      _ShadeShift: -0.05,
      _ShadeToony: 0.9,
      _ReceiveShadowRate: 1,
      _LightColorAttenuation: 0,
      _IndirectLightIntensity: 0.1,
      _OutlineWidthMode: m.outlineM > 0 ? 1 : 0,
      // Centimetres in 0.x.
      _OutlineWidth: round6(m.outlineM * 100),
      _OutlineColorMode: 0,
      _OutlineLightingMix: 1,
    },
    vectorProperties: {
      _Color: srgba(m.color),
      _ShadeColor: srgba([...m.shade, 1]),
      _OutlineColor: srgba([0.2, 0.12, 0.16, 1]),
      _MainTex: [0, 0, 1, 1],
    },
    textureProperties: textures,
    keywordMap: m.outlineM > 0 ? { MTOON_OUTLINE_WIDTH_WORLD: true, MTOON_OUTLINE_COLOR_FIXED: true } : {},
    tagMap: { RenderType: ['Opaque', 'TransparentCutout', 'Transparent'][blend] },
  }
}

/** The `VRM` extension object for a scene already turned to face -Z. */
export function vrm0Extension(scene: AnchorScene, index: GltfIndex): VRM {
  const l = scene.lookAt
  const degreeMap = (out: number): FirstPersonDegreeMap => ({ curve: [0, 0, 0, 1, 1, 1, 1, 0], xRange: l.inputMaxDeg, yRange: out })
  const annotation = { auto: 'Auto', both: 'Both', thirdPersonOnly: 'ThirdPersonOnly', firstPersonOnly: 'FirstPersonOnly' } as const
  const colliderIndexByName = new Map(scene.colliders.map((c, i) => [c.name, i]))
  return {
    exporterVersion: VRM0_EXPORTER,
    specVersion: '0.0',
    meta: {
      title: META.name,
      version: META.version,
      author: META.authors.join(', '),
      contactInformation: '',
      reference: '',
      allowedUserName: 'Everyone',
      violentUssageName: 'Disallow',
      sexualUssageName: 'Disallow',
      commercialUssageName: 'Allow',
      otherPermissionUrl: '',
      licenseName: 'Other',
      otherLicenseUrl: VRM_LICENSE_URL,
    },
    humanoid: {
      humanBones: scene.nodes.flatMap((n) => (n.human ? [{ bone: BONE_NAMES_0X[n.human] ?? (n.human as HumanoidBoneName), node: index.node(n.name), useDefaultValues: true }] : [])),
      armStretch: 0.05,
      legStretch: 0.05,
      upperArmTwist: 0.5,
      lowerArmTwist: 0.5,
      upperLegTwist: 0.5,
      lowerLegTwist: 0.5,
      feetSpacing: 0,
      hasTranslationDoF: false,
    },
    firstPerson: {
      firstPersonBone: index.node('Head'),
      firstPersonBoneOffset: unity(l.offsetFromHead),
      meshAnnotations: scene.firstPerson.map((f) => ({ mesh: index.mesh(f.node), firstPersonFlag: annotation[f.type] })),
      lookAtTypeName: 'Bone',
      lookAtHorizontalInner: degreeMap(l.horizontalInnerDeg),
      lookAtHorizontalOuter: degreeMap(l.horizontalOuterDeg),
      lookAtVerticalDown: degreeMap(l.verticalDownDeg),
      lookAtVerticalUp: degreeMap(l.verticalUpDeg),
    },
    blendShapeMaster: { blendShapeGroups: blendShapeGroups(scene, index) },
    secondaryAnimation: {
      boneGroups: scene.springs.map((s) => ({
        comment: s.name,
        stiffiness: s.settings.stiffness,
        gravityPower: s.settings.gravityPower,
        gravityDir: { x: 0, y: -1, z: 0 },
        dragForce: s.settings.dragForce,
        center: -1,
        hitRadius: s.settings.hitRadius,
        bones: [index.node(s.joints[0])],
        colliderGroups: s.colliderGroups.flatMap((g) => scene.colliderGroups.find((cg) => cg.name === g)!.colliders.map((c) => colliderIndexByName.get(c)!)),
      })),
      colliderGroups: colliderGroups(scene, index),
    },
    materialProperties: scene.materials.map((m) => materialProperties(m, index)),
  }
}

/** The anchor as VRM 0.x bytes. */
export function writeVrm0(scene: AnchorScene): Uint8Array {
  const turned = turnToVrm0(scene)
  const { json, bin, index } = writeGltf(turned, `${VRM0_EXPORTER} (UniVRM 0.x conventions)`)
  json.extensionsUsed.push('VRM')
  json.extensions.VRM = vrm0Extension(turned, index)
  return packGlb(json, bin)
}
