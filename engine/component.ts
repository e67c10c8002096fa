/** Numeric field types and the typed array that stores each. */
export const FieldTypes = {
  f32: Float32Array,
  f64: Float64Array,
  i8: Int8Array,
  i16: Int16Array,
  i32: Int32Array,
  u8: Uint8Array,
  u16: Uint16Array,
  u32: Uint32Array,
} as const

/** A numeric field type name: `f32`, `f64`, `i8`, `i16`, `i32`, `u8`, `u16`, `u32`. */
export type FieldType = keyof typeof FieldTypes

/** A field: its type, or its type and the value a new component starts with (default 0). */
export type FieldSpec = FieldType | { readonly type: FieldType; readonly default?: number }

/** A numeric component's schema: field name → field spec. */
export type Schema = Readonly<Record<string, FieldSpec>>

type TypeOf<F extends FieldSpec> = F extends FieldType ? F : F extends { type: infer T extends FieldType } ? T : never

/** The struct-of-arrays store of a numeric component: one typed array per field, indexed by entity index. */
export type NumericStore<S extends Schema> = {
  [K in keyof S]: InstanceType<(typeof FieldTypes)[TypeOf<S[K]>]>
}

/** Values given when a numeric component is added; missing fields take their defaults. */
export type Values<S extends Schema> = { readonly [K in keyof S]?: number }

/** The store of an object component: one JS value per entity index (a Babylon mesh, an audio handle…). */
export interface ObjectStore<T> {
  value: (T | undefined)[]
}

let nextComponentId = 0

interface ComponentBase {
  /** Name used in messages and the debug overlay. */
  readonly name: string
  /** Process-wide id; it is the component's bit in entity masks. */
  readonly id: number
}

/** A component of numeric fields stored as struct-of-arrays typed arrays. */
export interface NumericComponent<S extends Schema = Schema> extends ComponentBase {
  readonly kind: 'numeric'
  readonly schema: S
  /** Field names, in schema order. */
  readonly fields: readonly (keyof S & string)[]
}

/** A component with no data: it only marks entities. */
export interface TagComponent extends ComponentBase {
  readonly kind: 'tag'
}

/** A component holding one JS value per entity. */
export interface ObjectComponent<T = unknown> extends ComponentBase {
  readonly kind: 'object'
  /** Phantom: carries T for inference, never set. */
  readonly __type?: T
}

/** Any component definition. */
export type Component = NumericComponent<Schema> | TagComponent | ObjectComponent<unknown>

/** The store type of a component. */
export type StoreOf<C> =
  C extends NumericComponent<infer S> ? NumericStore<S> : C extends ObjectComponent<infer T> ? ObjectStore<T> : never

/** What `add` takes for a component: field values, the object, or nothing for a tag. */
export type AddArgs<C> =
  C extends NumericComponent<infer S>
    ? [values?: Values<S>]
    : C extends ObjectComponent<infer T>
      ? [value: T]
      : []

function nextId(): number {
  return nextComponentId++
}

/** Declares a numeric component, e.g. `defineComponent('Position', { x: 'f32', y: 'f32', z: 'f32' })`. */
export function defineComponent<const S extends Schema>(name: string, schema: S): NumericComponent<S> {
  for (const [field, spec] of Object.entries(schema)) {
    const type = typeof spec === 'string' ? spec : spec.type
    if (!(type in FieldTypes)) {
      throw new TypeError(
        `Component "${name}": field "${field}" has unknown type "${String(type)}"; use one of ${Object.keys(FieldTypes).join(', ')}.`,
      )
    }
  }
  return { kind: 'numeric', name, id: nextId(), schema, fields: Object.keys(schema) as (keyof S & string)[] }
}

/** Declares a tag component: no data, it marks entities (`Speaking`, `Hidden`). */
export function defineTag(name: string): TagComponent {
  return { kind: 'tag', name, id: nextId() }
}

/** Declares an object component holding one value of type T per entity. */
export function defineObject<T>(name: string): ObjectComponent<T> {
  return { kind: 'object', name, id: nextId() }
}

/** The type and default of a field spec. */
export function fieldInfo(spec: FieldSpec): { type: FieldType; initial: number } {
  return typeof spec === 'string' ? { type: spec, initial: 0 } : { type: spec.type, initial: spec.default ?? 0 }
}
