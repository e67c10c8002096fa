// The generator as an onnxruntime session: loading (sidecar, file, session, checks) and running.
// Shared by the face worker, the Node tests and bench/gan, so all of them run the same code.
import type * as OrtWeb from 'onnxruntime-web'
import { FaceModelError } from './errors.ts'
import { checkModelIo, parseSidecar, type GanSidecar } from './sidecar.ts'

/** The onnxruntime API this file uses: onnxruntime-web (any build) or onnxruntime-node. */
export type Ort = Pick<typeof OrtWeb, 'InferenceSession' | 'Tensor'>

/** Where a generator runs: onnxruntime-web's WebGPU or WebAssembly provider, or onnxruntime-node's native `cpu`. */
export type ExecutionBackend = 'webgpu' | 'wasm' | 'cpu'

/** Model file precision: `fp32` is `files.fp32`, `fp16` is `files.fp16` (fp32 when the sidecar has none). */
export type Precision = 'fp32' | 'fp16'

/** Fetches bytes or text; `fetch` in the browser, a file read in Node. Rejects or returns `ok: false` when missing. */
export type FetchLike = (url: string) => Promise<{ ok: boolean; status: number; text(): Promise<string>; arrayBuffer(): Promise<ArrayBuffer> }>

/** A loaded, checked generator. */
export class FaceGenerator {
  private constructor(
    private readonly ort: Ort,
    private readonly session: OrtWeb.InferenceSession,
    readonly sidecar: GanSidecar,
    readonly backend: ExecutionBackend,
    /** The model file's address or path, for messages. */
    readonly file: string,
  ) {}

  /**
   * Creates a session for `bytes` on `backend` (on `device` for WebGPU, else onnxruntime makes one) and
   * checks it against the sidecar, then runs it once (a model whose declared shapes pass can still fail at run time).
   */
  static async create(ort: Ort, bytes: Uint8Array, sidecar: GanSidecar, file: string, backend: ExecutionBackend, device?: GPUDevice): Promise<FaceGenerator> {
    let session: OrtWeb.InferenceSession
    // A device of our own (WebGPU) is one we can watch for loss; onnxruntime's own is not exposed reliably.
    const provider = backend === 'webgpu' && device ? { name: 'webgpu' as const, device } : backend
    try {
      session = await ort.InferenceSession.create(bytes, { executionProviders: [provider], graphOptimizationLevel: 'all', logSeverityLevel: 3 })
    } catch (err) {
      throw new FaceModelError(`The face generator ${file} could not be opened (${shortMessage(err)}); the file is damaged or not an ONNX model. Export it again with models/gan/export.py.`, { cause: err })
    }
    const generator = new FaceGenerator(ort, session, sidecar, backend, file)
    try {
      checkModelIo(sidecar, tensorInfo(session.inputNames, session.inputMetadata), tensorInfo(session.outputNames, session.outputMetadata), file)
      await generator.run(new Float32Array(sidecar.nz), sidecar.inputs.c === null ? null : new Float32Array(sidecar.c.length))
    } catch (err) {
      await session.release()
      throw err instanceof FaceModelError ? err : new FaceModelError(`The face generator ${file} does not run (${shortMessage(err)}); export it and its generator.json together again.`, { cause: err })
    }
    return generator
  }

  /**
   * Generates `batch` images from `z` (batch × nz) and `c` (batch × |c|, or null for a `dcgan`
   * generator); resolves with the output, NCHW, values in `sidecar.output.range`.
   */
  async run(z: Float32Array, c: Float32Array | null, batch = 1): Promise<Float32Array> {
    const { sidecar, ort } = this
    const feeds: Record<string, OrtWeb.Tensor> = { [sidecar.inputs.z]: new ort.Tensor('float32', z, [batch, sidecar.nz]) }
    if (sidecar.inputs.c !== null) {
      if (c === null) throw new FaceModelError('This generator is conditional: give it an expression vector c.')
      feeds[sidecar.inputs.c] = new ort.Tensor('float32', c, [batch, sidecar.c.length])
    }
    const results = await this.session.run(feeds)
    const image = results[sidecar.output.name]
    const expected = batch * sidecar.channels * sidecar.resolution * sidecar.resolution
    const data = image?.data
    if (!(data instanceof Float32Array) || data.length !== expected) {
      throw new FaceModelError(`The face generator ${this.file} gave ${data?.length ?? 0} numbers where ${expected} were expected; export it again.`)
    }
    return data
  }

  /** Frees the session. */
  async dispose(): Promise<void> {
    await this.session.release()
  }
}

/** A loaded sidecar and the bytes of the model file it names. */
export interface GeneratorFiles {
  readonly sidecar: GanSidecar
  readonly bytes: Uint8Array
  /** Address or path of the model file. */
  readonly file: string
}

/** Fetches and checks the sidecar at `sidecarUrl`, then fetches the model file it names for `precision`. */
export async function fetchGeneratorFiles(fetchFile: FetchLike, sidecarUrl: string, precision: Precision): Promise<GeneratorFiles> {
  const described = await fetchOrFail(fetchFile, sidecarUrl, 'description (generator.json)')
  let json: unknown
  try {
    json = JSON.parse(await described.text())
  } catch (err) {
    throw new FaceModelError(`The face generator's description ${sidecarUrl} is not valid JSON; export the generator again (models/gan/export.py).`, { cause: err })
  }
  const sidecar = parseSidecar(json, sidecarUrl)
  const name = precision === 'fp16' && sidecar.files.fp16 !== null ? sidecar.files.fp16 : sidecar.files.fp32
  const file = siblingOf(sidecarUrl, name)
  const response = await fetchOrFail(fetchFile, file, 'model file')
  return { sidecar, bytes: new Uint8Array(await response.arrayBuffer()), file }
}

async function fetchOrFail(fetchFile: FetchLike, url: string, what: string): ReturnType<FetchLike> {
  let response: Awaited<ReturnType<FetchLike>>
  try {
    response = await fetchFile(url)
  } catch (err) {
    throw new FaceModelError(`The face generator's ${what} ${url} could not be read (${shortMessage(err)}).`, { cause: err })
  }
  if (!response.ok) {
    throw new FaceModelError(`The face generator's ${what} ${url} is missing (HTTP ${response.status}); train and export one with models/gan, or pick another generator.`)
  }
  return response
}

/** `name` in the folder of `url` (an address or a plain path). */
function siblingOf(url: string, name: string): string {
  const slash = url.lastIndexOf('/')
  return slash < 0 ? name : url.slice(0, slash + 1) + name
}

/** Names with their metadata when the runtime gives it (names only otherwise). */
function tensorInfo(names: readonly string[], metadata: readonly OrtWeb.InferenceSession.ValueMetadata[] | undefined) {
  return names.map((name) => {
    const m = metadata?.find((v) => v.name === name)
    if (!m) return { name, isTensor: true }
    return m.isTensor ? { name, isTensor: true, type: m.type, shape: m.shape } : { name, isTensor: false }
  })
}

/** The first line of an error, without onnxruntime's error-code prefix. */
export function shortMessage(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err)
  // onnxruntime prefixes an error code and often a source location (path/file.cc:123); people need neither.
  return (text.split('\n')[0] ?? text).replace(/^.*ERROR_MESSAGE:\s*/, '').replace(/^\S+\.(?:cc|cpp|h):\d+\s+/, '').trim()
}
