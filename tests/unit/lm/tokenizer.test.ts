// transformers.js tokenizes like the Python pipeline that trained the shipped model: same ids for
// Chinese, English, digits, emoji and special-token text, and the same chat-template string.
// The cases come from models/lm/export.py (tokenizer_cases.json), so they follow every re-export.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const LM = join(import.meta.dirname, '../../../models/lm')
const cases = JSON.parse(readFileSync(join(LM, 'tokenizer_cases.json'), 'utf8')) as {
  texts: { text: string; ids: number[] }[]
  messages: { role: string; content: string }[]
  rendered: string
}
// The dependency arrives with the dialogue runtime (systems/dialogue); until then there is nothing to compare against.
const transformers = await import('@huggingface/transformers').catch(() => null)

describe.skipIf(!transformers)('the shipped tokenizer in transformers.js', async () => {
  const { env, AutoTokenizer } = transformers!
  env.allowRemoteModels = false
  env.localModelPath = LM
  const tokenizer = await AutoTokenizer.from_pretrained('shipped')

  it('gives the ids Python gave for every case string', () => {
    const mismatches = cases.texts.filter(({ text, ids }) =>
      JSON.stringify(tokenizer.encode(text, { add_special_tokens: false })) !== JSON.stringify(ids))
    expect(mismatches.map((m) => m.text)).toEqual([])
    expect(cases.texts.length).toBeGreaterThan(50)
  })

  it('renders the chat template exactly as training rendered conversations', () => {
    const prompt = tokenizer.apply_chat_template(cases.messages, { tokenize: false, add_generation_prompt: true })
    expect(prompt).toBe(cases.rendered)
  })

  it('decodes Chinese and English back to the same text', () => {
    for (const text of ['你好,欢迎来到我的直播间!', 'Hi Mia, welcome to my stream! $39']) {
      expect(tokenizer.decode(tokenizer.encode(text, { add_special_tokens: false }))).toBe(text)
    }
  })
})
