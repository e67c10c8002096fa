// A slider per expression of the avatar on stage (presets first, then custom ones), on the
// `manual` layer: a slider above 0 holds that expression; back at 0 it lets idle life and others through.
import type { App, Plugin, World } from '../../engine/index.ts'
import { AvatarPlugin, EXPRESSION_PRESETS, Expression } from '../../systems/avatar/index.ts'
import { DockCorner, dock } from './dock.ts'
import { requirePlugins } from './requirePlugins.ts'
import { StageAvatar } from './stageAvatar.ts'
import { el, panel, slider } from './ui.ts'

/**
 * The expressions panel (bottom left, folded). Needs `AvatarPlugin`. No per-frame work: the sliders
 * are rebuilt when the avatar on stage changes, and a slider moves when `setStageExpression` sets it.
 */
export const ExpressionPanelPlugin: Plugin = {
  name: 'expressionPanel',
  build(app: App) {
    requirePlugins(app, 'expressions panel', AvatarPlugin)
    const list = buildExpressionPanel()
    const world = app.world
    const stage = world.resource(StageAvatar)
    stage.listeners.add(() => fillSliders(world, list, stage))
  },
}

/** Sets an expression on the avatar on stage (manual layer); 0 releases it. Returns false without an avatar or name. */
export function setStageExpression(world: World, name: string, weight: number): boolean {
  const stage = world.resource(StageAvatar)
  if (stage.entity === null || !stage.model?.expressions.has(name)) return false
  const weights = world.get(stage.entity, Expression)
  if (!weights) return false
  if (weight > 0) weights.set(name, weight, 'manual')
  else weights.unset(name, 'manual')
  const input = document.querySelector<HTMLInputElement>(`#expression-panel input[data-expression="${CSS.escape(name)}"]`)
  if (input) input.value = String(weight)
  return true
}

function buildExpressionPanel(): HTMLElement {
  const details = panel('expression-panel', 'Expressions')
  const list = el('div', { className: 'expression-sliders' })
  details.append(list)
  dock(DockCorner.bottomLeft).append(details)
  return list
}

/** Builds a slider per expression and wires each to the manual layer. */
function fillSliders(world: World, list: HTMLElement, stage: StageAvatar): void {
  list.replaceChildren()
  const names = [...(stage.model?.expressions.keys() ?? [])]
  const presets = EXPRESSION_PRESETS.filter((p) => names.includes(p))
  const custom = names.filter((n) => !(EXPRESSION_PRESETS as readonly string[]).includes(n)).sort()
  for (const name of [...presets, ...custom]) {
    const { label, input } = slider('', '', { min: 0, max: 1, step: 0.05, value: 0 })
    input.dataset.expression = name
    input.addEventListener('input', () => setStageExpression(world, name, Number(input.value)))
    label.replaceChildren(el('span', { text: name }), input)
    list.append(label)
  }
}
