// Which VRM a file is, and its whole plan: the entry point of parsing.
import type { IGLTF } from 'babylonjs-gltf2interface'
import { AvatarLoadError, AvatarLoadErrorCode } from '../errors.ts'
import type { AvatarFormat } from '../../model.ts'
import { parseSpringBone1 } from './parseSpringBone1.ts'
import { parseVrm0 } from './parseVrm0.ts'
import { parseVrm1 } from './parseVrm1.ts'
import type { AvatarPlan } from './plan.ts'
import { noHumanoid } from './validate.ts'

/** The format of a glTF file's avatar data; VRM 1.0 wins when a converter left both. Throws for non-VRM files and unknown versions. */
export function detectFormat(gltf: IGLTF): AvatarFormat {
  const ext = gltf.extensions ?? {}
  if (ext.VRMC_vrm !== undefined) {
    checkVersion('VRM', versionOf(ext.VRMC_vrm), /^1(\.|-|$)/)
    checkVersion('VRM spring bone', versionOf(ext.VRMC_springBone), /^1(\.|-|$)/)
    return 'vrm1'
  }
  if (ext.VRM !== undefined) {
    // Most 0.x exporters write "0.0"; some write nothing.
    checkVersion('VRM', versionOf(ext.VRM) ?? '0.0', /^0(\.|$)/)
    return 'vrm0'
  }
  const other = Object.keys(ext).find((name) => /^VRM/i.test(name))
  if (other) {
    throw new AvatarLoadError(
      AvatarLoadErrorCode.unknownVersion,
      `This avatar uses "${other}", a VRM version GenAnchor does not know; it reads VRM 0.x and 1.0. Export it as VRM 1.0 or 0.x.`,
    )
  }
  throw noHumanoid('This is a plain glTF model, not a VRM avatar: it has no humanoid skeleton or expressions')
}

/** Parses and checks a VRM file's JSON into a plan; throws `AvatarLoadError` for anything wrong. */
export function planAvatar(gltf: IGLTF): AvatarPlan {
  if (detectFormat(gltf) === 'vrm0') return parseVrm0(gltf)
  return { ...parseVrm1(gltf), ...parseSpringBone1(gltf) }
}

function versionOf(ext: unknown): string | undefined {
  if (!ext || typeof ext !== 'object') return undefined
  const v: unknown = (ext as { specVersion?: unknown }).specVersion
  return typeof v === 'string' ? v : v === undefined ? undefined : String(v)
}

function checkVersion(what: string, version: string | undefined, known: RegExp): void {
  if (version === undefined || known.test(version)) return
  throw new AvatarLoadError(
    AvatarLoadErrorCode.unknownVersion,
    `This avatar says it is ${what} ${version}; GenAnchor reads VRM 0.x and 1.0. Export it as VRM 1.0 or 0.x.`,
  )
}
