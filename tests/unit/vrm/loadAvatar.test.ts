// loadAvatar end to end in Node (Babylon's NullEngine): the Babylon objects an avatar resolves to,
// the facing both formats end up with, and a clean scene after refusals, failures and dispose.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { NullEngine } from '@babylonjs/core/Engines/nullEngine'
import { Scene } from '@babylonjs/core/scene'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import { AvatarLoadError, MAX_AVATAR_BYTES, ToonMaterial, loadAvatar, type AvatarLoadProgress } from '../../../systems/avatar/vrm/index.ts'
import type { AvatarModel } from '../../../systems/avatar/model.ts'
import { FACE_TARGETS, packGlb, vrm0Avatar, vrm1Avatar, type GltfParts } from './testAvatars.ts'

let engine: NullEngine
let scene: Scene

beforeEach(() => {
  engine = new NullEngine()
  scene = new Scene(engine)
})

afterEach(() => {
  scene.dispose()
  engine.dispose()
})

/** Everything in the scene, by kind: a clean scene after a refusal has exactly what it had before. */
function inventory(s: Scene): Record<string, number> {
  return {
    meshes: s.meshes.length, transformNodes: s.transformNodes.length, materials: s.materials.length,
    textures: s.textures.length, skeletons: s.skeletons.length, morphTargetManagers: s.morphTargetManagers.length,
    geometries: s.geometries.length,
  }
}

function worldPosition(node: TransformNode): [number, number, number] {
  const chain: TransformNode[] = []
  for (let at: TransformNode | null = node; at; at = at.parent as TransformNode | null) chain.unshift(at)
  for (const n of chain) n.computeWorldMatrix(true)
  const p = node.getAbsolutePosition()
  return [p.x, p.y, p.z]
}

async function refusal(bytes: Uint8Array | Blob): Promise<AvatarLoadError> {
  const err = await loadAvatar(scene, bytes).then(() => null, (e: unknown) => e)
  if (err instanceof AvatarLoadError) return err
  throw new Error(`expected an AvatarLoadError, got ${String(err)}`)
}

describe.each([
  ['VRM 1.0', vrm1Avatar, 'vrm1'],
  ['VRM 0.x', vrm0Avatar, 'vrm0'],
] as const)('loading a %s avatar', (_label, make, format) => {
  let model: AvatarModel

  beforeEach(async () => {
    model = await loadAvatar(scene, packGlb(make()))
  })

  it('comes back hidden, with its format and every human bone on a Babylon node', () => {
    expect(model.format).toBe(format)
    expect(model.root.isEnabled(false)).toBe(false)
    expect(model.humanoid.size).toBe(19)
    expect(model.humanoid.get('leftUpperArm')!.name).toBe('leftUpperArm')
  })

  it('faces -Z (the studio camera) with its left hand towards +X and the head above the hips', () => {
    const [lx] = worldPosition(model.humanoid.get('leftHand')!)
    const [rx] = worldPosition(model.humanoid.get('rightHand')!)
    const [, , eyeZ] = worldPosition(model.humanoid.get('leftEye')!)
    const [, headY, headZ] = worldPosition(model.humanoid.get('head')!)
    expect(lx).toBeCloseTo(0.7)
    expect(rx).toBeCloseTo(-0.7)
    expect(eyeZ - headZ).toBeCloseTo(-0.08)
    expect(headY).toBeCloseTo(1.45)
  })

  it('binds expressions to the face mesh morph targets with weights 0..1', () => {
    const aa = model.expressions.get('aa')!
    expect(aa.morphBinds.map((b) => [b.target.name, b.weight])).toEqual([[FACE_TARGETS[0], 1]])
    const happy = model.expressions.get('happy')!
    expect(happy.morphBinds[0].target.name).toBe(FACE_TARGETS[1])
    expect(happy.morphBinds[0].weight).toBeCloseTo(format === 'vrm1' ? 0.8 : 0.5)
  })

  it('approximates the MToon material with a toon material holding linear base and shade colours', () => {
    const material = model.expressions.get(format === 'vrm1' ? 'wink' : 'Pale')!.materialColorBinds[0].material
    expect(material).toBeInstanceOf(ToonMaterial)
    const toon = material as ToonMaterial
    // 1.0 files give MToon colours in linear; 0.x gives the shade as sRGB (0.8 → 0.604).
    expect(toon.shadeColor.r).toBeCloseTo(format === 'vrm1' ? 0.8 : 0.604, 3)
    expect(toon.albedoColor.asArray()).toEqual([1, 0.8, 0.7].map((v) => expect.closeTo(v, 5)))
    // Drawn in gamma space: shade on the unlit side, base − shade added by full light.
    toon.deriveColors()
    expect(toon.emissiveColor.r).toBeCloseTo(Math.pow(toon.shadeColor.r, 1 / 2.2), 4)
    expect(toon.diffuseColor.g + toon.emissiveColor.g).toBeCloseTo(Math.pow(0.8, 1 / 2.2), 4)
  })

  it('resolves the hair spring to its nodes, ending at a tail node', () => {
    expect(model.springs).toHaveLength(1)
    const names = model.springs[0].joints.map((j) => j.node.name)
    expect(names.slice(0, 3)).toEqual(['hair1', 'hair2', 'hair3'])
    if (format === 'vrm0') {
      // The virtual tail sits 7 cm beyond hair3, continuing hair2 → hair3.
      expect(names[3]).toBe('hair3.springTail')
      const [a, b, c] = [model.springs[0].joints[2].node, model.springs[0].joints[1].node, model.springs[0].joints[3].node].map(worldPosition)
      const step = Math.hypot(c[0] - a[0], c[1] - a[1], c[2] - a[2])
      expect(step).toBeCloseTo(0.07, 4)
      const along = ((a[0] - b[0]) * (c[0] - a[0]) + (a[1] - b[1]) * (c[1] - a[1]) + (a[2] - b[2]) * (c[2] - a[2])) / Math.hypot(a[0] - b[0], a[1] - b[1], a[2] - b[2])
      expect(along).toBeCloseTo(0.07, 4)
    }
    expect(model.springs[0].colliders[0].node.name).toBe('head')
  })

  it('releases every mesh, node, material and morph target on dispose', () => {
    model.dispose()
    expect(inventory(scene)).toEqual(inventory(new Scene(engine)))
  })
})

