// Language-model benchmark: time to first token and decoding speed of the shipped model
// (models/lm/shipped), in Node on onnxruntime-web's WASM backend and in headless Chromium's
// dialogue worker (fp32 and q8), with the code the studio runs (systems/dialogue).

import type { AddressInfo } from 'node:net'
import { loadModelFromDisk, SHIPPED_MODEL_DIR } from '../server/lm/runtime.ts'
import { createLmServer } from '../server/lm/server.ts'
import { launchChromium, startStudioServer } from '../tests/e2e/harness.ts'
import { DEFAULT_PERSONA, DEFAULT_SAMPLING, readServerSentEvents, type GenerationResult, type ModelDtype, type SamplingSettings } from '../systems/dialogue/node.ts'
import { median, sig, type BenchResult } from './lib.ts'

const WARMUP = 2
const RUNS = 9
const MESSAGE = '小明: 你好!今天玩什么游戏?'
/** Every run decodes exactly 48 tokens (the end token held back), so speeds compare. */
const SAMPLING: SamplingSettings = { ...DEFAULT_SAMPLING, maxNewTokens: 48, minNewTokens: 48 }

/** TTFT (request → first token, prompt building included) and decode speed after the first token. */
function summarise(runs: readonly GenerationResult[]): { ttftMs: number; tokS: number } {
  return {
    ttftMs: sig(median(runs.map((r) => r.firstTokenMs))),
    tokS: sig(median(runs.map((r) => ((r.tokens - 1) * 1000) / (r.totalMs - r.firstTokenMs)))),
  }
}

/** The streamed chat-completions request the server runs, with the same prompt and sampling as the in-process runs. */
const SERVER_BODY = JSON.stringify({
  messages: [{ role: 'system', content: DEFAULT_PERSONA }, { role: 'user', content: MESSAGE }],
  stream: true, temperature: SAMPLING.temperature, top_k: SAMPLING.topK, top_p: SAMPLING.topP,
  repetition_penalty: SAMPLING.repetitionPenalty, max_tokens: SAMPLING.maxNewTokens, min_tokens: SAMPLING.minNewTokens,
})

/** One whole reply through the OpenAI-compatible server at `url`, timed as a client sees it. */
async function askServer(url: string): Promise<GenerationResult> {
  const start = performance.now()
  const response = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: SERVER_BODY })
  let tokens = 0
  let firstTokenMs = 0
  for await (const event of readServerSentEvents(response.body!)) {
    if (event.data === '[DONE]') break
    const content = (JSON.parse(event.data) as { choices: { delta: { content?: string } }[] }).choices[0]?.delta.content
    if (content && tokens++ === 0) firstTokenMs = performance.now() - start
  }
  return { text: '', reason: 'length', tokens, firstTokenMs, totalMs: performance.now() - start, promptTokens: 0, droppedTurns: 0, truncatedMessage: false }
}

/**
 * In Node on onnxruntime-web WASM: the model in-process and the same loaded model behind server/lm
 * (loopback HTTP, same process), runs alternating so both see the same machine load.
 */
