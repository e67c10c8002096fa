// A slider per expression of the avatar on stage (presets first, then custom ones), on the
// `manual` layer: a slider above 0 holds that expression; back at 0 it lets idle life and others through.
import type { App, World } from '../../engine/index.ts'
import { EXPRESSION_PRESETS, Expression } from '../../systems/avatar/index.ts'
import { StageAvatar } from './stageAvatar.ts'

/** Builds the expressions panel and rebuilds its sliders whenever the avatar on stage changes. */
export function ExpressionPanelPlugin(app: App): void {
  const panel = document.createElement('details')
  panel.id = 'expression-panel'
  const summary = document.createElement('summary')
  summary.textContent = 'Expressions'
  const list = document.createElement('div')
  list.className = 'expression-sliders'
  panel.append(summary, list)
  document.body.append(panel)
  const world = app.world
  const stage = world.resource(StageAvatar)
  stage.listeners.add(() => fillSliders(world, list, stage))
}

/** Sets an expression on the avatar on stage (manual layer); 0 releases it. Returns false without an avatar or name. */
export function setStageExpression(world: World, name: string, weight: number): boolean {
  const stage = world.resource(StageAvatar)
  if (stage.entity === null || !stage.model?.expressions.has(name)) return false
  const weights = world.get(stage.entity, Expression)
  if (!weights) return false
  if (weight > 0) weights.set(name, weight, 'manual')
  else weights.unset(name, 'manual')
  const slider = document.querySelector<HTMLInputElement>(`#expression-panel input[data-expression="${CSS.escape(name)}"]`)
  if (slider) slider.value = String(weight)
  return true
}

function fillSliders(world: World, list: HTMLElement, stage: StageAvatar): void {
  list.replaceChildren()
  const names = [...(stage.model?.expressions.keys() ?? [])]
  const presets = EXPRESSION_PRESETS.filter((p) => names.includes(p))
  const custom = names.filter((n) => !(EXPRESSION_PRESETS as readonly string[]).includes(n)).sort()
  for (const name of [...presets, ...custom]) {
    const label = document.createElement('label')
    const text = document.createElement('span')
    text.textContent = name
    const slider = document.createElement('input')
    slider.type = 'range'
    slider.min = '0'
    slider.max = '1'
    slider.step = '0.05'
    slider.value = '0'
    slider.dataset.expression = name
    slider.addEventListener('input', () => setStageExpression(world, name, Number(slider.value)))
    label.append(text, slider)
    list.append(label)
  }
}
