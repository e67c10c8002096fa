// VRM JSON → plan: what the loader reads from each format, and what it refuses.
import { describe, expect, it } from 'vitest'
import type { VRM } from '@pixiv/types-vrm-0.0'
import type { VRMCVRM } from '@pixiv/types-vrmc-vrm-1.0'
import type { VRMCSpringBone } from '@pixiv/types-vrmc-springbone-1.0'
import { AvatarLoadError } from '../../../systems/avatar/vrm/index.ts'
import { linearFromSrgb, planAvatar } from '../../../systems/avatar/vrm/plan/index.ts'
import { FACE_NODE, boneNode, stickFigure, vrm0Avatar, vrm1Avatar, type GltfParts } from './testAvatars.ts'

/** The code and message a broken variant of a test avatar is refused with. */
function refusal(parts: GltfParts): AvatarLoadError {
  try {
    planAvatar(parts.json)
  } catch (err) {
    if (err instanceof AvatarLoadError) return err
    throw err
  }
  throw new Error('the avatar was accepted')
}

/** The VRM 1.0 extension of a test avatar, for breaking it. */
const vrm1Of = (parts: GltfParts) => parts.json.extensions!.VRMC_vrm as VRMCVRM
/** The VRM 0.x extension of a test avatar, for breaking it. */
const vrm0Of = (parts: GltfParts) => parts.json.extensions!.VRM as VRM
/** The spring bone extension of a test avatar, for breaking it. */
const springOf = (parts: GltfParts) => parts.json.extensions!.VRMC_springBone as VRMCSpringBone
/** A record view of a typed object, to add fields the schema does not allow. */
const loose = (o: object) => o as Record<string, unknown>

describe('VRM 1.0 plan', () => {
  const plan = planAvatar(vrm1Avatar().json)

  it('reads meta, the humanoid and the expressions', () => {
    expect(plan.format).toBe('vrm1')
    expect(plan.meta).toMatchObject({ name: 'Stick', authors: ['Tester'], avatarPermission: 'everyone' })
    expect(plan.humanoid.get('head')).toBe(boneNode('head'))
    expect(plan.humanoid.size).toBe(19)
    expect(plan.expressions.map((e) => e.name)).toEqual(['aa', 'happy', 'blink', 'wink'])
    const happy = plan.expressions.find((e) => e.name === 'happy')!
    expect(happy).toMatchObject({ isPreset: true, isBinary: false, overrideBlink: 'block', overrideMouth: 'none' })
    expect(happy.morphBinds).toEqual([{ node: FACE_NODE, index: 1, weight: 0.8 }])
    const wink = plan.expressions.find((e) => e.name === 'wink')!
    expect(wink).toMatchObject({ isPreset: false, isBinary: true })
    expect(wink.materialColorBinds).toEqual([{ material: 0, type: 'color', targetValue: [1, 0, 0, 1] }])
  })

  it('fills look-at defaults the file leaves out', () => {
    expect(plan.lookAt).toMatchObject({
      type: 'bone',
      offsetFromHeadBone: [0, 0.06, 0.02],
      rangeMapHorizontalOuter: { inputMaxValue: 60, outputScale: 12 },
      rangeMapHorizontalInner: { inputMaxValue: 90, outputScale: 10 },
    })
    expect(plan.firstPerson).toEqual([{ node: FACE_NODE, type: 'thirdPersonOnly' }])
  })

  it('reads springs with gravity in the avatar root space: glTF (x, y, z) becomes (x, y, -z)', () => {
    expect(plan.springs).toHaveLength(1)
    const [hair] = plan.springs
    expect(hair.joints.map((j) => j.node)).toEqual(['hair1', 'hair2', 'hair3'].map(boneNode))
    expect(hair.virtualTailM).toBeNull()
    expect(hair.center).toBe(boneNode('hips'))
    const g = hair.joints[0].gravityDir
    expect(g[0]).toBeCloseTo(0)
    expect(g[1]).toBeCloseTo(-1 / Math.sqrt(1.25))
    expect(g[2]).toBeCloseTo(-0.5 / Math.sqrt(1.25))
    expect(hair.joints[0]).toMatchObject({ stiffness: 0.8, gravityPower: 0.3, dragForce: 0.4, hitRadius: 0.02 })
    expect(hair.colliders.map((c) => plan.colliders[c].shape.kind)).toEqual(['sphere', 'capsule'])
    // Collider offsets are node-local and stay as written.
    expect(plan.colliders[0].shape).toEqual({ kind: 'sphere', offset: [0, 0.1, 0.02], radius: 0.09 })
  })
})

