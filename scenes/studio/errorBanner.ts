import { SystemError } from '../../engine/index.ts'
import { RenderError } from '../../systems/render/index.ts'
import { el } from './ui.ts'

/** Shows a plain message to the performer over the stage; the full error, with its stack, goes to the console only. */
export function showError(error: unknown): void {
  console.error(error)
  let banner = document.getElementById('studio-error')
  if (!banner) {
    banner = el('div', { id: 'studio-error' })
    banner.setAttribute('role', 'alert')
    document.body.append(banner)
  }
  banner.textContent = messageFor(error)
  banner.hidden = false
}

/** A message a person can act on, never a stack trace. */
function messageFor(error: unknown): string {
  // Our own errors are written for people already.
  if (error instanceof RenderError) return error.message
  const reload = 'Reload the page to start again.'
  if (error instanceof SystemError) {
    const cause = error.cause instanceof Error ? error.cause.message : String(error.cause)
    return `The studio stopped: the "${error.systemName}" step failed (${cause}). ${reload}`
  }
  const what = error instanceof Error ? error.message : String(error)
  return `The studio stopped: ${what}. ${reload}`
}
