// The avatar capability's one door: everything not exported here is private to systems/avatar.
export { Avatar, Expression, HeadPose, Gaze, IdleLife } from './components.ts'
export { ExpressionWeights, ExpressionSource, EXPRESSION_SOURCES } from './expressionWeights.ts'
export { ExpressionDiagnostics } from './diagnostics.ts'
export { spawnAvatar, despawnAvatar, type SpawnAvatarOptions } from './spawn.ts'
export { AvatarPlugin, MixExpressions } from './plugin.ts'
export type { LookAtApplier } from './lookAt.ts'
export * from './model.ts'
export * from './vrm/index.ts'
