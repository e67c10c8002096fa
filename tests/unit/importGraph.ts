// The import graph of a source folder, seen one folder at a time: inside each folder, its
// subfolders and its own files are the nodes, and an import between two of them is an edge.
// A cycle there is a layering problem even where no two files import each other (load/ → vrm/ → load/).
// Run it on its own for a report: `npx tsx tests/unit/importGraph.ts systems/avatar`.
import { readdirSync, readFileSync, statSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'

/** One import between two files under the root, as paths relative to it (`vrm/plan/plan.ts`). */
export interface ImportEdge {
  readonly from: string
  readonly to: string
}

/** What `checkLayers` found: folder-level cycles and imports that bypass a folder's door. */
export interface LayerReport {
  /** Each cycle as the folder it lies in and its members, sorted (`.: load/ → vrm/`). */
  readonly cycles: readonly string[]
  /** Imports from outside a folder into one of its files other than `index.ts`. */
  readonly doorBypasses: readonly string[]
}

// `from '…'`, `import '…'` and `export … from '…'`, single- or multi-line; only relative specifiers matter.
const SPECIFIER = /(?:\bfrom|^\s*import)\s+['"](\.{1,2}\/[^'"]+)['"]/gm

/** Every relative import between `.ts` files under `root`. */
export function importEdges(root: string): ImportEdge[] {
  const edges: ImportEdge[] = []
  for (const file of tsFiles(root)) {
    const text = readFileSync(file, 'utf8')
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolve(dirname(file), m[1])
      const to = relative(root, target)
      if (to.startsWith('..')) continue
      edges.push({ from: toPosix(relative(root, file)), to: toPosix(to) })
    }
  }
  return edges
}

/** Cycles among each folder's children and door bypasses, for the `.ts` files under `root`. */
export function checkLayers(root: string): LayerReport {
  const edges = importEdges(root)
  const folders = new Set<string>([''])
  for (const e of edges) for (const p of [e.from, e.to]) for (let d = dirname(p); d !== '.'; d = dirname(d)) folders.add(d)
  const cycles: string[] = []
  for (const folder of [...folders].sort()) {
    const graph = new Map<string, Set<string>>()
    for (const e of edges) {
      const a = childOf(folder, e.from)
      const b = childOf(folder, e.to)
      if (a === null || b === null || a === b) continue
      if (!graph.has(a)) graph.set(a, new Set())
      graph.get(a)!.add(b)
    }
    for (const scc of cyclicComponents(graph)) cycles.push(`${folder || '.'}: ${scc.join(' → ')}`)
  }
  const doorBypasses = edges
    .filter((e) => {
      const folder = dirname(e.to)
      return folder !== '.' && !`${dirname(e.from)}/`.startsWith(`${folder}/`) && !e.to.endsWith('/index.ts')
    })
    .map((e) => `${e.from} → ${e.to}`)
  return { cycles, doorBypasses }
}

/** The child of `folder` that holds `path` (`plan/` for a subfolder, `plan.ts` for a file), or null if outside it. */
function childOf(folder: string, path: string): string | null {
  const prefix = folder ? `${folder}/` : ''
  if (!path.startsWith(prefix)) return null
  const rest = path.slice(prefix.length)
  const slash = rest.indexOf('/')
  return slash < 0 ? rest : `${rest.slice(0, slash)}/`
}

/** Strongly connected components with more than one node (Tarjan), each in a stable order. */
function cyclicComponents(graph: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const out: string[][] = []
  const visit = (v: string) => {
    index.set(v, index.size)
    low.set(v, index.get(v)!)
    stack.push(v)
    onStack.add(v)
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w)
        low.set(v, Math.min(low.get(v)!, low.get(w)!))
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, index.get(w)!))
    }
    if (low.get(v) !== index.get(v)) return
    const scc: string[] = []
    let w: string
    do {
      w = stack.pop()!
      onStack.delete(w)
      scc.push(w)
    } while (w !== v)
    if (scc.length > 1) out.push(scc.sort())
  }
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v)
  return out
}

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name)
    if (statSync(path).isDirectory()) return tsFiles(path)
    return name.endsWith('.ts') ? [path] : []
  })
}

function toPosix(path: string): string {
  return path.split(sep).join('/')
}

// Run directly: print the report for the folder given on the command line.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.dirname ?? '', 'importGraph.ts')) {
  const report = checkLayers(resolve(process.argv[2] ?? 'systems/avatar'))
  console.log(`folder-level cycles: ${report.cycles.length}`)
  for (const c of report.cycles) console.log(`  ${c}`)
  console.log(`imports past a folder's door: ${report.doorBypasses.length}`)
  for (const b of report.doorBypasses) console.log(`  ${b}`)
}
