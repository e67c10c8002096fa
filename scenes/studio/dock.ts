// Where the studio's panels sit: a column at each corner of the page, in which panels stack in the
// order their plugins are added instead of overlapping. The two corners of an edge share that edge
// (top stack above, bottom stack below), so they never cover each other either: when both grow, the
// taller one scrolls.
import { el } from './ui.ts'

/** A corner column of the page. */
export const DockCorner = {
  topLeft: 'top-left',
  topRight: 'top-right',
  bottomLeft: 'bottom-left',
  bottomRight: 'bottom-right',
} as const
/** One of `DockCorner`. */
export type DockCorner = (typeof DockCorner)[keyof typeof DockCorner]

/** The column for `corner`, created (in its edge) on first use. */
export function dock(corner: DockCorner): HTMLElement {
  const id = `dock-${corner}`
  const existing = document.getElementById(id)
  if (existing) return existing
  const side = corner.endsWith('left') ? 'left' : 'right'
  const edge = dockEdge(side)
  const column = el('div', { id, className: `studio-dock studio-dock-${corner.startsWith('top') ? 'top' : 'bottom'}` })
  // The top stack goes first in its edge, the bottom stack last, whichever is asked for first.
  if (corner.startsWith('top')) edge.prepend(column)
  else edge.append(column)
  return column
}

function dockEdge(side: 'left' | 'right'): HTMLElement {
  const id = `dock-edge-${side}`
  const existing = document.getElementById(id)
  if (existing) return existing
  const edge = el('div', { id, className: `studio-edge studio-edge-${side}` })
  document.body.append(edge)
  return edge
}