async function nodeWasm(): Promise<{ inProcess: { ttftMs: number; tokS: number }; server: { ttftMs: number; tokS: number } }> {
  const model = await loadModelFromDisk(SHIPPED_MODEL_DIR, 'fp32', 'wasm')
  const server = createLmServer(model)
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/chat/completions`
  const inProcess: GenerationResult[] = []
  const throughServer: GenerationResult[] = []
  try {
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const local = await model.reply(DEFAULT_PERSONA, [], MESSAGE, SAMPLING)
      const remote = await askServer(url)
      if (i < WARMUP) continue
      inProcess.push(local)
      throughServer.push(remote)
    }
  } finally {
    server.close()
    await model.dispose()
  }
  return { inProcess: summarise(inProcess), server: summarise(throughServer) }
}

/** Runs the dialogue worker in a blank page of the studio's server, without the stage drawing beside it. */
async function browser(dtypes: readonly ModelDtype[]): Promise<{ version: string; results: Record<string, { ttftMs: number; tokS: number }> }> {
  const server = await startStudioServer()
  const session = await launchChromium('webgl2')
  try {
    const page = await session.context.newPage()
    const outside: string[] = []
    page.on('request', (r) => {
      if (!/^(blob:)?http:\/\/127\.0\.0\.1[:/]|^data:/.test(r.url())) outside.push(r.url())
    })
    // A plain file of the same origin: a module worker may start there, and no stage draws beside it.
    await page.goto(new URL('models/lm/shipped/config.json', server.url).href)
    const results: Record<string, { ttftMs: number; tokS: number }> = {}
    for (const dtype of dtypes) {
      const args: WorkerRunArgs = { dtype, persona: DEFAULT_PERSONA, message: MESSAGE, sampling: SAMPLING, count: WARMUP + RUNS }
      const runs = (await page.evaluate(`(${RUN_IN_WORKER})(${JSON.stringify(args)})`)) as GenerationResult[]
      results[dtype] = summarise(runs.slice(WARMUP))
    }
    if (outside.length > 0) throw new Error(`the page asked for addresses outside 127.0.0.1: ${outside.join(', ')}`)
    return { version: session.context.browser()?.version() ?? 'Chromium', results }
  } finally {
    await session.close()
    await server.close()
  }
}

/**
 * In the page: starts the dialogue worker, loads the model, asks `count` times, resolves with each
 * `GenerationResult` (see protocol.ts). Plain JavaScript text: tsx would add helpers to a compiled function.
 */
const RUN_IN_WORKER = `(args) => new Promise((resolve, reject) => {
  const worker = new Worker('/systems/dialogue/worker.ts?worker_file&type=module', { type: 'module' })
  const results = []
  const ask = (id) => worker.postMessage({ type: 'generate', id, persona: args.persona, history: [], message: args.message, sampling: args.sampling })
  worker.onmessage = (event) => {
    const m = event.data
    if (m.type === 'error') reject(new Error(m.message))
    else if (m.type === 'ready') ask(1)
    else if (m.type === 'done') {
      results.push(m.result)
      if (results.length < args.count) ask(m.id + 1)
      else { worker.terminate(); resolve(results) }
    }
  }
  const dist = '/node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify'
  worker.postMessage({ type: 'load', source: { kind: 'local', path: '/models/lm/shipped' }, dtype: args.dtype, wasmPaths: { mjs: dist + '.mjs', wasm: dist + '.wasm' } })
})`

/** Arguments of `RUN_IN_WORKER`. */
interface WorkerRunArgs {
  dtype: ModelDtype
  persona: string
  message: string
  sampling: SamplingSettings
  count: number
}

/** The `lm` benchmark. */
export async function lmBench(): Promise<BenchResult> {
  const node = await nodeWasm()
  const web = await browser(['fp32', 'q8'])
  return {
    figures: {
      node_wasm_ttft_ms: node.inProcess.ttftMs,
      node_wasm_tok_s: node.inProcess.tokS,
      server_api_ttft_ms: node.server.ttftMs,
      server_api_tok_s: node.server.tokS,
      browser_ttft_ms: web.results.fp32.ttftMs,
      browser_tok_s: web.results.fp32.tokS,
      browser_q8_ttft_ms: web.results.q8.ttftMs,
      browser_q8_tok_s: web.results.q8.tokS,
    },
    browser: `Chromium ${web.version} (headless, WASM, 1 thread)`,
    notes:
      `Shipped model (models/lm/shipped, GPT-2 4 layers × 256), prompt = default persona + "${MESSAGE}" (~45 tokens), ` +
      `48 new tokens per run (end token held back), sampling temperature ${SAMPLING.temperature}, top_k ${SAMPLING.topK}; ` +
      `median of ${RUNS} runs after ${WARMUP} warm-ups. TTFT = request to first generated token inside the generator ` +
      '(chat template, prompt trimming and the prompt pass included); tok/s = tokens after the first over the time after it. ' +
      'Node: transformers.js Node build with onnxruntime-web WASM (1 thread) in place of onnxruntime-node. ' +
      'server_api: the same loaded model behind server/lm (npm run serve:lm) in the same process, a streamed POST /v1/chat/completions ' +
      'per run over loopback HTTP, alternating run by run with the in-process ones; TTFT = fetch start to the first content chunk, tok/s = chunks after the first over the time after it. ' +
      'Browser: the studio\u2019s dialogue worker (systems/dialogue/worker.ts) in a blank page served by Vite, no stage drawing; ' +
      'fp32 = onnx/model.onnx, q8 = onnx/model_quantized.onnx. Each decoding step yields one task to the worker\u2019s event loop so cancel is seen.',
  }
}
