// Fixture of layering.test.ts.
export class AvatarLoadError extends Error {}
