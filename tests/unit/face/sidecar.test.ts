import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { FaceModelError } from '../../../systems/face/errors.ts'
import { checkModelIo, parseSidecar } from '../../../systems/face/sidecar.ts'

const FIXTURES = join(import.meta.dirname, '../../fixtures/face')
const tiny = () => JSON.parse(readFileSync(join(FIXTURES, 'tiny.json'), 'utf8')) as Record<string, unknown>

describe('the generator sidecar', () => {
  it('reads the tiny fixture', () => {
    const sidecar = parseSidecar(tiny(), 'tiny.json')
    expect(sidecar).toMatchObject({ kind: 'conditional', nz: 100, resolution: 64, inputs: { z: 'z', c: 'c' }, output: { name: 'image', range: [-1, 1] } })
    expect(sidecar.c.map((f) => f.name)).toEqual(['aa', 'ih', 'ou', 'ee', 'oh', 'blinkLeft', 'blinkRight', 'happy', 'surprised', 'angry'])
  })

  it('reads the shipped generator description', () => {
    const shipped = JSON.parse(readFileSync(join(import.meta.dirname, '../../../models/gan/shipped/generator.json'), 'utf8'))
    expect(parseSidecar(shipped, 'generator.json').files.fp32).toBe('generator.onnx')
  })

  it('reads an unconditional generator with no c', () => {
    const dcgan = JSON.parse(readFileSync(join(FIXTURES, 'tiny-dcgan.json'), 'utf8'))
    expect(parseSidecar(dcgan, 'tiny-dcgan.json')).toMatchObject({ kind: 'dcgan', inputs: { c: null }, c: [] })
  })

  const refusals: [string, (s: Record<string, unknown>) => void, RegExp][] = [
    ['another format', (s) => (s.format = 'other'), /not a GenAnchor GAN sidecar/],
    ['another version', (s) => (s.version = 2), /version 2/],
    ['an unknown kind', (s) => (s.kind = 'stylegan'), /unknown kind "stylegan"/],
    ['a fractional nz', (s) => (s.nz = 10.5), /"nz"/],
    ['four channels', (s) => (s.channels = 4), /channels/],
    ['no c input name', (s) => (s.inputs = { z: 'z' }), /no input name for c/],
    ['duplicate c names', (s) => (s.c = [{ name: 'aa', neutral: 0 }, { name: 'aa', neutral: 0 }]), /distinct names/],
    ['a non-numeric neutral', (s) => (s.c = [{ name: 'aa', neutral: 'x' }]), /"c"/],
    ['an inverted range', (s) => (s.output = { name: 'image', range: [1, -1] }), /"range"/],
    ['an NHWC output', (s) => (s.output = { name: 'image', layout: 'NHWC', range: [-1, 1] }), /NHWC/],
    ['a model file outside its folder', (s) => (s.files = { fp32: '../../secret.onnx' }), /files.fp32/],
    ['a model file address', (s) => (s.files = { fp32: 'https://example.com/g.onnx' }), /files.fp32/],
  ]
  for (const [what, edit, message] of refusals) {
    it(`refuses ${what}, saying what to do`, () => {
      const s = tiny()
      edit(s)
      expect(() => parseSidecar(s, 'g.json')).toThrow(FaceModelError)
      expect(() => parseSidecar(s, 'g.json')).toThrow(message)
      expect(() => parseSidecar(s, 'g.json')).toThrow(/export the generator again/)
    })
  }

  it('refuses what is not an object', () => {
    expect(() => parseSidecar([1, 2], 'g.json')).toThrow(/not a JSON object/)
  })
})

describe('checking a session against the sidecar', () => {
  const sidecar = parseSidecar(tiny(), 'tiny.json')
  const z = { name: 'z', isTensor: true, type: 'float32', shape: ['batch', 100] }
  const c = { name: 'c', isTensor: true, type: 'float32', shape: ['batch', 10] }
  const image = { name: 'image', isTensor: true, type: 'float32', shape: ['batch', 3, 64, 64] }

  it('accepts matching names, types and shapes (symbolic batch)', () => {
    expect(() => checkModelIo(sidecar, [z, c], [image], 'g.onnx')).not.toThrow()
    expect(() => checkModelIo(sidecar, [{ ...z, shape: [1, 100] }, c], [image], 'g.onnx')).not.toThrow()
  })

  it('names a missing input and what the model has instead', () => {
    expect(() => checkModelIo(sidecar, [{ ...z, name: 'latent' }, c], [image], 'g.onnx')).toThrow(/no input "z" \(it has "latent", "c"\)/)
  })

  it('refuses a wrong shape, a wrong type and an extra input', () => {
    expect(() => checkModelIo(sidecar, [{ ...z, shape: ['batch', 64] }, c], [image], 'g.onnx')).toThrow(/shape \[batch, 64\], expected \[batch, 100\]/)
    expect(() => checkModelIo(sidecar, [{ ...z, type: 'float16' }, c], [image], 'g.onnx')).toThrow(/float16, not float32/)
    expect(() => checkModelIo(sidecar, [z, c, { ...c, name: 'noise' }], [image], 'g.onnx')).toThrow(/"noise"/)
    expect(() => checkModelIo(sidecar, [z, c], [{ ...image, shape: ['batch', 3, 32, 32] }], 'g.onnx')).toThrow(/output "image"/)
  })
})
