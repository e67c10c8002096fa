// The lip-sync capability's one door: everything not exported here is private to systems/lipsync.
export { LipsyncPlugin } from './plugin.ts'
export { LipsyncSettings } from './settings.ts'
export { LipsyncState } from './scheduleVisemes.ts'
export { VISEMES, VISEME_COUNT, CLOSED, type Viseme, type VisemeVector } from './visemes.ts'
export { phonemeShape, PhonemeKind, type PhonemeShape } from './phonemeShapes.ts'
export { VisemeTimeline } from './timeline.ts'
export { VisemeTrack } from './track.ts'