describe('failed loads', () => {
  it('leaves the scene as it was when a file is refused before building', async () => {
    const before = inventory(scene)
    const parts = vrm1Avatar()
    delete (parts.json.extensions!.VRMC_vrm as { humanoid?: unknown }).humanoid
    expect((await refusal(packGlb(parts))).code).toBe('no-humanoid')
    expect(inventory(scene)).toEqual(before)
  })

  it('disposes what Babylon built when the build fails half way', async () => {
    const existing = await loadAvatar(scene, packGlb(vrm1Avatar()))
    const before = inventory(scene)
    const parts: GltfParts = vrm0Avatar()
    // An index accessor reaching past its buffer view: the JSON checks pass, Babylon fails reading geometry.
    parts.json.accessors![parts.json.accessors!.length - 1].count = 10_000
    const err = await refusal(packGlb(parts))
    expect(err.code).toBe('broken')
    expect(err.message).toMatch(/could not be built/)
    expect(inventory(scene)).toEqual(before)
    // The avatar already in the scene is untouched.
    expect(existing.humanoid.get('head')!.isDisposed()).toBe(false)
  })

  it('refuses a file over 200 MB before reading a byte of it', async () => {
    let read = false
    const huge = { size: MAX_AVATAR_BYTES + 1, name: 'huge.vrm', stream: () => { read = true; throw new Error('read') } }
    const err = await refusal(huge as unknown as Blob)
    expect(err).toMatchObject({ code: 'too-large', message: expect.stringContaining('200.0 MB') })
    expect(read).toBe(false)
  })

  it('reports progress from reading to done', async () => {
    const phases: AvatarLoadProgress[] = []
    await loadAvatar(scene, packGlb(vrm1Avatar()), { onProgress: (p) => phases.push(p) })
    expect(phases.map((p) => p.phase)).toEqual(['reading', 'reading', 'checking', 'building', 'done'])
    expect(phases.map((p) => p.fraction)).toEqual([...phases.map((p) => p.fraction)].sort((a, b) => a - b))
    expect(phases.at(-1)!.fraction).toBe(1)
  })
})
