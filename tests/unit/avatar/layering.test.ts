import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { checkLayers, importEdges } from '../importGraph.ts'

const AVATAR = resolve(import.meta.dirname, '../../../systems/avatar')

describe('systems/avatar layering', () => {
  it('has no import cycle between the children of any folder (vrm/ ↔ springBone/, plan/ ↔ extensions/ …)', () => {
    expect(checkLayers(AVATAR).cycles).toEqual([])
  })

  it('enters every subfolder through its index.ts', () => {
    expect(checkLayers(AVATAR).doorBypasses).toEqual([])
  })

  it('lets the loader and the spring runtime use only the model contract of the runtime folder', () => {
    const fromSubfolders = importEdges(AVATAR).filter((e) => e.from.includes('/') && !e.to.includes('/'))
    expect(new Set(fromSubfolders.map((e) => e.to))).toEqual(new Set(['model.ts']))
  })

  it('keeps the runtime off the loader: only the door imports vrm/', () => {
    const intoVrm = importEdges(AVATAR).filter((e) => !e.from.includes('/') && e.to.startsWith('vrm/'))
    expect(intoVrm.map((e) => e.from)).toEqual(['index.ts'])
  })
})

describe('checkLayers', () => {
  it('finds the folder-level cycle of the old load/ ↔ vrm/ split', () => {
    // Before the split: load/loadAvatar.ts → vrm/planAvatar.ts → load/errors.ts, no file cycle.
    const report = checkLayers(resolve(import.meta.dirname, 'layeringFixture'))
    expect(report.cycles).toEqual(['.: load/ → vrm/'])
    expect(report.doorBypasses).toEqual(['load/loadAvatar.ts → vrm/planAvatar.ts', 'vrm/planAvatar.ts → load/errors.ts'])
  })
})
