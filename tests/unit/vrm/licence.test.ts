// The licence step's lines: every permission in words, VRM 1.0 defaults said as such, safe links only.
import { describe, expect, it } from 'vitest'
import { licenceRows, safeUrl } from '../../../scenes/studio/licence.ts'

const text = (rows: ReturnType<typeof licenceRows>) => Object.fromEntries(rows.map((r) => [r.label, r.text]))

describe('licenceRows', () => {
  it('says what each permission allows', () => {
    const rows = licenceRows({
      name: 'Aoi', authors: ['Mika', 'Ren'], licenseUrl: 'https://vrm.dev/licenses/1.0/',
      avatarPermission: 'everyone', commercialUsage: 'corporation', allowRedistribution: true, modification: 'allowModification',
    })
    expect(text(rows)).toEqual({
      Name: 'Aoi',
      Authors: 'Mika, Ren',
      'Who may use it': 'Everyone',
      'Commercial use': 'Allowed, including corporations',
      Redistribution: 'Allowed',
      Modification: 'Allowed (modified versions may not be shared)',
      Licence: 'https://vrm.dev/licenses/1.0/',
    })
    expect(rows.find((r) => r.label === 'Licence')!.url).toBe('https://vrm.dev/licenses/1.0/')
  })

  it('shows the VRM 1.0 defaults for fields the file leaves out, marked as not stated', () => {
    expect(text(licenceRows({ name: '', authors: [], licenseUrl: '' }))).toEqual({
      Name: '(no name)',
      Authors: '(not stated)',
      'Who may use it': 'Only the author (not stated)',
      'Commercial use': 'Personal, non-profit only (not stated)',
      Redistribution: 'Not allowed (not stated)',
      Modification: 'Not allowed (not stated)',
      Licence: '(none given)',
    })
  })

  it('links only http(s) addresses', () => {
    expect(safeUrl('https://example.com/terms?a=1')).toBe('https://example.com/terms?a=1')
    expect(safeUrl('http://example.com/')).toBe('http://example.com/')
    expect(safeUrl('javascript:alert(1)')).toBeNull()
    expect(safeUrl('data:text/html,<b>x</b>')).toBeNull()
    expect(safeUrl('see the readme')).toBeNull()
    const row = licenceRows({ name: 'x', authors: [], licenseUrl: 'javascript:alert(1)' }).find((r) => r.label === 'Licence')!
    expect(row).toEqual({ label: 'Licence', text: 'javascript:alert(1)', url: null })
  })
})
