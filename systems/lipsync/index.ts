// The lip-sync capability's one door: everything not exported here is private to systems/lipsync.
export { LipsyncPlugin } from './plugin.ts'
export { LipsyncSettings } from './settings.ts'
export { LipsyncState } from './scheduleVisemes.ts'
