import { afterEach, describe, expect, it } from 'vitest'
import { Expression, ExpressionDiagnostics, type ExpressionWeights } from '../../../systems/avatar/index.ts'
import { buildTestAvatar, spawnTestAvatar, type TestAvatar } from './buildTestAvatar.ts'

const FRAME_MS = 1000 / 60
let avatar: TestAvatar

afterEach(() => avatar.dispose())

/** A spawned test avatar without idle life, and one frame to mix. */
function setup() {
  avatar = buildTestAvatar({ lookAt: null })
  const spawned = spawnTestAvatar(avatar)
  const weights = spawned.world.get(spawned.entity, Expression)!
  const frame = (): void => spawned.app.step(FRAME_MS)
  const influence = (name: string): number => avatar.morphs.get(name)!.influence
  return { ...spawned, weights, frame, influence }
}

function resolved(weights: ExpressionWeights, name: string): number {
  return weights.resolved.get(name) ?? Number.NaN
}

describe('mixExpressions: layers', () => {
  it('takes each name from the highest-priority layer that set it', () => {
    const { weights, frame, influence } = setup()
    weights.set('aa', 0.3, 'emotion')
    weights.set('aa', 0.5, 'mocap')
    weights.set('aa', 0.8, 'lipsync')
    frame()
    expect(resolved(weights, 'aa')).toBeCloseTo(0.8, 6)
    expect(influence('mouthA')).toBeCloseTo(0.8, 6)
    weights.unset('aa', 'lipsync')
    frame()
    expect(influence('mouthA')).toBeCloseTo(0.5, 6)
    weights.clear('mocap')
    frame()
    expect(influence('mouthA')).toBeCloseTo(0.3, 6)
    weights.set('aa', 0.1)
    frame()
    expect(weights.get('aa')).toBeCloseTo(0.1, 6)
    expect(influence('mouthA')).toBeCloseTo(0.1, 6)
  })

  it('lets a lower layer show through for names a higher layer never set', () => {
    const { weights, frame, influence } = setup()
    weights.set('ee', 0.6, 'idle')
    weights.set('aa', 0.9, 'manual')
    frame()
    expect(influence('mouthE')).toBeCloseTo(0.6, 6)
    expect(influence('mouthA')).toBeCloseTo(0.9, 6)
    expect(resolved(weights, 'oh')).toBe(0)
  })

  it('snaps binary expressions to 0 or 1 at 0.5', () => {
    const { weights, frame, influence } = setup()
    weights.set('surprised', 0.6)
    frame()
    expect(resolved(weights, 'surprised')).toBe(1)
    expect(influence('surprised')).toBe(1)
    weights.set('surprised', 0.5)
    frame()
    expect(resolved(weights, 'surprised')).toBe(0)
    weights.set('smile', 0.6) // not binary: passes through
    weights.set('happy', 0.6)
    frame()
    expect(influence('smile')).toBeCloseTo(0.6, 6)
  })
})

describe('mixExpressions: VRM 1.0 overrides', () => {
  it('blocks blink while an expression with overrideBlink "block" is active', () => {
    const { weights, frame, influence } = setup()
    weights.set('blink', 1, 'idle')
    weights.set('happy', 0.5, 'emotion')
    frame()
    expect(resolved(weights, 'blink')).toBe(0)
    // eyesClosed now only carries happy's own squint bind: 0.3 × 0.5.
    expect(influence('eyesClosed')).toBeCloseTo(0.15, 6)
    weights.set('happy', 0, 'emotion')
    frame()
    expect(resolved(weights, 'blink')).toBe(1)
    expect(influence('eyesClosed')).toBeCloseTo(1, 6)
  })

  it('blends the mouth by 1 − weight of an expression with overrideMouth "blend"', () => {
    const { weights, frame, influence } = setup()
    weights.set('aa', 0.8, 'lipsync')
    weights.set('sad', 0.25, 'emotion')
    frame()
    expect(resolved(weights, 'aa')).toBeCloseTo(0.6, 6)
    expect(influence('mouthA')).toBeCloseTo(0.6, 6)
  })

  it('takes the strongest blend when two expressions blend the same group', () => {
    const { weights, frame } = setup()
    weights.set('aa', 0.8, 'lipsync')
    weights.set('sad', 0.25, 'emotion')
    weights.set('happy', 0.5, 'emotion')
    frame()
    expect(resolved(weights, 'aa')).toBeCloseTo(0.4, 6)
  })

  it('lets a block win over a blend', () => {
    const { weights, frame, influence } = setup()
    weights.set('lookLeft', 0.7, 'idle')
    weights.set('sad', 0.5, 'emotion') // blends look-at: 0.35 alone
    frame()
    expect(resolved(weights, 'lookLeft')).toBeCloseTo(0.35, 6)
    weights.set('surprised', 1, 'emotion') // blocks look-at
    frame()
    expect(resolved(weights, 'lookLeft')).toBe(0)
    expect(influence('lookLeft')).toBe(0)
  })

  it('leaves groups no active expression overrides untouched', () => {
    const { weights, frame } = setup()
    weights.set('blink', 1, 'idle')
    weights.set('aa', 0.7, 'lipsync')
    weights.set('sad', 0.4, 'emotion') // blends mouth and look-at, not blink
    frame()
    expect(resolved(weights, 'blink')).toBe(1)
    expect(resolved(weights, 'aa')).toBeCloseTo(0.42, 6)
  })
})

