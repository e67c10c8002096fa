// The generator's sidecar (generator.json, written by models/gan/export.py): what the ONNX file
// takes and gives. Parsed and checked here before any model bytes are fetched, then checked again
// against the session's own input and output metadata.
import { FaceModelError } from './errors.ts'

/** `kind` of a generator: `conditional` takes z and an expression vector c; `dcgan` takes z only. */
export const GeneratorKind = { conditional: 'conditional', dcgan: 'dcgan' } as const
/** One of `GeneratorKind`. */
export type GeneratorKind = (typeof GeneratorKind)[keyof typeof GeneratorKind]

/** One field of the expression vector c: a VRM 1.0 expression name and its value on a neutral face. */
export interface ConditionField {
  readonly name: string
  readonly neutral: number
}

/** A checked sidecar. */
export interface GanSidecar {
  readonly kind: GeneratorKind
  /** Length of the latent vector z. */
  readonly nz: number
  /** Width and height of the output image, pixels. */
  readonly resolution: number
  readonly channels: number
  /** ONNX input names; `c` is null for a `dcgan` generator. */
  readonly inputs: { readonly z: string; readonly c: string | null }
  /** ONNX output name; the output is NCHW with values in `range`. */
  readonly output: { readonly name: string; readonly range: readonly [number, number] }
  /** The fields of c, in input order (empty for `dcgan`). */
  readonly c: readonly ConditionField[]
  /** Model file names, relative to the sidecar. */
  readonly files: { readonly fp32: string; readonly fp16: string | null }
}

/** The sidecar's `format` value. */
export const SIDECAR_FORMAT = 'genanchor-gan'
/** The sidecar version this runtime reads. */
export const SIDECAR_VERSION = 1

/** Checks a parsed sidecar; throws `FaceModelError` naming `source` and the first problem found. */
export function parseSidecar(value: unknown, source: string): GanSidecar {
  const fail = (problem: string): never => {
    throw new FaceModelError(`The face generator's description ${source} ${problem}; export the generator again (models/gan/export.py).`)
  }
  if (!isRecord(value)) return fail('is not a JSON object')
  if (value.format !== SIDECAR_FORMAT) fail(`is not a GenAnchor GAN sidecar (format "${String(value.format)}", expected "${SIDECAR_FORMAT}")`)
  if (value.version !== SIDECAR_VERSION) fail(`has version ${String(value.version)}, but this runtime reads version ${SIDECAR_VERSION}`)
  const kind = value.kind
  if (kind !== GeneratorKind.conditional && kind !== GeneratorKind.dcgan) return fail(`has an unknown kind "${String(kind)}" (expected "conditional" or "dcgan")`)
  const nz = positiveInt(value.nz, 4096) ?? fail('has no valid "nz" (a whole number 1..4096)')
  const resolution = positiveInt(value.resolution, 1024) ?? fail('has no valid "resolution" (a whole number 1..1024)')
  const channels = value.channels === 3 ? 3 : fail('must have "channels": 3 (RGB)')
  const inputs = isRecord(value.inputs) ? value.inputs : fail('has no "inputs" object')
  const z = nonEmptyString(inputs.z) ?? fail('has no input name for z')
  const output = isRecord(value.output) ? value.output : fail('has no "output" object')
  const outputName = nonEmptyString(output.name) ?? fail('has no output name')
  if (output.layout !== undefined && output.layout !== 'NCHW') fail(`has output layout "${String(output.layout)}"; only NCHW is read`)
  const range = parseRange(output.range) ?? fail('has no valid output "range" ([low, high], low < high)')
  const files = isRecord(value.files) ? value.files : fail('has no "files" object')
  const fp32 = modelFileName(files.fp32) ?? fail('has no valid "files.fp32" (a file name next to the sidecar, ending in .onnx)')
  const fp16 = files.fp16 === undefined || files.fp16 === null ? null : (modelFileName(files.fp16) ?? fail('has an invalid "files.fp16"'))
  if (kind === GeneratorKind.dcgan) {
    return { kind, nz, resolution, channels, inputs: { z, c: null }, output: { name: outputName, range }, c: [], files: { fp32, fp16 } }
  }
  const c = nonEmptyString(inputs.c) ?? fail('is conditional but has no input name for c')
  const fields = parseFields(value.c) ?? fail('is conditional but its "c" is not a list of { name, neutral } with distinct names')
  return { kind, nz, resolution, channels, inputs: { z, c }, output: { name: outputName, range }, c: fields, files: { fp32, fp16 } }
}

