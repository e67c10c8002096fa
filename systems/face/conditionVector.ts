// The expression vector c, filled from the avatar's mixed expression weights.

import type { ConditionField } from './sidecar.ts'

/**
 * Expressions that also drive a field of c. VRM's `blink` closes both eyes, and it is what idle
 * life writes; the generator knows only the one-eyed fields, so `blink` raises both.
 */
export const CONDITION_ALIASES: Readonly<Record<string, readonly string[]>> = {
  blinkLeft: ['blink'],
  blinkRight: ['blink'],
}

/**
 * Fills `out` (one value per field, in sidecar order) from `weightOf(name)`, the mixed weight of
 * an expression or undefined when the avatar has none of that name. A field takes the largest of
 * its own weight and its aliases' (clamped to 0..1), or its `neutral` value when the avatar has
 * none of them. Returns true when any value changed, so an unchanged face is not generated again.
 */
export function fillCondition(out: Float32Array, fields: readonly ConditionField[], weightOf: (name: string) => number | undefined): boolean {
  let changed = false
  for (let k = 0; k < fields.length; k++) {
    const field = fields[k]
    let w = weightOf(field.name)
    const aliases = CONDITION_ALIASES[field.name]
    if (aliases) {
      for (const alias of aliases) {
        const v = weightOf(alias)
        if (v !== undefined && (w === undefined || v > w)) w = v
      }
    }
    const value = w === undefined ? field.neutral : w < 0 ? 0 : w > 1 ? 1 : w
    if (out[k] !== value) {
      out[k] = value
      changed = true
    }
  }
  return changed
}
