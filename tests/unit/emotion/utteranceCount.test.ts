// The emotion's utterance count must agree with the voice's own text preparation, or moods would
// show a sentence early or late: compared here over the kinds of text replies contain.
import { describe, expect, it } from 'vitest'
import { countUtterances } from '../../../systems/emotion/utteranceCount.ts'
import { prepareSpeech } from '../../../systems/voice/text.ts'
import { VoiceSettings } from '../../../systems/voice/settings.ts'
import { HELD_OUT, LABELLED_EN, LABELLED_ZH } from './labelledSentences.ts'

const SAMPLES = [
  '', '😊', '🎉🎉!!', '...', '太好了。', 'Hello everyone.', '今天玩 Minecraft 吧。', 'GPT-2 模型 3 个', '我有 3 个 apple 和 2 个 banana。',
  '好'.repeat(300), 'word '.repeat(80), '这是一个很长的句子，'.repeat(20), 'a<b & c>d', '【开心】今天（真的）很好！', '\u0007控制\u0000字符',
  ...[...LABELLED_ZH, ...LABELLED_EN, ...HELD_OUT].map(([text]) => text),
]

describe('countUtterances', () => {
  it('gives the number of pieces the voice makes of each text, at several chunk sizes', () => {
    for (const maxChars of [new VoiceSettings().maxChunkChars, 40, 7]) {
      for (const text of SAMPLES) expect([text, countUtterances(text, maxChars)]).toEqual([text, prepareSpeech(text, maxChars).length])
    }
  })
})
