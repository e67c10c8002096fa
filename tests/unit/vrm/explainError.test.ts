// What a performer reads when Babylon's loader, rather than our checks, fails.
import { describe, expect, it } from 'vitest'
import { explainError } from '../../../systems/avatar/vrm/explainError.ts'
import { AvatarLoadError } from '../../../systems/avatar/vrm/index.ts'

/** Babylon wraps errors as RuntimeError with `innerError`; this stands in for it. */
function wrapped(message: string, innerError?: unknown): Error {
  return Object.assign(new Error(`Unable to load from data:abc: ${message}`), { innerError })
}

describe('explainError', () => {
  it('passes our own refusals through, even wrapped by Babylon', () => {
    const own = new AvatarLoadError('bad-bones', 'The "hips" bone points at node 9.')
    expect(explainError(own)).toBe(own)
    expect(explainError(wrapped('whatever', own))).toBe(own)
    expect(explainError(new Error('outer', { cause: own }))).toBe(own)
  })

  it('turns a texture that fails to decode into missing-texture, without quoting URLs', () => {
    const err = explainError(wrapped('/textures/3: Error while trying to load image: blob:http://127.0.0.1:5173/1234 - Fallback texture was used'))
    expect(err.code).toBe('missing-texture')
    expect(err.message).toMatch(/^This avatar is missing a texture: texture 3 cannot be read/)
    expect(err.message).not.toMatch(/blob:|data:/)
  })

  it('names a required glTF extension Babylon cannot read', () => {
    const err = explainError(wrapped('Required extension KHR_draco_mesh_compression is not available'))
    expect(err).toMatchObject({ code: 'unsupported', message: expect.stringContaining('KHR_draco_mesh_compression') })
  })

  it('keeps Babylon\'s reason for anything else, short and without URLs', () => {
    const err = explainError(wrapped('/accessors/4: Failed to load data:application/octet-stream;base64,AAAA'))
    expect(err.code).toBe('broken')
    expect(err.message).toMatch(/^This avatar could not be built \(\/accessors\/4: Failed to load \(the file\)\)/)
    expect(explainError('a bare string').message).toContain('a bare string')
  })
})