describe('VRM 0.x plan', () => {
  const plan = planAvatar(vrm0Avatar().json)

  it('converts blend shape groups to 1.0 expressions with weights divided by 100', () => {
    expect(plan.format).toBe('vrm0')
    expect(plan.meta).toMatchObject({ name: 'Stick0', authors: ['Tester'], avatarPermission: 'onlySeparatelyLicensedPerson', commercialUsage: 'personalNonProfit' })
    const names = plan.expressions.map((e) => e.name)
    expect(names).toEqual(['aa', 'happy', 'blinkLeft', 'surprised', 'Pale'])
    expect(plan.expressions.find((e) => e.name === 'happy')!.morphBinds).toEqual([{ node: FACE_NODE, index: 1, weight: 0.5 }])
    // A custom 0.x group named like a 1.0-only preset becomes that preset.
    expect(plan.expressions.find((e) => e.name === 'surprised')).toMatchObject({ isPreset: true })
    expect(plan.expressions.find((e) => e.name === 'Pale')).toMatchObject({ isPreset: false })
  })

  it('turns material values into colour binds, from sRGB to linear', () => {
    const [bind] = plan.expressions.find((e) => e.name === 'Pale')!.materialColorBinds
    expect(bind.material).toBe(0)
    expect(bind.type).toBe('color')
    expect(bind.targetValue[0]).toBeCloseTo(linearFromSrgb(0.5))
    expect(bind.targetValue[0]).toBeCloseTo(0.214, 3)
    expect(bind.targetValue[2]).toBe(1)
  })

  it('reads look-at from first person, with the eye offset moved out of Unity space (z negated)', () => {
    expect(plan.lookAt).toMatchObject({ type: 'expression', offsetFromHeadBone: [0, 0.06, -0.02], rangeMapHorizontalOuter: { inputMaxValue: 90, outputScale: 1 } })
    expect(plan.firstPerson).toEqual([{ node: FACE_NODE, type: 'auto' }])
  })

  it('turns each bone group root into chains ending in a 7 cm virtual tail', () => {
    expect(plan.springs).toHaveLength(1)
    const [hair] = plan.springs
    expect(hair.joints.map((j) => j.node)).toEqual(['hair1', 'hair2', 'hair3'].map(boneNode))
    expect(hair.virtualTailM).toBeCloseTo(0.07)
    expect(hair.joints[0]).toMatchObject({ stiffness: 0.7, gravityPower: 0.2, dragForce: 0.3, hitRadius: 0.03 })
    expect(hair.center).toBeNull()
    const g = hair.joints[0].gravityDir
    expect([g[0], g[1], g[2]].map((v) => v + 0)).toEqual([0, -1, 0])
    expect(plan.colliders[hair.colliders[0]]).toEqual({ node: boneNode('head'), shape: { kind: 'sphere', offset: [0, 0.1, -0.02], radius: 0.09 } })
  })

  it('splits a branching bone tree: first children continue a chain, other children start their own', () => {
    const parts = vrm0Avatar()
    const nodes = parts.json.nodes!
    // hair1 gets a second child: a new strand of its own.
    nodes.push({ name: 'strand', translation: [0.02, -0.1, 0] })
    nodes[boneNode('hair1')].children!.push(nodes.length - 1)
    const chains = planAvatar(parts.json).springs.map((s) => s.joints.map((j) => j.node))
    expect(chains).toEqual([['hair1', 'hair2', 'hair3'].map(boneNode), [nodes.length - 1]])
  })
})

