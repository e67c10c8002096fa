// Corners of the studio page where panels stack instead of overlapping: a panel asks for its corner's
// column and appends itself there, in the order the plugins are added.

/** A corner column of the page. */
export type DockCorner = 'top-right'

/** The column for `corner`, created on first use. */
export function dock(corner: DockCorner): HTMLElement {
  const id = `dock-${corner}`
  const existing = document.getElementById(id)
  if (existing) return existing
  const column = document.createElement('div')
  column.id = id
  column.className = 'studio-dock'
  document.body.append(column)
  return column
}
