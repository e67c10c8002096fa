// An indexed, skinned triangle list built vertex by vertex, and the grid helper every shape uses.
import { add, cross, dot, normalize, sub, type Vec2, type Vec3 } from './math.ts'

/** Bone weights of one vertex: up to four `[boneName, weight]` pairs summing to 1. */
export type Skin = readonly (readonly [string, number])[]

/** One vertex as a shape function describes it. */
export interface VertexSpec {
  readonly p: Vec3
  /** Known normal; when absent it is averaged from the triangles around the vertex. */
  readonly n?: Vec3
  readonly uv?: Vec2
  readonly skin: Skin
  /** Roughly outward direction: triangles are wound so their face normal agrees with it. */
  readonly out: Vec3
}

/** Triangles of one material, with everything glTF needs per vertex. */
export class Geometry {
  readonly positions: Vec3[] = []
  readonly normals: (Vec3 | null)[] = []
  readonly uvs: Vec2[] = []
  readonly skins: Skin[] = []
  readonly indices: number[] = []
  private readonly outs: Vec3[] = []

  /** Whether the vertices carry texture coordinates (all or none do). */
  get hasUv(): boolean {
    return this.uvs.length > 0 && this.uvs.length === this.positions.length
  }

  get vertexCount(): number {
    return this.positions.length
  }

  /** Adds a vertex and returns its index. */
  vertex(v: VertexSpec): number {
    this.positions.push(v.p)
    this.normals.push(v.n ?? null)
    if (v.uv) this.uvs.push(v.uv)
    this.skins.push(v.skin)
    this.outs.push(v.out)
    return this.positions.length - 1
  }

  /** Adds a triangle, wound counter-clockwise as seen from outside (glTF front face). */
  tri(a: number, b: number, c: number): void {
    const pa = this.positions[a]
    const face = cross(sub(this.positions[b], pa), sub(this.positions[c], pa))
    const hint = add(add(this.outs[a], this.outs[b]), this.outs[c])
    // Degenerate triangles (collapsed caps) are kept: morph targets may open them later.
    if (dot(face, hint) < 0) this.indices.push(a, c, b)
    else this.indices.push(a, b, c)
  }

  /** Adds the quad a-b-c-d as two triangles. */
  quad(a: number, b: number, c: number, d: number): void {
    this.tri(a, b, c)
    this.tri(a, c, d)
  }

  /**
   * Fills in missing normals: area-weighted face normals summed over every vertex at the same
   * position, so seams and poles of parametric grids shade smoothly.
   */
  computeNormals(): void {
    const sums = new Map<string, [number, number, number]>()
    const key = (p: Vec3): string => `${Math.round(p[0] * 1e5)},${Math.round(p[1] * 1e5)},${Math.round(p[2] * 1e5)}`
    for (let i = 0; i < this.indices.length; i += 3) {
      const [a, b, c] = [this.indices[i], this.indices[i + 1], this.indices[i + 2]]
      const face = cross(sub(this.positions[b], this.positions[a]), sub(this.positions[c], this.positions[a]))
      for (const v of [a, b, c]) {
        const k = key(this.positions[v])
        const s = sums.get(k) ?? [0, 0, 0]
        s[0] += face[0]
        s[1] += face[1]
        s[2] += face[2]
        sums.set(k, s)
      }
    }
    for (let v = 0; v < this.positions.length; v++) {
      if (this.normals[v]) continue
      const s = sums.get(key(this.positions[v]))
      this.normals[v] = s && s[0] * s[0] + s[1] * s[1] + s[2] * s[2] > 1e-20 ? normalize(s) : normalize(this.outs[v])
    }
  }

  /** A copy with positions and normals mapped by `f` (a rotation: triangle winding stays valid). */
  transformed(f: (v: Vec3) => Vec3): Geometry {
    const out = new Geometry()
    for (let v = 0; v < this.positions.length; v++) {
      const n = this.normals[v]
      out.vertex({ p: f(this.positions[v]), n: n ? f(n) : undefined, uv: this.hasUv ? this.uvs[v] : undefined, skin: this.skins[v], out: f(this.outs[v]) })
    }
    out.indices.push(...this.indices)
    return out
  }

  /** Appends another geometry's vertices and triangles (its normals must be final). */
  append(other: Geometry): void {
    const base = this.positions.length
    for (let v = 0; v < other.positions.length; v++) {
      this.vertex({ p: other.positions[v], n: other.normals[v] ?? undefined, uv: other.hasUv ? other.uvs[v] : undefined, skin: other.skins[v], out: other.outs[v] })
    }
    for (const i of other.indices) this.indices.push(base + i)
  }
}

/**
 * Adds a `(cols + 1) x (rows + 1)` vertex grid from `fn(u, v)` with u, v in 0..1 and joins it with
 * quads; returns the vertex indices as `grid[row][col]`.
 */
export function grid(g: Geometry, cols: number, rows: number, fn: (u: number, v: number) => VertexSpec): number[][] {
  const ids: number[][] = []
  for (let r = 0; r <= rows; r++) {
    const row: number[] = []
    for (let c = 0; c <= cols; c++) row.push(g.vertex(fn(c / cols, r / rows)))
    ids.push(row)
  }
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) g.quad(ids[r][c], ids[r][c + 1], ids[r + 1][c + 1], ids[r + 1][c])
  }
  return ids
}

/** Closes a ring of vertices with a fan around one centre vertex. */
export function fan(g: Geometry, ring: readonly number[], centre: VertexSpec): void {
  const c = g.vertex(centre)
  for (let i = 0; i + 1 < ring.length; i++) g.tri(c, ring[i], ring[i + 1])
}

/** A skin bound fully to one bone. */
export const rigid = (bone: string): Skin => [[bone, 1]]

/** Blends two skins: `(1 - t) * a + t * b`, merged by bone, four largest kept, renormalised. */
export function blendSkin(a: Skin, b: Skin, t: number): Skin {
  const m = new Map<string, number>()
  for (const [bone, w] of a) m.set(bone, (m.get(bone) ?? 0) + w * (1 - t))
  for (const [bone, w] of b) m.set(bone, (m.get(bone) ?? 0) + w * t)
  const kept = [...m].filter(([, w]) => w > 1e-4).sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, 4)
  const total = kept.reduce((s, [, w]) => s + w, 0)
  return kept.map(([bone, w]) => [bone, w / total] as const)
}

/**
 * The skin along a chain of bones: `anchors` are `[t, bone]` in increasing t; a vertex at `t`
 * blends the two anchors around it, so the mesh bends smoothly at each joint.
 */
export function chainSkin(anchors: readonly (readonly [number, string])[], t: number): Skin {
  if (t <= anchors[0][0]) return rigid(anchors[0][1])
  for (let i = 0; i + 1 < anchors.length; i++) {
    const [t0, b0] = anchors[i]
    const [t1, b1] = anchors[i + 1]
    if (t <= t1) return blendSkin(rigid(b0), rigid(b1), (t - t0) / (t1 - t0))
  }
  return rigid(anchors[anchors.length - 1][1])
}
