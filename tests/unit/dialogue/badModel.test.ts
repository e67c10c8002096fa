// Broken model files and an unreachable hub: loading fails with a message the performer can act on.
import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile, readFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { env } from '@huggingface/transformers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadLanguageModel } from '../../../systems/dialogue/session.ts'

const SHIPPED = join(import.meta.dirname, '../../../models/lm/shipped')
const TEXT_FILES = ['config.json', 'generation_config.json', 'tokenizer.json', 'tokenizer_config.json']
let root: string

/** A model folder under `root`: the shipped text files, the shipped ONNX file (linked) unless `onnx` is given, then `change` applied. */
async function modelFolder(name: string, options: { onnx?: Uint8Array; change?: (dir: string) => Promise<void> } = {}): Promise<string> {
  const dir = join(root, name)
  await mkdir(join(dir, 'onnx'), { recursive: true })
  for (const file of TEXT_FILES) await copyFile(join(SHIPPED, file), join(dir, file))
  if (options.onnx) await writeFile(join(dir, 'onnx/model.onnx'), options.onnx)
  else await symlink(join(SHIPPED, 'onnx/model.onnx'), join(dir, 'onnx/model.onnx'))
  await options.change?.(dir)
  return name
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'genanchor-badmodel-'))
  env.allowRemoteModels = false
  env.allowLocalModels = true
  env.localModelPath = root
})

afterAll(async () => {
  await rm(root, { recursive: true, force: true })
})

describe('loading a broken language model', () => {
  it('says the ONNX file is broken and which files a model needs', async () => {
    const name = await modelFolder('corrupt', { onnx: new TextEncoder().encode('this is not an onnx file') })
    await expect(loadLanguageModel({ kind: 'local', path: name }, 'fp32')).rejects.toThrow(
      /could not be loaded from the folder corrupt: .*It needs config\.json, tokenizer\.json, tokenizer_config\.json \(with a chat template\) and onnx\/model\.onnx; export the model again/s,
    )
  })

  it('says the q8 file is missing when only fp32 was exported', async () => {
    const name = await modelFolder('fp32-only')
    await expect(loadLanguageModel({ kind: 'local', path: name }, 'q8')).rejects.toThrow(/onnx\/model_quantized\.onnx/)
  })

  it('refuses a tokenizer from another model, before the first message', async () => {
    // A tokenizer with more tokens than the model's vocabulary, as a bigger model's tokenizer would have.
    const name = await modelFolder('mismatch', {
      change: async (dir) => {
        const tokenizer = JSON.parse(await readFile(join(dir, 'tokenizer.json'), 'utf8'))
        const vocab = tokenizer.model.vocab as Record<string, number>
        const size = Object.keys(vocab).length
        for (let i = 0; i < 500; i++) vocab[`extra${i}`] = size + i
        await writeFile(join(dir, 'tokenizer.json'), JSON.stringify(tokenizer))
      },
    })
    await expect(loadLanguageModel({ kind: 'local', path: name }, 'fp32')).rejects.toThrow(
      /The tokenizer does not match the model: it has ids up to 2210, but the model knows only 1711 tokens\..*export the model again/s,
    )
  })

  it('says a chat template is needed when tokenizer_config.json has none', async () => {
    const name = await modelFolder('no-template', {
      change: async (dir) => {
        const config = JSON.parse(await readFile(join(dir, 'tokenizer_config.json'), 'utf8'))
        delete config.chat_template
        await writeFile(join(dir, 'tokenizer_config.json'), JSON.stringify(config))
      },
    })
    await expect(loadLanguageModel({ kind: 'local', path: name }, 'fp32')).rejects.toThrow(/tokenizer_config\.json has no chat_template/)
  })

  it('says a hub model needs the network when the hub cannot be reached', async () => {
    const saved = { remoteHost: env.remoteHost, allowRemoteModels: env.allowRemoteModels, allowLocalModels: env.allowLocalModels, useFSCache: env.useFSCache }
    // Nothing listens on port 9 of loopback: the same failure as being offline, without touching the network.
    Object.assign(env, { remoteHost: 'http://127.0.0.1:9/', allowRemoteModels: true, allowLocalModels: false, useFSCache: false })
    try {
      await expect(loadLanguageModel({ kind: 'hub', id: 'onnx-community/Qwen2.5-0.5B-Instruct' }, 'q8')).rejects.toThrow(
        /The hub model onnx-community\/Qwen2\.5-0\.5B-Instruct could not be downloaded or loaded: .*needs the network the first time.*choose the shipped model/s,
      )
    } finally {
      Object.assign(env, saved)
    }
  })
})
