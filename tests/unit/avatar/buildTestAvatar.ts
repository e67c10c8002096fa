// A small hand-built avatar for the avatar unit tests and benchmark: a humanoid of TransformNodes
// facing -z (towards a camera at -z, like the studio; see `mirroredRoot`), standalone
// MorphTargets, two StandardMaterials, optional spring chains with colliders.
import { NullEngine } from '@babylonjs/core/Engines/nullEngine'
import { Color3 } from '@babylonjs/core/Maths/math.color'
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector'
import { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import { Texture } from '@babylonjs/core/Materials/Textures/texture'
import { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import { MorphTarget } from '@babylonjs/core/Morph/morphTarget'
import { Scene } from '@babylonjs/core/scene'
import { Logger } from '@babylonjs/core/Misc/logger'
import { App } from '../../../engine/index.ts'
import { AvatarPlugin, spawnAvatar, type SpawnAvatarOptions } from '../../../systems/avatar/index.ts'
import type {
  AvatarModel, ColliderShape, ExpressionDef, HumanBoneName, LookAtConfig, MaterialColorBind, MorphBind,
  OverrideMode, SpringChain, SpringCollider, TextureTransformBind,
} from '../../../systems/avatar/model.ts'

type V3 = readonly [number, number, number]

/** A spring chain to build: `joints` nodes from `start`, each `step` further (metres, parent space). */
export interface ChainSpec {
  readonly parent: HumanBoneName
  readonly start: V3
  readonly step: V3
  readonly joints: number
  readonly stiffness?: number
  readonly gravityPower?: number
  readonly dragForce?: number
  readonly hitRadius?: number
  readonly colliders?: readonly { readonly parent: HumanBoneName; readonly shape: ColliderShape }[]
  /** Simulate in the avatar root's space instead of world space. */
  readonly centerOnRoot?: boolean
}

/** What to build; every field documents its default. */
export interface TestAvatarOptions {
  /** Look-at type, or null for none. Default 'bone'. */
  lookAt?: LookAtConfig['type'] | null
  /** Build without a neck bone. Default false. */
  noNeck?: boolean
  /** Give the spine, neck, head and eyes odd rest rotations (as exported files have). Default false. */
  twistedBones?: boolean
  /** Put the humanoid under a glTF-style root (rotation 180° about y, scale z −1). Default false. */
  mirroredRoot?: boolean
  /** Spring chains. Default none. */
  chains?: readonly ChainSpec[]
  /** Extra custom expressions with `extraMorphBinds` morph binds each (for the benchmark). Default 0. */
  extraExpressions?: number
  extraMorphBinds?: number
}

/** The built avatar and handles on its parts, for assertions. */
export interface TestAvatar {
  readonly engine: NullEngine
  readonly scene: Scene
  readonly model: AvatarModel
  readonly bones: ReadonlyMap<HumanBoneName, TransformNode>
  readonly morphs: ReadonlyMap<string, MorphTarget>
  readonly face: StandardMaterial
  readonly eyes: StandardMaterial
  readonly eyeTexture: Texture
  /** Joint nodes of each chain, root first. */
  readonly chains: readonly TransformNode[][]
  /** Where the avatar faces and where its left is at rest, world space: -z and +x, or +z and -x under a mirrored root. */
  readonly forward: Vector3
  readonly left: Vector3
  dispose(): void
}

/** The standard VRM-like range maps of the test avatar: 10° in, 8° out, 12° down, 15° up. */
export const TEST_LOOK_AT: Omit<LookAtConfig, 'type'> = {
  offsetFromHeadBone: [0, 0.06, -0.08],
  rangeMapHorizontalInner: { inputMaxValue: 90, outputScale: 10 },
  rangeMapHorizontalOuter: { inputMaxValue: 90, outputScale: 8 },
  rangeMapVerticalDown: { inputMaxValue: 90, outputScale: 12 },
  rangeMapVerticalUp: { inputMaxValue: 90, outputScale: 15 },
}

/** Range maps for `lookAt.type: expression`: weight 1 at 30° every way. */
export const TEST_LOOK_AT_EXPRESSION: Omit<LookAtConfig, 'type'> = {
  offsetFromHeadBone: [0, 0.06, -0.08],
  rangeMapHorizontalInner: { inputMaxValue: 30, outputScale: 1 },
  rangeMapHorizontalOuter: { inputMaxValue: 30, outputScale: 1 },
  rangeMapVerticalDown: { inputMaxValue: 30, outputScale: 1 },
  rangeMapVerticalUp: { inputMaxValue: 30, outputScale: 1 },
}

/** Builds the test avatar in a fresh NullEngine scene. */
export function buildTestAvatar(options: TestAvatarOptions = {}): TestAvatar {
  // Every NullEngine announces itself; keep test output to warnings and errors.
  Logger.LogLevels = Logger.WarningLogLevel | Logger.ErrorLogLevel
  const engine = new NullEngine()
  const scene = new Scene(engine)
  const root = new TransformNode('avatar', scene)
  let top: TransformNode = root
  if (options.mirroredRoot) {
    top = new TransformNode('__root__', scene)
    top.parent = root
    top.rotationQuaternion = Quaternion.RotationAxis(Vector3.Up(), Math.PI)
    top.scaling = new Vector3(1, 1, -1)
  }
  const bones = buildSkeleton(scene, top, options)
  const morphs = new Map<string, MorphTarget>()
  const morph = (name: string): MorphTarget => {
    let t = morphs.get(name)
    if (!t) {
      t = new MorphTarget(name, 0, scene)
      morphs.set(name, t)
    }
    return t
  }
  const face = new StandardMaterial('face', scene)
  face.diffuseColor = new Color3(0.8, 0.7, 0.6)
  face.emissiveColor = new Color3(0, 0, 0)
  const eyes = new StandardMaterial('eyes', scene)
  const eyeTexture = new Texture(null, scene)
  eyes.diffuseTexture = eyeTexture
  const expressions = buildExpressions(morph, face, eyes, options)
  const chains: TransformNode[][] = []
  const springs = (options.chains ?? []).map((spec, c) => buildChain(scene, bones, root, spec, c, chains))
  const lookType = options.lookAt === undefined ? 'bone' : options.lookAt
  const model: AvatarModel = {
    format: 'vrm1',
    root,
    meta: { name: 'test avatar', authors: ['tests'], licenseUrl: 'https://vrm.dev/licenses/1.0/' },
    humanoid: bones,
    expressions,
    lookAt: lookType ? { type: lookType, ...(lookType === 'bone' ? TEST_LOOK_AT : TEST_LOOK_AT_EXPRESSION) } : null,
    firstPerson: [],
    springs,
    face: null,
    dispose: () => root.dispose(false, true),
  }
  const mirrored = options.mirroredRoot ?? false
  const forward = new Vector3(0, 0, mirrored ? 1 : -1)
  const left = new Vector3(mirrored ? -1 : 1, 0, 0)
  return { engine, scene, model, bones, morphs, face, eyes, eyeTexture, chains, forward, left, dispose: () => engine.dispose() }
}

/** A 60 Hz app with the avatar plugin and the avatar spawned (idle life off unless asked). */
export function spawnTestAvatar(avatar: TestAvatar, options: SpawnAvatarOptions = { idle: false }) {
  const app = new App({ fixedHz: 60 })
  app.addPlugin(AvatarPlugin)
  const entity = spawnAvatar(app.world, avatar.model, options)
  return { app, world: app.world, entity, index: app.world.indexOf(entity) }
}

function node(scene: Scene, name: string, parent: TransformNode, at: V3): TransformNode {
  const n = new TransformNode(name, scene)
  n.parent = parent
  n.position = new Vector3(...at)
  n.rotationQuaternion = Quaternion.Identity()
  return n
}

function buildSkeleton(scene: Scene, top: TransformNode, options: TestAvatarOptions): Map<HumanBoneName, TransformNode> {
  const b = new Map<HumanBoneName, TransformNode>()
  const add = (name: HumanBoneName, parent: TransformNode, at: V3): TransformNode => {
    const n = node(scene, name, parent, at)
    b.set(name, n)
    return n
  }
  const hips = add('hips', top, [0, 1, 0])
  const spine = add('spine', hips, [0, 0.1, 0])
  const chest = add('chest', spine, [0, 0.15, 0])
  const neckParent = options.noNeck ? chest : add('neck', chest, [0, 0.2, 0])
  const head = add('head', neckParent, options.noNeck ? [0, 0.3, 0] : [0, 0.1, 0])
  // Built facing -z in Babylon's left-handed space, or +z (glTF's right-handed convention, VRM 1.0's
  // facing) under a mirrored root; either way the avatar's left hand is at local +x.
  const front = options.mirroredRoot ? 1 : -1
  add('leftEye', head, [0.03, 0.06, 0.08 * front])
  add('rightEye', head, [-0.03, 0.06, 0.08 * front])
  for (const [side, x] of [['left', 1], ['right', -1]] as const) {
    const upperArm = add(`${side}UpperArm`, chest, [0.15 * x, 0.15, 0])
    const lowerArm = add(`${side}LowerArm`, upperArm, [0.25 * x, 0, 0])
    add(`${side}Hand`, lowerArm, [0.25 * x, 0, 0])
    const upperLeg = add(`${side}UpperLeg`, hips, [0.1 * x, -0.05, 0])
    const lowerLeg = add(`${side}LowerLeg`, upperLeg, [0, -0.45, 0])
    add(`${side}Foot`, lowerLeg, [0, -0.45, 0])
  }
  if (options.twistedBones) twist(b)
  return b
}

/**
 * Gives bones rest rotations while keeping every joint where it was: each twisted bone's children
 * get the inverse rotation on their positions, as a file exported with bone rolls would have.
 */
function twist(b: Map<HumanBoneName, TransformNode>): void {
  const turns: [HumanBoneName, Quaternion][] = [
    ['spine', Quaternion.FromEulerAngles(0.3, 0.5, -0.2)],
    ['neck', Quaternion.FromEulerAngles(-0.7, 1.1, 0.4)],
    ['head', Quaternion.FromEulerAngles(1.2, -0.4, 0.9)],
    ['leftEye', Quaternion.FromEulerAngles(0.2, 2.0, -1.0)],
    ['rightEye', Quaternion.FromEulerAngles(-0.5, -1.4, 0.6)],
  ]
  for (const [name, q] of turns) {
    const n = b.get(name)
    if (!n) continue
    n.rotationQuaternion = n.rotationQuaternion!.multiply(q)
    const inverse = Quaternion.Inverse(q)
    for (const child of n.getChildren()) {
      const c = child as TransformNode
      c.position = c.position.applyRotationQuaternion(inverse)
      c.rotationQuaternion = inverse.multiply(c.rotationQuaternion!)
    }
  }
}

interface ExpressionSpec {
  binds?: [string, number][]
  isBinary?: boolean
  overrideBlink?: OverrideMode
  overrideLookAt?: OverrideMode
  overrideMouth?: OverrideMode
  colors?: MaterialColorBind[]
  textures?: TextureTransformBind[]
}

function expression(name: string, morph: (n: string) => MorphTarget, spec: ExpressionSpec, isPreset: boolean): ExpressionDef {
  const morphBinds: MorphBind[] = (spec.binds ?? []).map(([target, weight]) => ({ target: morph(target), weight }))
  return {
    name,
    isPreset,
    isBinary: spec.isBinary ?? false,
    overrideBlink: spec.overrideBlink ?? 'none',
    overrideLookAt: spec.overrideLookAt ?? 'none',
    overrideMouth: spec.overrideMouth ?? 'none',
    morphBinds,
    materialColorBinds: spec.colors ?? [],
    textureTransformBinds: spec.textures ?? [],
  }
}

function buildExpressions(
  morph: (n: string) => MorphTarget, face: StandardMaterial, eyes: StandardMaterial, options: TestAvatarOptions,
): Map<string, ExpressionDef> {
  const presets: Record<string, ExpressionSpec> = {
    aa: { binds: [['mouthA', 1]] },
    ih: { binds: [['mouthI', 1]] },
    ou: { binds: [['mouthU', 1]] },
    ee: { binds: [['mouthE', 1]] },
    oh: { binds: [['mouthO', 1]] },
    blink: { binds: [['eyesClosed', 1]] },
    blinkLeft: { binds: [['eyeLeftClosed', 1]] },
    blinkRight: { binds: [['eyeRightClosed', 1]] },
    // happy squints (a third of eyesClosed), so blink and happy add up on one target.
    happy: { binds: [['smile', 1], ['eyesClosed', 0.3]], overrideBlink: 'block', overrideMouth: 'blend' },
    angry: {
      binds: [['frown', 1]],
      overrideBlink: 'blend',
      colors: [
        { material: face, type: 'color', targetValue: [1, 0, 0, 0.5] },
        { material: face, type: 'emissionColor', targetValue: [0.4, 0, 0, 1] },
        { material: face, type: 'matcapColor', targetValue: [1, 1, 1, 1] },
      ],
    },
    sad: { binds: [['sad', 1]], overrideMouth: 'blend', overrideLookAt: 'blend' },
    relaxed: { binds: [['relaxed', 1]], textures: [{ material: eyes, scale: [2, 1], offset: [0.25, -0.5] }] },
    surprised: { binds: [['surprised', 1]], isBinary: true, overrideLookAt: 'block' },
    lookUp: { binds: [['lookUp', 1]] },
    lookDown: { binds: [['lookDown', 1]] },
    lookLeft: { binds: [['lookLeft', 1]] },
    lookRight: { binds: [['lookRight', 1]] },
    neutral: {},
  }
  // A custom expression that also opens the mouth, so two expressions add up on mouthA.
  const custom: Record<string, ExpressionSpec> = { wide: { binds: [['mouthA', 0.6], ['wide', 1]] } }
  const map = new Map<string, ExpressionDef>()
  for (const [name, spec] of Object.entries(presets)) map.set(name, expression(name, morph, spec, true))
  for (const [name, spec] of Object.entries(custom)) map.set(name, expression(name, morph, spec, false))
  const binds = options.extraMorphBinds ?? 2
  for (let k = 0; k < (options.extraExpressions ?? 0); k++) {
    const spec: ExpressionSpec = { binds: Array.from({ length: binds }, (_, b) => [`custom${k}_${b}`, 0.5 + 0.1 * b] as [string, number]) }
    map.set(`custom${k}`, expression(`custom${k}`, morph, spec, false))
  }
  return map
}

function buildChain(
  scene: Scene, bones: ReadonlyMap<HumanBoneName, TransformNode>, root: TransformNode, spec: ChainSpec, c: number, out: TransformNode[][],
): SpringChain {
  const nodes: TransformNode[] = []
  let parent = bones.get(spec.parent)!
  for (let j = 0; j < spec.joints; j++) {
    const n = node(scene, `chain${c}_${j}`, parent, j === 0 ? spec.start : spec.step)
    nodes.push(n)
    parent = n
  }
  out.push(nodes)
  const colliders: SpringCollider[] = (spec.colliders ?? []).map((col) => ({ node: bones.get(col.parent)!, shape: col.shape }))
  return {
    name: `chain${c}`,
    joints: nodes.map((n) => ({
      node: n,
      hitRadius: spec.hitRadius ?? 0.02,
      stiffness: spec.stiffness ?? 1,
      gravityPower: spec.gravityPower ?? 0,
      gravityDir: [0, -1, 0] as const,
      dragForce: spec.dragForce ?? 0.4,
    })),
    colliders,
    center: spec.centerOnRoot ? root : null,
  }
}
