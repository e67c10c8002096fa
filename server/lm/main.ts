// `npm run serve:lm`: serves the shipped language model through the OpenAI-compatible chat API on 127.0.0.1.
import { parseArgs } from 'node:util'
import type { AddressInfo } from 'node:net'
import { ModelDtype } from '../../systems/dialogue/node.ts'
import { loadModelFromDisk, OnnxRuntime, SHIPPED_MODEL_DIR } from './runtime.ts'
import { createLmServer } from './server.ts'

const USAGE = `npm run serve:lm -- [options]

  --model DIR        a model folder in the transformers.js layout (default models/lm/shipped)
  --dtype fp32|q8    onnx/model.onnx or onnx/model_quantized.onnx (default fp32)
  --runtime wasm|native  onnxruntime-web as in the browser, or onnxruntime-node (default wasm)
  --host ADDRESS     where to listen (default 127.0.0.1; anything else is reachable from other machines)
  --port N           (default 8787; 0 picks a free port)
  --model-id NAME    the model's name in the API (default genanchor-lm)
  --api-key KEY      require "Authorization: Bearer KEY" (default: none; or GENANCHOR_LM_API_KEY)
  --cors-origin URL  a browser origin allowed besides loopback pages (repeatable)
  --max-waiting N    requests queued behind the running one before 429 (default 4)
  --max-body-kb N    largest request body (default 64)`

function fail(message: string): never {
  console.error(`serve:lm: ${message}\n\n${USAGE}`)
  process.exit(2)
}

function integer(value: string, name: string, min: number): number {
  const n = Number(value)
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be a whole number ≥ ${min} (got "${value}")`)
  return n
}

async function main(): Promise<void> {
  let values
  try {
    ;({ values } = parseArgs({
      options: {
        model: { type: 'string', default: SHIPPED_MODEL_DIR },
        dtype: { type: 'string', default: 'fp32' },
        runtime: { type: 'string', default: 'wasm' },
        host: { type: 'string', default: '127.0.0.1' },
        port: { type: 'string', default: '8787' },
        'model-id': { type: 'string', default: 'genanchor-lm' },
        'api-key': { type: 'string', default: process.env.GENANCHOR_LM_API_KEY ?? '' },
        'cors-origin': { type: 'string', multiple: true, default: [] },
        'max-waiting': { type: 'string', default: '4' },
        'max-body-kb': { type: 'string', default: '64' },
        help: { type: 'boolean', default: false },
      },
    }))
  } catch (err) {
    fail(err instanceof Error ? err.message : String(err))
  }
  if (values.help) {
    console.log(USAGE)
    return
  }
  const dtype = values.dtype as ModelDtype
  if (!Object.values(ModelDtype).includes(dtype)) fail(`--dtype must be fp32 or q8 (got "${values.dtype}")`)
  const runtime = values.runtime as OnnxRuntime
  if (!Object.values(OnnxRuntime).includes(runtime)) fail(`--runtime must be wasm or native (got "${values.runtime}")`)
  const port = integer(values.port, 'port', 0)
  if (port > 65535) fail('--port must be at most 65535')
  const loopback = ['127.0.0.1', '::1', 'localhost'].includes(values.host)
  if (!loopback) {
    console.warn(
      `serve:lm: WARNING: listening on ${values.host}, not loopback: other machines can reach this model` +
        (values['api-key'] ? '.' : ' and use it without a key (add --api-key).'),
    )
  }

  const started = performance.now()
  console.log(`serve:lm: loading ${values.model} (${dtype}, ${runtime})…`)
  let model
  try {
    model = await loadModelFromDisk(values.model, dtype, runtime)
  } catch (err) {
    console.error(`serve:lm: ${err instanceof Error ? err.message : String(err)}`)
    process.exit(1)
  }
  console.log(`serve:lm: model ready in ${Math.round(performance.now() - started)} ms (context ${model.contextTokens} tokens)`)

  const server = createLmServer(model, {
    modelId: values['model-id'],
    apiKey: values['api-key'] || undefined,
    corsOrigins: values['cors-origin'],
    maxWaiting: integer(values['max-waiting'], 'max-waiting', 0),
    maxBodyBytes: integer(values['max-body-kb'], 'max-body-kb', 1) * 1024,
    log: (line) => console.log(`serve:lm: ${line}`),
  })
  server.on('error', (err: NodeJS.ErrnoException) => {
    const hint = err.code === 'EADDRINUSE' ? ` (port ${port} is taken: is serve:lm already running? use --port)` : ''
    console.error(`serve:lm: cannot listen on ${values.host}:${port}: ${err.message}${hint}`)
    process.exit(1)
  })
  server.listen(port, values.host, () => {
    const { address, port: bound } = server.address() as AddressInfo
    const host = address.includes(':') ? `[${address}]` : address
    console.log(`serve:lm: OpenAI-compatible API at http://${host}:${bound}/v1 (model "${values['model-id']}"); Ctrl-C stops it`)
  })
  const stop = () => {
    console.log('serve:lm: stopping')
    server.close(() => process.exit(0))
    server.closeAllConnections()
  }
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

void main()
