// VRM 0.x → 1.0 names and licence fields.
import { describe, expect, it } from 'vitest'
import { EXPRESSION_PRESETS } from '../../../systems/avatar/model.ts'
import { boneNameFromVrm0, presetFromVrm0, PRESET_FROM_VRM0, VRM0_BONE_NAMES } from '../../../systems/avatar/vrm/plan/vrm0Names.ts'
import { metaFromVrm0 } from '../../../systems/avatar/vrm/plan/vrm0Meta.ts'
import { VRM1_BONE_NAMES } from '../../../systems/avatar/vrm/plan/parseVrm1.ts'

describe('VRM 0.x names', () => {
  it('moves the thumb bones one name down, as 1.0 added a metacarpal', () => {
    expect(boneNameFromVrm0('leftThumbProximal')).toBe('leftThumbMetacarpal')
    expect(boneNameFromVrm0('leftThumbIntermediate')).toBe('leftThumbProximal')
    expect(boneNameFromVrm0('leftThumbDistal')).toBe('leftThumbDistal')
    expect(boneNameFromVrm0('rightThumbProximal')).toBe('rightThumbMetacarpal')
    expect(boneNameFromVrm0('rightThumbIntermediate')).toBe('rightThumbProximal')
  })

  it('keeps every other bone name and maps all 55 bones onto distinct 1.0 bones', () => {
    expect(boneNameFromVrm0('hips')).toBe('hips')
    expect(boneNameFromVrm0('leftIndexIntermediate')).toBe('leftIndexIntermediate')
    const mapped = VRM0_BONE_NAMES.map(boneNameFromVrm0)
    expect(VRM0_BONE_NAMES).toHaveLength(55)
    expect(new Set(mapped).size).toBe(55)
    for (const name of mapped) expect(VRM1_BONE_NAMES).toContain(name)
  })

  it('knows no bone that 0.x does not define', () => {
    expect(boneNameFromVrm0('leftThumbMetacarpal')).toBeNull()
    expect(boneNameFromVrm0('tail')).toBeNull()
  })

  it('maps the blend shape presets to 1.0 expression presets', () => {
    expect(presetFromVrm0('a')).toBe('aa')
    expect(presetFromVrm0('i')).toBe('ih')
    expect(presetFromVrm0('u')).toBe('ou')
    expect(presetFromVrm0('e')).toBe('ee')
    expect(presetFromVrm0('o')).toBe('oh')
    expect(presetFromVrm0('joy')).toBe('happy')
    expect(presetFromVrm0('sorrow')).toBe('sad')
    expect(presetFromVrm0('fun')).toBe('relaxed')
    expect(presetFromVrm0('blink_l')).toBe('blinkLeft')
    expect(presetFromVrm0('blink_r')).toBe('blinkRight')
    expect(presetFromVrm0('lookleft')).toBe('lookLeft')
    expect(presetFromVrm0('Joy')).toBe('happy')
    expect(presetFromVrm0('unknown')).toBeNull()
    expect(presetFromVrm0('smirk')).toBeUndefined()
    for (const preset of Object.values(PRESET_FROM_VRM0)) expect(EXPRESSION_PRESETS).toContain(preset)
  })
})

describe('metaFromVrm0', () => {
  const gltf = { asset: { version: '2.0' }, textures: [{ source: 3 }] }

  it('maps title, author, permissions and a Creative Commons licence to 1.0 fields', () => {
    const meta = metaFromVrm0({
      title: 'Aoi', author: 'Mika', version: '2', texture: 0, licenseName: 'CC_BY_ND',
      allowedUserName: 'Everyone', commercialUssageName: 'Allow', violentUssageName: 'Disallow', sexualUssageName: 'Disallow',
    }, gltf)
    expect(meta).toMatchObject({
      name: 'Aoi', authors: ['Mika'], version: '2', thumbnailImage: 3,
      licenseUrl: 'https://creativecommons.org/licenses/by-nd/4.0/',
      avatarPermission: 'everyone', commercialUsage: 'personalProfit',
      allowExcessivelyViolentUsage: false, allowExcessivelySexualUsage: false,
      allowRedistribution: true, modification: 'prohibited', creditNotation: 'required',
    })
  })

  it('reads "Redistribution_Prohibited" and "Other" licences', () => {
    expect(metaFromVrm0({ licenseName: 'Redistribution_Prohibited', allowedUserName: 'OnlyAuthor' }, gltf)).toMatchObject({
      allowRedistribution: false, modification: 'prohibited', licenseUrl: '', avatarPermission: 'onlyAuthor',
    })
    expect(metaFromVrm0({ licenseName: 'Other', otherLicenseUrl: 'https://example.com/terms', commercialUssageName: 'Disallow' }, gltf)).toMatchObject({
      licenseUrl: 'https://example.com/terms', allowRedistribution: undefined, commercialUsage: 'personalNonProfit',
    })
  })

  it('gives the required 1.0 fields even for a file without meta', () => {
    expect(metaFromVrm0(undefined, gltf)).toMatchObject({ name: '', authors: [], licenseUrl: '' })
  })
})