describe('mixExpressions: binds', () => {
  it('adds the binds of several expressions on one morph target and clamps to 1', () => {
    const { weights, frame, influence } = setup()
    weights.set('aa', 0.2)
    weights.set('wide', 0.5) // mouthA 0.6 × 0.5
    frame()
    expect(influence('mouthA')).toBeCloseTo(0.5, 6)
    expect(influence('wide')).toBeCloseTo(0.5, 6)
    weights.set('aa', 0.8)
    weights.set('wide', 1) // 0.8 + 0.6
    frame()
    expect(influence('mouthA')).toBe(1)
  })

  it('lerps the material colour, emission and alpha from their spawn values', () => {
    const { weights, frame } = setup()
    const face = avatar.face
    weights.set('angry', 0.5)
    frame()
    expect(face.diffuseColor.r).toBeCloseTo(0.9, 5) // 0.8 → 1
    expect(face.diffuseColor.g).toBeCloseTo(0.35, 5) // 0.7 → 0
    expect(face.diffuseColor.b).toBeCloseTo(0.3, 5) // 0.6 → 0
    expect(face.alpha).toBeCloseTo(0.75, 5) // 1 → 0.5
    expect(face.emissiveColor.r).toBeCloseTo(0.2, 5) // 0 → 0.4
    weights.set('angry', 0)
    frame()
    expect(face.diffuseColor.r).toBeCloseTo(0.8, 6)
    expect(face.diffuseColor.g).toBeCloseTo(0.7, 6)
    expect(face.diffuseColor.b).toBeCloseTo(0.6, 6)
    expect(face.alpha).toBe(1)
    expect(face.emissiveColor.r).toBe(0)
  })

  it('reports colour binds the material has no property for, and skips them', () => {
    const { world, entity } = setup()
    expect(world.resource(ExpressionDiagnostics).skippedBinds.get(entity)).toEqual(['face: matcapColor'])
  })

  it('moves texture scale and offset towards the bind', () => {
    const { weights, frame } = setup()
    const t = avatar.eyeTexture
    weights.set('relaxed', 0.5)
    frame()
    expect([t.uScale, t.vScale, t.uOffset, t.vOffset]).toEqual([1.5, 1, 0.125, -0.25])
    weights.set('relaxed', 0)
    frame()
    expect([t.uScale, t.vScale, t.uOffset, t.vOffset]).toEqual([1, 1, 0, 0])
  })
})

describe('mixExpressions: unknown names', () => {
  it('ignores names the avatar lacks and counts them per avatar', () => {
    const { world, entity, weights, frame, influence } = setup()
    weights.set('smirk', 1, 'emotion')
    weights.set('aa', 0.4)
    frame()
    const diagnostics = world.resource(ExpressionDiagnostics)
    expect(diagnostics.unknownFor(entity)).toEqual(['smirk'])
    expect(diagnostics.unknownCount).toBe(1)
    expect(weights.resolved.has('smirk')).toBe(false)
    expect(influence('mouthA')).toBeCloseTo(0.4, 6)
    weights.set('wink', 1)
    frame()
    expect(diagnostics.unknownFor(entity)).toEqual(['smirk', 'wink'])
    expect(diagnostics.unknownCount).toBe(2)
  })
})
