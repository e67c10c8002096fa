// The binary container checks that run before Babylon sees a file.
import { describe, expect, it } from 'vitest'
import { AvatarLoadError } from '../../../systems/avatar/vrm/index.ts'
import { readGlb } from '../../../systems/avatar/vrm/file/index.ts'
import { packGlb, vrm1Avatar } from './testAvatars.ts'

function refusal(bytes: Uint8Array): AvatarLoadError {
  try {
    readGlb(bytes)
  } catch (err) {
    if (err instanceof AvatarLoadError) return err
    throw err
  }
  throw new Error('the bytes were accepted')
}

const ascii = (text: string) => new TextEncoder().encode(text)

describe('readGlb', () => {
  it('reads the JSON and binary chunks of a well-formed file', () => {
    const parts = vrm1Avatar()
    const { json, bin } = readGlb(packGlb(parts))
    expect(json.asset.version).toBe('2.0')
    expect(json.nodes).toHaveLength(parts.json.nodes!.length)
    expect(bin!.byteLength).toBeGreaterThanOrEqual(parts.bin.byteLength)
  })

  it('refuses files that are not binary glTF, naming what they look like', () => {
    expect(refusal(new Uint8Array(0))).toMatchObject({ code: 'not-gltf', message: expect.stringContaining('empty') })
    expect(refusal(ascii('PK\u0003\u0004 rest of a zip'))).toMatchObject({ code: 'not-gltf', message: expect.stringContaining('zip') })
    expect(refusal(ascii('Kaydara FBX Binary  \u0000'))).toMatchObject({ code: 'not-gltf', message: expect.stringContaining('FBX') })
    expect(refusal(ascii('{"asset":{"version":"2.0"}}'))).toMatchObject({ code: 'not-gltf', message: expect.stringContaining('text glTF') })
    expect(refusal(ascii('hello, this is a text file'))).toMatchObject({ code: 'not-gltf' })
  })

  it('refuses a file cut short, comparing the header length with the bytes present', () => {
    const whole = packGlb(vrm1Avatar())
    const cut = refusal(whole.subarray(0, whole.byteLength - 100))
    expect(cut.code).toBe('truncated')
    expect(cut.message).toMatch(/cut short: it has [\d.]+ KB of the [\d.]+ KB it should have/)
    expect(refusal(whole.subarray(0, 10)).code).toBe('truncated')
    expect(refusal(whole.subarray(0, 40)).code).toBe('truncated')
  })

  it('refuses glTF 1.0 and damaged JSON', () => {
    const v1 = packGlb(vrm1Avatar())
    new DataView(v1.buffer).setUint32(4, 1, true)
    expect(refusal(v1).code).toBe('unsupported')
    const garbled = packGlb(vrm1Avatar())
    garbled[21] = 0x7b // '{' where '"' was: the JSON no longer parses
    garbled[22] = 0x7b
    expect(refusal(garbled)).toMatchObject({ code: 'not-gltf', message: expect.stringContaining('damaged') })
  })

  it('refuses a file whose JSON promises more binary data than it carries', () => {
    const parts = vrm1Avatar()
    parts.json.buffers![0].byteLength += 1000
    expect(refusal(packGlb(parts)).code).toBe('truncated')
  })
})
