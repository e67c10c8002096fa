// Favourite faces: named latent vectors, kept in the browser and exported/imported as JSON.
// Imported files are untrusted: every field is checked, and a file is taken whole or not at all.

/** The `format` field of an exported favourites file. */
export const FAVOURITES_FORMAT = 'genanchor-face-favourites'
/** Most favourites kept (a file with more is refused). */
export const MAX_FAVOURITES = 500
/** Longest favourite name, characters. */
export const MAX_FAVOURITE_NAME = 80
/** The localStorage key favourites live under. */
export const FAVOURITES_STORAGE_KEY = 'genanchor.face.favourites'

/** Largest |z_i| accepted: a standard normal sample is beyond 8 with probability ~1e-15. */
const MAX_ABS_Z = 8

/** One saved face. */
export interface FaceFavourite {
  readonly name: string
  /** The latent vector (length = the generator's nz). */
  readonly z: readonly number[]
  /** The seed it came from, when it was a plain seed (null after interpolating). */
  readonly seed: number | null
}

/** A favourites file could not be read; the message says why, for the performer. */
export class FavouritesError extends Error {
  constructor(message: string) {
    super(message)
    this.name = 'FavouritesError'
  }
}

/** The JSON text of a favourites file for a generator with this `nz`. */
export function favouritesToJson(favourites: readonly FaceFavourite[], nz: number): string {
  return JSON.stringify({ format: FAVOURITES_FORMAT, version: 1, nz, favourites }, null, 1)
}

/**
 * Reads a favourites file (its JSON text) for a generator with latent length `nz`; throws
 * `FavouritesError` saying what is wrong. Names are trimmed; numbers must be finite.
 */
export function parseFavourites(text: string, nz: number): FaceFavourite[] {
  let value: unknown
  try {
    value = JSON.parse(text)
  } catch {
    throw new FavouritesError('That file is not JSON; pick a favourites file exported from the face panel.')
  }
  if (!isRecord(value) || value.format !== FAVOURITES_FORMAT) {
    throw new FavouritesError('That file is not a GenAnchor face favourites file; pick one exported from the face panel.')
  }
  if (value.version !== 1) throw new FavouritesError(`That favourites file has version ${String(value.version)}; this studio reads version 1.`)
  if (value.nz !== nz) {
    throw new FavouritesError(`Those favourites were made for a generator with ${String(value.nz)} latent numbers; the loaded one has ${nz}, so their faces would not match.`)
  }
  const list = value.favourites
  if (!Array.isArray(list)) throw new FavouritesError('That favourites file has no list of favourites.')
  if (list.length > MAX_FAVOURITES) throw new FavouritesError(`That favourites file holds ${list.length} faces; at most ${MAX_FAVOURITES} are kept.`)
  return list.map((item, i) => parseFavourite(item, i, nz))
}

function parseFavourite(item: unknown, index: number, nz: number): FaceFavourite {
  const where = `Favourite ${index + 1}`
  if (!isRecord(item)) throw new FavouritesError(`${where} is not an object.`)
  const name = typeof item.name === 'string' ? item.name.trim() : ''
  if (name.length === 0 || name.length > MAX_FAVOURITE_NAME) throw new FavouritesError(`${where} needs a name of 1 to ${MAX_FAVOURITE_NAME} characters.`)
  const z = item.z
  if (!Array.isArray(z) || z.length !== nz) throw new FavouritesError(`${where} ("${name}") needs a list of ${nz} numbers as its z.`)
  if (!z.every((v) => typeof v === 'number' && Number.isFinite(v) && Math.abs(v) <= MAX_ABS_Z)) {
    throw new FavouritesError(`${where} ("${name}") has a z value that is not a number between −${MAX_ABS_Z} and ${MAX_ABS_Z}.`)
  }
  const seed = item.seed === null || item.seed === undefined ? null : item.seed
  if (seed !== null && !(typeof seed === 'number' && Number.isInteger(seed) && seed >= 0 && seed <= 0xffff_ffff)) {
    throw new FavouritesError(`${where} ("${name}") has a seed that is not a whole number 0..4294967295.`)
  }
  return { name, z: z as number[], seed }
}

/** Where favourites are kept: the subset of `Storage` used (localStorage in the studio, a map in tests). */
export interface KeyValueStore {
  getItem(key: string): string | null
  setItem(key: string, value: string): void
}

/**
 * Loads the favourites kept in `store` for this `nz`. A missing entry is an empty list; a damaged
 * one (or one for another generator) is also an empty list plus the reason, and is left in place.
 */
export function loadFavourites(store: KeyValueStore, nz: number): { favourites: FaceFavourite[]; problem: string | null } {
  const text = store.getItem(FAVOURITES_STORAGE_KEY)
  if (text === null) return { favourites: [], problem: null }
  try {
    return { favourites: parseFavourites(text, nz), problem: null }
  } catch (err) {
    return { favourites: [], problem: `Saved favourites could not be read: ${(err as Error).message}` }
  }
}

/** Keeps the favourites in `store`. */
export function saveFavourites(store: KeyValueStore, favourites: readonly FaceFavourite[], nz: number): void {
  store.setItem(FAVOURITES_STORAGE_KEY, favouritesToJson(favourites, nz))
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
