// The shipped model, loaded offline in Node by the same code the studio's worker runs.
import { join } from 'node:path'
import { env } from '@huggingface/transformers'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadLanguageModel, type LanguageModel } from '../../../systems/dialogue/session.ts'
import { DEFAULT_PERSONA, DEFAULT_SAMPLING } from '../../../systems/dialogue/settings.ts'
import type { ChatTurn } from '../../../systems/dialogue/prompt.ts'

const MODELS = join(import.meta.dirname, '../../../models/lm')

let model: LanguageModel

beforeAll(async () => {
  env.allowRemoteModels = false
  env.localModelPath = MODELS
  model = await loadLanguageModel({ kind: 'local', path: 'shipped' }, 'fp32')
}, 60_000)

afterAll(async () => {
  await model?.dispose()
})

describe('the shipped language model', () => {
  it('reads its context window from the config', () => {
    expect(model.contextTokens).toBe(256)
  })

  it('streams a reply of several tokens that ends on its own', async () => {
    const pieces: string[] = []
    const result = await model.reply(DEFAULT_PERSONA, [], '小明: 你好!', { ...DEFAULT_SAMPLING, temperature: 0 }, { onText: (t) => pieces.push(t) })
    expect(result.tokens).toBeGreaterThan(3)
    expect(pieces.length).toBeGreaterThan(1)
    expect(pieces.join('').trim()).toBe(result.text)
    expect(result.text).not.toMatch(/<\|/)
    expect(['eos', 'length']).toContain(result.reason)
  })

  it('trims a long history to the context window, keeping the persona and the newest turns', async () => {
    const history: ChatTurn[] = Array.from({ length: 30 }, (_, i) => ({ user: `观众${i}: 今天玩什么游戏呀?`, assistant: `今天玩我的世界哦,欢迎观众${i}!` }))
    const sampling = { ...DEFAULT_SAMPLING, maxNewTokens: 8 }
    const result = await model.reply(DEFAULT_PERSONA, history, '小红: 你好!', sampling)
    expect(result.droppedTurns).toBeGreaterThan(0)
    expect(result.droppedTurns).toBeLessThan(30)
    expect(result.promptTokens).toBeLessThanOrEqual(model.contextTokens - sampling.maxNewTokens)
    // The budget is used: one more turn would not have fitted.
    expect(result.promptTokens).toBeGreaterThan(model.contextTokens - sampling.maxNewTokens - 40)
  })

  it('cuts a message longer than the whole window instead of failing', async () => {
    const result = await model.reply(DEFAULT_PERSONA, [], '小红: ' + '好'.repeat(500), { ...DEFAULT_SAMPLING, maxNewTokens: 4 })
    expect(result.truncatedMessage).toBe(true)
    expect(result.promptTokens).toBeLessThanOrEqual(model.contextTokens - 4)
  })

  it('stops at the next token when cancelled', async () => {
    let pieces = 0
    const result = await model.reply(DEFAULT_PERSONA, [], 'tom: hello! what game today?', { ...DEFAULT_SAMPLING, maxNewTokens: 48 }, {
      onText: () => {
        if (++pieces === 1) model.cancel()
      },
    })
    expect(result.reason).toBe('cancelled')
    expect(pieces).toBe(1)
    expect(result.tokens).toBeLessThan(10)
  })

  it('says what is missing when the model folder is not there', async () => {
    await expect(loadLanguageModel({ kind: 'local', path: 'no-such-model' }, 'fp32')).rejects.toThrow(/could not be loaded from the folder no-such-model.*config\.json/s)
  })
})
