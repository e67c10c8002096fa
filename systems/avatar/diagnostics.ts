// What the mixer could not apply, for the studio to tell the performer.
import type { Entity } from '../../engine/index.ts'

/**
 * Names set on an avatar's `Expression` that the avatar has no expression for, and material binds
 * the mixer cannot apply (no equivalent Babylon property). Inserted by `AvatarPlugin`.
 */
export class ExpressionDiagnostics {
  /** Unknown expression names per avatar entity, refreshed whenever a new name is set. */
  readonly unknownNames = new Map<Entity, Set<string>>()
  /** Material colour binds skipped at spawn per avatar, as `material.property` strings. */
  readonly skippedBinds = new Map<Entity, readonly string[]>()

  /** Unknown expression names of one avatar (empty when all are known). */
  unknownFor(e: Entity): readonly string[] {
    const names = this.unknownNames.get(e)
    return names ? [...names] : []
  }

  /** Number of unknown names over every avatar. */
  get unknownCount(): number {
    let n = 0
    for (const names of this.unknownNames.values()) n += names.size
    return n
  }
}
