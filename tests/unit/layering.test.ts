// The project's layers, checked over the real import graph: engine ← systems ← scenes, server/ on
// the Node-safe doors, and one capability reaching another only through its door.
import { resolve } from 'node:path'
import { describe, expect, it } from 'vitest'
import { importEdges, type ImportEdge } from './importGraph.ts'

const ROOT = resolve(import.meta.dirname, '../..')
/** Product code: tests and benches may open private modules by path (the policy in scenes/studio/README.md). */
const EDGES = importEdges(ROOT).filter((e) => !/^(node_modules|tests|bench|dist)\//.test(e.from))
const top = (path: string) => path.split('/')[0]
/** `systems/voice` for `systems/voice/espeak/worker.ts`. */
const capability = (path: string) => path.split('/').slice(0, 2).join('/')
const door = (path: string) => path.split('/').slice(2).join('/')
const show = (edges: ImportEdge[]) => edges.map((e) => `${e.from} → ${e.to}`)

describe('layers', () => {
  it('keeps engine/ free of every other folder', () => {
    expect(show(EDGES.filter((e) => top(e.from) === 'engine' && top(e.to) !== 'engine'))).toEqual([])
  })

  it('never imports a page or the Node server from engine/ or systems/', () => {
    expect(show(EDGES.filter((e) => ['engine', 'systems'].includes(top(e.from)) && ['scenes', 'server'].includes(top(e.to))))).toEqual([])
  })

  it('lets one capability reach another, and scenes reach any, only through its index.ts', () => {
    const bypass = EDGES.filter((e) => top(e.to) === 'systems' && ['systems', 'scenes'].includes(top(e.from)))
      .filter((e) => capability(e.from) !== capability(e.to) && door(e.to) !== 'index.ts')
    expect(show(bypass)).toEqual([])
  })

  it('lets Node code (server/, tools/, vite.config.ts) reach systems/ only through a node.ts door', () => {
    const nodeSide = EDGES.filter((e) => top(e.to) === 'systems' && ['server', 'tools', 'vite.config.ts'].includes(top(e.from)))
    expect(show(nodeSide.filter((e) => door(e.to) !== 'node.ts'))).toEqual([])
  })
})