describe('refusals', () => {
  it('refuses a plain glTF model as having no humanoid', () => {
    expect(refusal(stickFigure())).toMatchObject({ code: 'no-humanoid', message: expect.stringContaining('plain glTF model') })
  })

  it('refuses VRM versions it does not know', () => {
    const future = vrm1Avatar()
    loose(vrm1Of(future)).specVersion = '2.0'
    expect(refusal(future)).toMatchObject({ code: 'unknown-version', message: expect.stringContaining('VRM 2.0') })
    const old = vrm0Avatar()
    loose(vrm0Of(old)).specVersion = '1.0'
    expect(refusal(old).code).toBe('unknown-version')
    const odd = stickFigure()
    odd.json.extensions = { VRMC_vrm_2: {} }
    expect(refusal(odd)).toMatchObject({ code: 'unknown-version', message: expect.stringContaining('VRMC_vrm_2') })
  })

  it('refuses a VRM without humanoid bones', () => {
    const empty = vrm1Avatar()
    vrm1Of(empty).humanoid = { humanBones: {} }
    expect(refusal(empty).code).toBe('no-humanoid')
    const none = vrm0Avatar()
    delete vrm0Of(none).humanoid
    expect(refusal(none).code).toBe('no-humanoid')
  })

  it('names a missing required bone, an unknown bone, a bone on no node and a node used twice', () => {
    const missing = vrm1Avatar()
    delete vrm1Of(missing).humanoid.humanBones.leftHand
    expect(refusal(missing)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining('no "leftHand" bone') })
    const unknown = vrm1Avatar()
    loose(vrm1Of(unknown).humanoid.humanBones).tail = { node: 0 }
    expect(refusal(unknown)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining('"tail"') })
    const outside = vrm1Avatar()
    vrm1Of(outside).humanoid.humanBones.head = { node: 999 }
    expect(refusal(outside)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining('node 999') })
    const twice = vrm1Avatar()
    vrm1Of(twice).humanoid.humanBones.neck = { node: boneNode('head') }
    expect(refusal(twice)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining('both assigned') })
    const unknown0 = vrm0Avatar()
    vrm0Of(unknown0).humanoid!.humanBones!.push(loose({ bone: 'leftThumbMetacarpal', node: 3 }))
    expect(refusal(unknown0)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining('leftThumbMetacarpal') })
  })

  it('refuses a bone outside the hips hierarchy', () => {
    const parts = vrm1Avatar()
    vrm1Of(parts).humanoid.humanBones.head = { node: FACE_NODE }
    expect(refusal(parts)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining("hips' hierarchy") })
  })

  it('refuses expressions that use morph targets, meshes, materials or presets that do not exist', () => {
    const target = vrm1Avatar()
    vrm1Of(target).expressions!.preset!.aa!.morphTargetBinds![0].index = 7
    expect(refusal(target)).toMatchObject({ code: 'bad-expression', message: expect.stringContaining('"aa" uses morph target 7 of mesh "FaceMesh", which has 3') })
    const noMesh = vrm1Avatar()
    vrm1Of(noMesh).expressions!.preset!.aa!.morphTargetBinds![0].node = 0
    expect(refusal(noMesh)).toMatchObject({ code: 'bad-expression', message: expect.stringContaining('has no mesh') })
    const material = vrm1Avatar()
    vrm1Of(material).expressions!.custom!.wink.materialColorBinds![0].material = 5
    expect(refusal(material).code).toBe('bad-expression')
    const preset = vrm1Avatar()
    loose(vrm1Of(preset).expressions!.preset!).smirk = {}
    expect(refusal(preset)).toMatchObject({ code: 'bad-expression', message: expect.stringContaining('"smirk"') })
    const clash = vrm1Avatar()
    vrm1Of(clash).expressions!.custom!.happy = { preset: 'happy' }
    expect(refusal(clash).code).toBe('bad-expression')
    const preset0 = vrm0Avatar()
    loose(vrm0Of(preset0).blendShapeMaster!.blendShapeGroups![0]).presetName = 'grin'
    expect(refusal(preset0)).toMatchObject({ code: 'bad-expression', message: expect.stringContaining('"grin"') })
    const mesh0 = vrm0Avatar()
    vrm0Of(mesh0).blendShapeMaster!.blendShapeGroups![0].binds![0].mesh = 4
    expect(refusal(mesh0).code).toBe('bad-expression')
    const material0 = vrm0Avatar()
    vrm0Of(material0).blendShapeMaster!.blendShapeGroups![4].materialValues![0].materialName = 'Nope'
    expect(refusal(material0)).toMatchObject({ code: 'bad-expression', message: expect.stringContaining('"Nope"') })
  })

  it('names every problem in one message, up to three, coded after the first', () => {
    const parts = vrm1Avatar()
    vrm1Of(parts).humanoid.humanBones.hips = { node: 9999 }
    vrm1Of(parts).expressions!.preset!.aa!.morphTargetBinds![0].index = 42
    const err = refusal(parts)
    expect(err.code).toBe('bad-bones')
    expect(err.message).toMatch(/"hips" bone points at node 9999.*"aa" uses morph target 42/)
    const many = vrm1Avatar()
    for (const bone of ['leftHand', 'rightHand', 'head', 'neck', 'spine'] as const) vrm1Of(many).humanoid.humanBones[bone] = { node: 500 }
    expect(refusal(many).message).toMatch(/\(2 more problems like these\.\)/)
  })

  it('refuses springs on nodes that do not exist', () => {
    const parts = vrm1Avatar()
    springOf(parts).springs![0].joints[1].node = 400
    expect(refusal(parts)).toMatchObject({ code: 'bad-bones', message: expect.stringContaining('"hair" uses node 400') })
  })
})
