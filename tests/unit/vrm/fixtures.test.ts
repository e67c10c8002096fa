// The project's avatar files (assets/anchor, tests/fixtures/avatars) through the loader's checks:
// each broken file is refused with its own code before Babylon builds anything.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkEmbeddedResources, readGlb } from '../../../systems/avatar/vrm/file/index.ts'
import { planAvatar, type AvatarPlan } from '../../../systems/avatar/vrm/plan/index.ts'
import { AvatarLoadError } from '../../../systems/avatar/vrm/index.ts'

const ROOT = join(import.meta.dirname, '../../..')
const FIXTURES = join(ROOT, 'tests/fixtures/avatars')

/** What `loadAvatar` checks before building: the container, embedded resources, the VRM JSON. */
function check(file: string): AvatarPlan {
  const { json } = readGlb(new Uint8Array(readFileSync(file)))
  checkEmbeddedResources(json)
  return planAvatar(json)
}

function codeOf(file: string): string {
  try {
    check(join(FIXTURES, file))
  } catch (err) {
    if (err instanceof AvatarLoadError) return err.code
    throw err
  }
  return 'accepted'
}

describe('the project avatar files', () => {
  it('reads the default anchor as VRM 1.0 with every expression preset and its springs', () => {
    const plan = check(join(ROOT, 'assets/anchor/anchor.vrm'))
    expect(plan.format).toBe('vrm1')
    expect(plan.expressions.length).toBeGreaterThanOrEqual(18)
    expect(plan.springs.length).toBeGreaterThan(0)
  })

  it('reads the VRM 0.x anchor as the same character with the same expression names', () => {
    const v1 = check(join(ROOT, 'assets/anchor/anchor.vrm'))
    const v0 = check(join(FIXTURES, 'anchor-vrm0.vrm'))
    expect(v0.format).toBe('vrm0')
    expect(v0.expressions.map((e) => e.name).sort()).toEqual(v1.expressions.map((e) => e.name).sort())
    expect([...v0.humanoid.keys()].sort()).toEqual([...v1.humanoid.keys()].sort())
    expect(v0.meta.name).toBe(v1.meta.name)
  })

  it.each([
    ['minimal.vrm', 'accepted'],
    ['truncated.vrm', 'truncated'],
    ['not-gltf.vrm', 'not-gltf'],
    ['no-humanoid.glb', 'no-humanoid'],
    ['unknown-version.vrm', 'unknown-version'],
    ['missing-texture.vrm', 'missing-texture'],
    ['bad-bones.vrm', 'bad-bones'],
  ])('gives %s the outcome %s', (file, code) => {
    expect(codeOf(file)).toBe(code)
  })
})
