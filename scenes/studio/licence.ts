// An avatar's licence and credit fields as lines a performer can read before going live.
import type { AvatarMeta } from '../../systems/avatar/index.ts'

/** One line of the licence step: a label and its text; `url` makes the text a link. */
export interface LicenceRow {
  readonly label: string
  readonly text: string
  /** An http(s) address to link, or null. */
  readonly url: string | null
}

/** What each permission means, in words; undefined fields take the VRM 1.0 defaults, said so. */
const AVATAR_PERMISSION: Record<NonNullable<AvatarMeta['avatarPermission']>, string> = {
  onlyAuthor: 'Only the author',
  onlySeparatelyLicensedPerson: 'Only people the author has licensed',
  everyone: 'Everyone',
}

const COMMERCIAL_USAGE: Record<NonNullable<AvatarMeta['commercialUsage']>, string> = {
  personalNonProfit: 'Personal, non-profit only',
  personalProfit: 'Personal, including for profit',
  corporation: 'Allowed, including corporations',
}

const MODIFICATION: Record<NonNullable<AvatarMeta['modification']>, string> = {
  prohibited: 'Not allowed',
  allowModification: 'Allowed (modified versions may not be shared)',
  allowModificationRedistribution: 'Allowed, and modified versions may be shared',
}

/** The lines of the licence step, in the order people read them. */
export function licenceRows(meta: AvatarMeta): LicenceRow[] {
  const stated = <T extends string>(value: T | undefined, words: Record<T, string>, fallback: T) =>
    value !== undefined && value in words ? words[value] : `${words[fallback]} (not stated)`
  const licence = meta.licenseUrl || meta.otherLicenseUrl || ''
  return [
    { label: 'Name', text: meta.name || '(no name)', url: null },
    { label: 'Authors', text: meta.authors.length > 0 ? meta.authors.join(', ') : '(not stated)', url: null },
    { label: 'Who may use it', text: stated(meta.avatarPermission, AVATAR_PERMISSION, 'onlyAuthor'), url: null },
    { label: 'Commercial use', text: stated(meta.commercialUsage, COMMERCIAL_USAGE, 'personalNonProfit'), url: null },
    { label: 'Redistribution', text: meta.allowRedistribution === true ? 'Allowed' : meta.allowRedistribution === false ? 'Not allowed' : 'Not allowed (not stated)', url: null },
    { label: 'Modification', text: stated(meta.modification, MODIFICATION, 'prohibited'), url: null },
    { label: 'Licence', text: licence || '(none given)', url: safeUrl(licence) },
  ]
}

/** `url` when it is an absolute http(s) address, else null: never a `javascript:` or `data:` link. */
export function safeUrl(url: string): string | null {
  try {
    const parsed = new URL(url)
    return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null
  } catch {
    return null
  }
}
