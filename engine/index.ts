// The public door of the engine: everything a plugin, a scene or a test uses.
export { App, type AppOptions, type ErrorListener, type Plugin } from './app.ts'
export { Commands, EntityCommands } from './commands.ts'
export {
  defineComponent,
  defineObject,
  defineTag,
  type AddArgs,
  type Component,
  type FieldSpec,
  type FieldType,
  type NumericComponent,
  type NumericStore,
  type ObjectComponent,
  type ObjectStore,
  type Schema,
  type StoreOf,
  type TagComponent,
  type Values,
} from './component.ts'
export { RafDriver, TimerDriver, type LoopDriver } from './driver.ts'
export { entityGeneration, entityIndex, formatEntity, MAX_GENERATION, type Entity } from './entity.ts'
export { EngineError, ScheduleError, SystemError } from './errors.ts'
export { defineEvent, EventReader, Events, type EventType } from './events.ts'
export { Inbox } from './inbox.ts'
export { defineQuery, Query, type QueryTerms } from './query.ts'
export type { ResourceKey } from './resources.ts'
export { defineLabel, Stage, STAGES, type System, type SystemLabel, type SystemOptions, type SystemRef } from './schedule.ts'
export { Time } from './time.ts'
export { SystemTiming, SystemTimings } from './timings.ts'
export { World } from './world.ts'
