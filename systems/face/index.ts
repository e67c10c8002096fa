// The face capability's one door: everything not exported here is private to systems/face.
export { FacePlugin, reloadFace } from './plugin.ts'
export { Face, FaceStatus } from './face.ts'
export { FaceSettings, SHIPPED_GENERATOR, wasmThreads } from './settings.ts'
export { FaceIdentity, zFromSeed, randomSeed, parseSeed, MAX_SEED } from './identity.ts'
export { DEFAULT_RATE_LIMITS, type RateLimits } from './updateRate.ts'
export {
  parseFavourites, favouritesToJson, loadFavourites, saveFavourites, FavouritesError,
  FAVOURITES_FORMAT, FAVOURITES_STORAGE_KEY, MAX_FAVOURITES, type FaceFavourite, type KeyValueStore,
} from './favourites.ts'
export type { GanSidecar } from './sidecar.ts'
export type { ExecutionBackend, Precision } from './generator.ts'
export { NO_FACE_SLOT_NOTE, NOT_CONDITIONAL_NOTE } from './showFace.ts'
export type { BackendPreference } from './protocol.ts'
