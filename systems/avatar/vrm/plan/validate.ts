// Checks a plan against the file it came from, so a broken avatar is refused before Babylon
// builds anything, with a message that names the bones and expressions at fault. Checks collect
// problems instead of stopping at the first, so one refusal can name everything wrong (up to three).
import type { IGLTF } from 'babylonjs-gltf2interface'
import { AvatarLoadError, AvatarLoadErrorCode, EXPORT_AGAIN } from '../errors.ts'
import { REQUIRED_HUMAN_BONES, type HumanBoneName } from '../../model.ts'
import { counts, isIndex, isUnder, meshLabel, morphTargetCount, nodeLabel, parentsOf } from './gltfJson.ts'
import type { ExpressionPlan, SpringsPlan } from './plan.ts'

/** A refusal for bones (for problems found while parsing, before the checks). */
export function badBones(message: string): AvatarLoadError {
  return new AvatarLoadError(AvatarLoadErrorCode.badBones, `${message} ${EXPORT_AGAIN}`)
}

/** A refusal for expressions. */
export function badExpression(message: string): AvatarLoadError {
  return new AvatarLoadError(AvatarLoadErrorCode.badExpression, `${message} ${EXPORT_AGAIN}`)
}

/** One thing wrong with a file: which kind (the refusal's code) and a sentence naming it. */
export interface Problem {
  readonly code: typeof AvatarLoadErrorCode.badBones | typeof AvatarLoadErrorCode.badExpression
  readonly text: string
}

/** Most problems named in one message; more are summarised as a count. */
const MAX_NAMED = 3

/** Throws one refusal naming `problems` (coded after the first); does nothing when there are none. */
export function refuse(problems: readonly Problem[]): void {
  if (problems.length === 0) return
  const named = problems.slice(0, MAX_NAMED).map((p) => p.text)
  const more = problems.length - named.length
  const text = `${named.join(' ')}${more > 0 ? ` (${more} more problem${more > 1 ? 's' : ''} like these.)` : ''}`
  throw new AvatarLoadError(problems[0].code, `${text} ${EXPORT_AGAIN}`)
}

const boneProblem = (text: string): Problem => ({ code: AvatarLoadErrorCode.badBones, text })
const expressionProblem = (text: string): Problem => ({ code: AvatarLoadErrorCode.badExpression, text })

/** The refusal for a file without a usable humanoid. */
export function noHumanoid(what: string): AvatarLoadError {
  return new AvatarLoadError(
    AvatarLoadErrorCode.noHumanoid,
    `${what}, so it cannot be animated as an avatar. Convert it to VRM with UniVRM or the Blender VRM add-on, or export it again from VRoid Studio.`,
  )
}

/**
 * The problems of the human bones: a required bone missing, a bone on a node that does not exist,
 * a node used by two bones, a bone outside the hips' hierarchy (the skeleton must be one tree).
 */
export function humanoidProblems(humanoid: ReadonlyMap<HumanBoneName, number>, gltf: IGLTF): Problem[] {
  if (humanoid.size === 0) throw noHumanoid('This VRM has an empty humanoid (no bones are assigned)')
  const problems: Problem[] = []
  const missing = REQUIRED_HUMAN_BONES.filter((bone) => !humanoid.has(bone))
  if (missing.length > 0) {
    problems.push(boneProblem(`This avatar has no ${listOf(missing)} bone${missing.length > 1 ? 's' : ''}, which every VRM humanoid needs.`))
  }
  const { nodes } = counts(gltf)
  const owner = new Map<number, HumanBoneName>()
  for (const [bone, node] of humanoid) {
    if (!isIndex(node, nodes)) {
      problems.push(boneProblem(`The "${bone}" bone points at node ${String(node)}, which is not in the file (it has ${nodes} nodes).`))
      continue
    }
    const other = owner.get(node)
    if (other) problems.push(boneProblem(`The "${other}" and "${bone}" bones are both assigned to ${nodeLabel(gltf, node)}.`))
    owner.set(node, bone)
  }
  const hips = humanoid.get('hips')
  if (hips === undefined || !isIndex(hips, nodes)) return problems
  const parents = parentsOf(gltf)
  for (const [node, bone] of owner) {
    if (!isUnder(parents, node, hips)) problems.push(boneProblem(`The "${bone}" bone (${nodeLabel(gltf, node)}) is not inside the hips' hierarchy.`))
  }
  return problems
}

/** The problems of expression binds: a node, morph target or material that does not exist. */
export function expressionProblems(expressions: readonly ExpressionPlan[], gltf: IGLTF): Problem[] {
  const { nodes, materials } = counts(gltf)
  const problems: Problem[] = []
  for (const expression of expressions) {
    const label = `The expression "${expression.name}"`
    for (const bind of expression.morphBinds) {
      if (!isIndex(bind.node, nodes)) {
        problems.push(expressionProblem(`${label} moves node ${String(bind.node)}, which is not in the file.`))
        continue
      }
      const mesh = gltf.nodes![bind.node].mesh
      if (mesh === undefined) {
        problems.push(expressionProblem(`${label} moves ${nodeLabel(gltf, bind.node)}, which has no mesh.`))
        continue
      }
      const targets = morphTargetCount(gltf, mesh)
      if (!isIndex(bind.index, targets)) {
        problems.push(expressionProblem(`${label} uses morph target ${String(bind.index)} of ${meshLabel(gltf, mesh)}, which has ${targets}.`))
      }
    }
    for (const bind of [...expression.materialColorBinds, ...expression.textureTransformBinds]) {
      if (!isIndex(bind.material, materials)) problems.push(expressionProblem(`${label} changes material ${String(bind.material)}, which is not in the file.`))
    }
  }
  return problems
}

/** The problems of springs: a joint, collider or centre on a node that does not exist. */
export function springProblems(springs: SpringsPlan, gltf: IGLTF): Problem[] {
  const { nodes } = counts(gltf)
  const problems: Problem[] = []
  for (const collider of springs.colliders) {
    if (!isIndex(collider.node, nodes)) problems.push(boneProblem(`A spring-bone collider is on node ${String(collider.node)}, which is not in the file.`))
  }
  for (const spring of springs.springs) {
    for (const joint of spring.joints) {
      if (!isIndex(joint.node, nodes)) problems.push(boneProblem(`The spring "${spring.name}" uses node ${String(joint.node)}, which is not in the file.`))
    }
    if (spring.center !== null && !isIndex(spring.center, nodes)) {
      problems.push(boneProblem(`The spring "${spring.name}" is centred on node ${String(spring.center)}, which is not in the file.`))
    }
  }
  return problems
}

function listOf(names: readonly string[]): string {
  const quoted = names.map((n) => `"${n}"`)
  return quoted.length <= 1 ? quoted.join('') : `${quoted.slice(0, -1).join(', ')} and ${quoted[quoted.length - 1]}`
}
