// The confirm step before a new avatar goes live: its licence and credits, "Use this avatar" or "Cancel".
import type { AvatarMeta } from '../../systems/avatar/index.ts'
import { licenceRows } from './licence.ts'

/** Shows the licence of `meta` (file `fileName`) and resolves true for "Use this avatar", false for "Cancel" or Escape. */
export function confirmLicence(meta: AvatarMeta, fileName: string): Promise<boolean> {
  const dialog = document.createElement('div')
  dialog.id = 'avatar-licence'
  dialog.setAttribute('role', 'dialog')
  dialog.setAttribute('aria-modal', 'true')
  dialog.setAttribute('aria-labelledby', 'avatar-licence-title')
  const title = document.createElement('h2')
  title.id = 'avatar-licence-title'
  title.textContent = 'Use this avatar?'
  const file = document.createElement('p')
  file.className = 'avatar-licence-file'
  file.textContent = fileName
  // Text only, never innerHTML: every value here comes from the file.
  const list = document.createElement('dl')
  for (const row of licenceRows(meta)) {
    const term = document.createElement('dt')
    term.textContent = row.label
    const value = document.createElement('dd')
    if (row.url) {
      const link = document.createElement('a')
      link.href = row.url
      link.target = '_blank'
      link.rel = 'noopener noreferrer'
      link.textContent = row.text
      value.append(link)
    } else {
      value.textContent = row.text
    }
    list.append(term, value)
  }
  const accept = button('avatar-accept', 'Use this avatar')
  const cancel = button('avatar-cancel', 'Cancel')
  const actions = document.createElement('div')
  actions.className = 'avatar-licence-actions'
  actions.append(cancel, accept)
  dialog.append(title, file, list, actions)
  document.body.append(dialog)
  accept.focus()
  return new Promise((resolve) => {
    const close = (answer: boolean) => {
      window.removeEventListener('keydown', onKey)
      dialog.remove()
      resolve(answer)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close(false)
    }
    accept.addEventListener('click', () => close(true))
    cancel.addEventListener('click', () => close(false))
    window.addEventListener('keydown', onKey)
  })
}

function button(id: string, text: string): HTMLButtonElement {
  const b = document.createElement('button')
  b.id = id
  b.type = 'button'
  b.textContent = text
  return b
}
