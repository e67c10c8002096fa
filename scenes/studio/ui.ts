// The studio's small DOM kit: every panel builds its elements with these. Text always goes in as
// textContent (a string child becomes a Text node), so untrusted text never reaches the DOM as HTML.

/** What an element may be given: an id, classes, and plain text. */
export interface ElementInit {
  readonly id?: string
  readonly className?: string
  /** Plain text, set as textContent. */
  readonly text?: string
}

/** A new element; string children become text nodes, never markup. */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, init: ElementInit = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag)
  if (init.id) e.id = init.id
  if (init.className) e.className = init.className
  if (init.text !== undefined) e.textContent = init.text
  if (children.length > 0) e.append(...children)
  return e
}

/** A folding panel (`<details class="studio-panel">`) titled `title`; folded unless `open`. */
export function panel(id: string, title: string, open = false): HTMLDetailsElement {
  const details = el('details', { id, className: 'studio-panel' }, el('summary', { text: title }))
  details.open = open
  return details
}

/** A push button (`type="button"`, so it never submits a form unless `submit`). */
export function button(id: string, text: string, submit = false): HTMLButtonElement {
  const b = el('button', { id, text })
  b.type = submit ? 'submit' : 'button'
  return b
}

/** A labelled control: the `<label>` to place and the control to read. */
export interface Labelled<T extends HTMLElement> {
  readonly label: HTMLLabelElement
  readonly input: T
}

/** Range limits and start value of a slider. */
export interface SliderRange {
  readonly min: number
  readonly max: number
  readonly step: number
  readonly value: number
}

/** A range input with its label text before it. */
export function slider(id: string, text: string, range: SliderRange): Labelled<HTMLInputElement> {
  const input = el('input', { id })
  input.type = 'range'
  input.min = String(range.min)
  input.max = String(range.max)
  input.step = String(range.step)
  input.value = String(range.value)
  return { label: el('label', {}, text, input), input }
}

/** A `<select>` with `[value, text]` options; disabled values are listed but cannot be picked. */
export function select(id: string, options: readonly (readonly [string, string])[], disabled: ReadonlySet<string> = new Set()): HTMLSelectElement {
  const s = el('select', { id })
  fillSelect(s, options, disabled)
  return s
}

/** Replaces the options of a `<select>`. */
export function fillSelect(s: HTMLSelectElement, options: readonly (readonly [string, string])[], disabled: ReadonlySet<string> = new Set()): void {
  s.replaceChildren(...options.map(([value, text]) => {
    const option = el('option', { text })
    option.value = value
    option.disabled = disabled.has(value)
    return option
  }))
}

/** A checkbox with its label text after it. */
export function checkbox(id: string, text: string, checked: boolean): Labelled<HTMLInputElement> {
  const input = el('input', { id })
  input.type = 'checkbox'
  input.checked = checked
  return { label: el('label', {}, input, ` ${text}`), input }
}

/** A text-like input (`text`, `password`, `url`, `file`…) with a placeholder. */
export function input(id: string, type = 'text', placeholder = ''): HTMLInputElement {
  const i = el('input', { id })
  i.type = type
  if (placeholder) i.placeholder = placeholder
  i.autocomplete = 'off'
  return i
}

/** Controls side by side, after an optional short label. */
export function row(label: string, ...controls: HTMLElement[]): HTMLDivElement {
  const div = el('div', { className: 'studio-row' })
  if (label) div.append(el('span', { className: 'studio-row-label', text: label }))
  div.append(...controls)
  return div
}

/** Sets a status line's text, marking it `data-error` when it reports a failure. */
export function showText(target: HTMLElement, text: string, error = false): void {
  target.textContent = text
  target.toggleAttribute('data-error', error)
}
