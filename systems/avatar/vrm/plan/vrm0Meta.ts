// VRM 0.x licence and credit fields, mapped to their VRM 1.0 names.
import type { IGLTF } from 'babylonjs-gltf2interface'
import type { Meta as Vrm0Meta } from '@pixiv/types-vrm-0.0'
import type { Meta } from '@pixiv/types-vrmc-vrm-1.0'

type Vrm0License = NonNullable<Vrm0Meta['licenseName']>

/** What each 0.x licence name says about redistribution, modification and credit. */
interface LicenseTerms {
  readonly url: string
  readonly allowRedistribution: boolean | undefined
  readonly modification: Meta['modification']
  readonly creditNotation: Meta['creditNotation']
}

const CC = 'https://creativecommons.org/'

/** The 0.x licence names; `Other` points at `otherLicenseUrl`. */
const LICENSE_TERMS: Readonly<Record<Exclude<Vrm0License, 'Other'>, LicenseTerms>> = {
  Redistribution_Prohibited: { url: '', allowRedistribution: false, modification: 'prohibited', creditNotation: 'required' },
  CC0: { url: `${CC}publicdomain/zero/1.0/`, allowRedistribution: true, modification: 'allowModificationRedistribution', creditNotation: 'unnecessary' },
  CC_BY: { url: `${CC}licenses/by/4.0/`, allowRedistribution: true, modification: 'allowModificationRedistribution', creditNotation: 'required' },
  CC_BY_NC: { url: `${CC}licenses/by-nc/4.0/`, allowRedistribution: true, modification: 'allowModificationRedistribution', creditNotation: 'required' },
  CC_BY_SA: { url: `${CC}licenses/by-sa/4.0/`, allowRedistribution: true, modification: 'allowModificationRedistribution', creditNotation: 'required' },
  CC_BY_NC_SA: { url: `${CC}licenses/by-nc-sa/4.0/`, allowRedistribution: true, modification: 'allowModificationRedistribution', creditNotation: 'required' },
  CC_BY_ND: { url: `${CC}licenses/by-nd/4.0/`, allowRedistribution: true, modification: 'prohibited', creditNotation: 'required' },
  CC_BY_NC_ND: { url: `${CC}licenses/by-nc-nd/4.0/`, allowRedistribution: true, modification: 'prohibited', creditNotation: 'required' },
}

const AVATAR_PERMISSION: Readonly<Record<NonNullable<Vrm0Meta['allowedUserName']>, Meta['avatarPermission']>> = {
  OnlyAuthor: 'onlyAuthor',
  ExplicitlyLicensedPerson: 'onlySeparatelyLicensedPerson',
  Everyone: 'everyone',
}

/**
 * The 1.0 meta of a 0.x file. 0.x has one licence name where 1.0 has separate fields, so those are
 * derived from it; 0.x "commercial use: Allow" becomes `personalProfit` (1.0 separates individuals
 * from corporations, and 0.x never granted corporations more than individuals).
 */
export function metaFromVrm0(meta: Vrm0Meta | undefined, gltf: IGLTF): Meta {
  const m = meta ?? {}
  const license = m.licenseName
  const terms = license && license !== 'Other' ? LICENSE_TERMS[license] : undefined
  const otherUrl = m.otherLicenseUrl || undefined
  const thumbnail = m.texture !== undefined ? gltf.textures?.[m.texture]?.source : undefined
  return {
    name: m.title ?? '',
    version: m.version,
    authors: m.author ? [m.author] : [],
    contactInformation: m.contactInformation,
    references: m.reference ? [m.reference] : undefined,
    thumbnailImage: thumbnail,
    licenseUrl: terms?.url || otherUrl || '',
    avatarPermission: m.allowedUserName ? AVATAR_PERMISSION[m.allowedUserName] : undefined,
    allowExcessivelyViolentUsage: allowFlag(m.violentUssageName),
    allowExcessivelySexualUsage: allowFlag(m.sexualUssageName),
    commercialUsage: m.commercialUssageName === 'Allow' ? 'personalProfit' : m.commercialUssageName === 'Disallow' ? 'personalNonProfit' : undefined,
    allowRedistribution: terms?.allowRedistribution,
    modification: terms?.modification,
    creditNotation: terms?.creditNotation,
    // 0.x puts the URL of extra permissions here too; 1.0 has one field for both.
    otherLicenseUrl: m.otherPermissionUrl || (terms ? otherUrl : undefined),
  }
}

function allowFlag(value: 'Allow' | 'Disallow' | undefined): boolean | undefined {
  return value === undefined ? undefined : value === 'Allow'
}