/** What the runtime knows of one ONNX input or output (onnxruntime's `ValueMetadata`, trimmed). */
export interface TensorInfo {
  readonly name: string
  readonly isTensor: boolean
  readonly type?: string
  readonly shape?: readonly (number | string)[]
}

/**
 * Checks an ONNX session's inputs and output against the sidecar: names, float32, and shapes
 * [batch, nz], [batch, |c|] → [batch, 3, resolution, resolution] (symbolic or -1 dims accepted).
 */
export function checkModelIo(sidecar: GanSidecar, inputs: readonly TensorInfo[], outputs: readonly TensorInfo[], file: string): void {
  const fail = (problem: string): never => {
    throw new FaceModelError(`The face generator ${file} does not match its description: ${problem}. Export the generator and its generator.json together again.`)
  }
  const expect = (list: readonly TensorInfo[], role: string, name: string, shape: readonly number[]): void => {
    const info = list.find((t) => t.name === name)
    if (!info) return fail(`it has no ${role} "${name}" (it has ${list.map((t) => `"${t.name}"`).join(', ') || 'none'})`)
    if (!info.isTensor || (info.type !== undefined && info.type !== 'float32')) fail(`${role} "${name}" is ${info.type ?? 'not a tensor'}, not float32`)
    if (info.shape && !shapeMatches(info.shape, shape)) fail(`${role} "${name}" has shape [${info.shape.join(', ')}], expected [batch, ${shape.slice(1).join(', ')}]`)
  }
  expect(inputs, 'input', sidecar.inputs.z, [-1, sidecar.nz])
  if (sidecar.inputs.c !== null) expect(inputs, 'input', sidecar.inputs.c, [-1, sidecar.c.length])
  const extra = inputs.filter((t) => t.name !== sidecar.inputs.z && t.name !== sidecar.inputs.c)
  if (extra.length > 0) fail(`it takes inputs the description does not name: ${extra.map((t) => `"${t.name}"`).join(', ')}`)
  expect(outputs, 'output', sidecar.output.name, [-1, sidecar.channels, sidecar.resolution, sidecar.resolution])
}

/** True when every fixed dimension equals the expected one; -1 expected, or a symbolic/-1 actual, matches anything. */
function shapeMatches(actual: readonly (number | string)[], expected: readonly number[]): boolean {
  if (actual.length !== expected.length) return false
  return actual.every((d, i) => expected[i] < 0 || typeof d !== 'number' || d < 0 || d === expected[i])
}

function parseFields(value: unknown): ConditionField[] | null {
  if (!Array.isArray(value) || value.length === 0 || value.length > 64) return null
  const fields: ConditionField[] = []
  for (const item of value) {
    if (!isRecord(item)) return null
    const name = nonEmptyString(item.name)
    const neutral = item.neutral === undefined ? 0 : item.neutral
    if (name === null || typeof neutral !== 'number' || !Number.isFinite(neutral)) return null
    if (fields.some((f) => f.name === name)) return null
    fields.push({ name, neutral })
  }
  return fields
}

function parseRange(value: unknown): [number, number] | null {
  if (!Array.isArray(value) || value.length !== 2) return null
  const [lo, hi] = value
  return typeof lo === 'number' && typeof hi === 'number' && Number.isFinite(lo) && Number.isFinite(hi) && lo < hi ? [lo, hi] : null
}

/** A plain file name (no folders, no scheme), so a sidecar can only point next to itself. */
function modelFileName(value: unknown): string | null {
  const name = nonEmptyString(value)
  return name !== null && /^[\w.-]+\.onnx$/.test(name) && !name.startsWith('.') ? name : null
}

function positiveInt(value: unknown, max: number): number | null {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max ? value : null
}

function nonEmptyString(value: unknown): string | null {
  return typeof value === 'string' && value.length > 0 && value.length <= 200 ? value : null
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}
