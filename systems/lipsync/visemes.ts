// The mouth shapes lip-sync drives: the five VRM 1.0 vowel expressions; all zero is a closed mouth.

/** Viseme names, which are also the VRM 1.0 expression names they drive. */
export const VISEMES = ['aa', 'ih', 'ou', 'ee', 'oh'] as const

/** One of `VISEMES`. */
export type Viseme = (typeof VISEMES)[number]

/** Number of visemes: the length of every viseme weight vector. */
export const VISEME_COUNT = VISEMES.length

/** Weights in `VISEMES` order, 0..1 each; all zero is the closed mouth. */
export type VisemeVector = readonly [number, number, number, number, number]

/** The closed mouth. */
export const CLOSED: VisemeVector = [0, 0, 0, 0, 0]

/** A vector from named weights (the rest 0). */
export function shape(weights: Partial<Record<Viseme, number>>): VisemeVector {
  return [weights.aa ?? 0, weights.ih ?? 0, weights.ou ?? 0, weights.ee ?? 0, weights.oh ?? 0]
}
