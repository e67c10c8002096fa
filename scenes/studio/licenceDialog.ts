// The confirm step before a new avatar goes live: its licence and credits, "Use this avatar" or "Cancel".
import type { AvatarMeta } from '../../systems/avatar/index.ts'
import { licenceRows } from './licence.ts'
import { button, el } from './ui.ts'

/** Shows the licence of `meta` (file `fileName`) and resolves true for "Use this avatar", false for "Cancel" or Escape. */
export function confirmLicence(meta: AvatarMeta, fileName: string): Promise<boolean> {
  const dialog = el('div', { id: 'avatar-licence' })
  dialog.setAttribute('role', 'dialog')
  dialog.setAttribute('aria-modal', 'true')
  dialog.setAttribute('aria-labelledby', 'avatar-licence-title')
  // Text only, never innerHTML: every value here comes from the file.
  const list = el('dl')
  for (const row of licenceRows(meta)) {
    const value = el('dd')
    if (row.url) {
      const link = el('a', { text: row.text })
      link.href = row.url
      link.target = '_blank'
      link.rel = 'noopener noreferrer'
      value.append(link)
    } else {
      value.textContent = row.text
    }
    list.append(el('dt', { text: row.label }), value)
  }
  const accept = button('avatar-accept', 'Use this avatar')
  const cancel = button('avatar-cancel', 'Cancel')
  dialog.append(
    el('h2', { id: 'avatar-licence-title', text: 'Use this avatar?' }),
    el('p', { className: 'avatar-licence-file', text: fileName }),
    list,
    el('div', { className: 'avatar-licence-actions' }, cancel, accept),
  )
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
