// The expression layers of one avatar: who asked for which weight, and what the mixer made of it.
// Weights live in typed arrays indexed by a slot per name, so setting one every frame allocates
// nothing (a Map would box each fractional number it stores).

/** The layers an expression weight can come from, lowest priority first. */
export const ExpressionSource = {
  idle: 'idle',
  emotion: 'emotion',
  mocap: 'mocap',
  lipsync: 'lipsync',
  manual: 'manual',
} as const

/** A layer an expression weight comes from; for each name the highest-priority layer that set it wins. */
export type ExpressionSource = (typeof ExpressionSource)[keyof typeof ExpressionSource]

/** Every layer, lowest priority first (the mixer walks it from the end). */
export const EXPRESSION_SOURCES: readonly ExpressionSource[] = ['idle', 'emotion', 'mocap', 'lipsync', 'manual']

const LAYER_INDEX: Readonly<Record<ExpressionSource, number>> = { idle: 0, emotion: 1, mocap: 2, lipsync: 3, manual: 4 }

/** Final weights per expression of the avatar, after mixing (written by `mixExpressions`). */
export class ResolvedWeights {
  /** Weight per slot of the owning `ExpressionWeights`; NaN for names the avatar has no expression for. */
  values = new Float32Array(0)

  constructor(private readonly owner: ExpressionWeights) {}

  /** The mixed weight 0..1 of an expression, or undefined when the avatar has none of that name (or nothing was mixed yet). */
  get(name: string): number | undefined {
    const slot = this.owner.slotIfKnown(name)
    const v = slot < 0 || slot >= this.values.length ? Number.NaN : this.values[slot]
    return Number.isNaN(v) ? undefined : v
  }

  /** True when the avatar has an expression of that name and it has been mixed. */
  has(name: string): boolean {
    return this.get(name) !== undefined
  }
}

/**
 * Expression weights by layer, and the mixed result. Writers `set`, `unset` and `clear` their own
 * layer; `mixExpressions` fills `resolved` once a frame in `Stage.LateUpdate`.
 */
export class ExpressionWeights {
  /** Name of each slot, in the order names were first seen. */
  readonly names: string[] = []
  /** Bumped when a name gets a slot, so the mixer re-checks names only then, not every frame. */
  namesVersion = 0
  /** One array per layer (EXPRESSION_SOURCES order), weight per slot; NaN where the layer did not set it. */
  layers: Float32Array[] = EXPRESSION_SOURCES.map(() => new Float32Array(0))
  /** Final weight per expression of the avatar after priorities, binary snapping and overrides. */
  readonly resolved = new ResolvedWeights(this)
  private readonly slots = new Map<string, number>()

  /** Creates the weights with slots for these names (the avatar's expressions) ready. */
  constructor(names: Iterable<string> = []) {
    for (const name of names) this.slotOf(name)
  }

  /** Sets `name` to `weight` (clamped 0..1) on a layer; default layer `manual`. */
  set(name: string, weight: number, source: ExpressionSource = 'manual'): void {
    const slot = this.slotOf(name)
    this.layers[layerIndex(source)][slot] = weight < 0 ? 0 : weight > 1 ? 1 : weight
  }

  /**
   * The weight a layer holds for `name`; without a layer, the weight of the highest-priority layer
   * that set it (before overrides; read `resolved` for the final one). 0 when nobody set it.
   */
  get(name: string, source?: ExpressionSource): number {
    const slot = this.slotIfKnown(name)
    if (slot < 0) return 0
    if (source !== undefined) {
      const v = this.layers[layerIndex(source)][slot]
      return Number.isNaN(v) ? 0 : v
    }
    for (let l = this.layers.length - 1; l >= 0; l--) {
      const v = this.layers[l][slot]
      if (!Number.isNaN(v)) return v
    }
    return 0
  }

  /** Removes `name` from a layer, so lower layers show through again. */
  unset(name: string, source: ExpressionSource = 'manual'): void {
    const slot = this.slotIfKnown(name)
    if (slot >= 0) this.layers[layerIndex(source)][slot] = Number.NaN
  }

  /** Removes everything a layer set. */
  clear(source: ExpressionSource): void {
    this.layers[layerIndex(source)].fill(Number.NaN)
  }

  /** The slot of a name, giving it one (and room in every layer) when it has none. */
  slotOf(name: string): number {
    let slot = this.slots.get(name)
    if (slot !== undefined) return slot
    slot = this.names.length
    this.slots.set(name, slot)
    this.names.push(name)
    this.namesVersion++
    if (slot >= this.layers[0].length) this.grow(Math.max(32, slot * 2))
    return slot
  }

  /** The slot of a name, or -1 when it has never been set. */
  slotIfKnown(name: string): number {
    return this.slots.get(name) ?? -1
  }

  private grow(capacity: number): void {
    this.layers = this.layers.map((old) => {
      const next = new Float32Array(capacity).fill(Number.NaN)
      next.set(old)
      return next
    })
    const resolved = new Float32Array(capacity).fill(Number.NaN)
    resolved.set(this.resolved.values)
    this.resolved.values = resolved
  }
}

function layerIndex(source: ExpressionSource): number {
  const i = LAYER_INDEX[source]
  if (i === undefined) throw new TypeError(`Unknown expression source "${String(source)}"; use one of ${EXPRESSION_SOURCES.join(', ')}.`)
  return i
}
