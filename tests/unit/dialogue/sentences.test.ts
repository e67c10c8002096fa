import { describe, expect, it } from 'vitest'
import { SentenceSplitter, splitSentences } from '../../../systems/dialogue/sentences.ts'

describe('sentence splitter', () => {
  it('splits Chinese on full-width and ASCII sentence marks', () => {
    expect(splitSentences('你好,欢迎来到我的直播间!今天玩我的世界。要不要一起?好的!')).toEqual([
      '你好,欢迎来到我的直播间!', '今天玩我的世界。', '要不要一起?', '好的!',
    ])
  })

  it('splits on the full-width marks a model writes too (！？；) and keeps a full-width bracket with its sentence', () => {
    expect(splitSentences('太好了！谢谢你的礼物！要不要一起玩？好；（笑）')).toEqual(['太好了！', '谢谢你的礼物！', '要不要一起玩？', '好；', '（笑）'])
    expect(splitSentences('（真的吗？）好')).toEqual(['（真的吗？）', '好'])
  })

  it('splits English on . ! ? followed by a space, and keeps decimals whole', () => {
    expect(splitSentences('Hi there! It costs $3.5 today. Want one? Sure')).toEqual(['Hi there!', 'It costs $3.5 today.', 'Want one?', 'Sure'])
  })

  it('keeps runs of marks and closing quotes with their sentence', () => {
    expect(splitSentences('真的吗?!“太好了。”我们开始吧……好')).toEqual(['真的吗?!', '“太好了。”', '我们开始吧……', '好'])
  })

  it('completes sentences only as streamed text arrives', () => {
    const splitter = new SentenceSplitter()
    expect(splitter.push('Thanks for the')).toEqual([])
    expect(splitter.push(' gift! See')).toEqual(['Thanks for the gift!'])
    // A period at the end may still be a decimal point: it waits for the next piece.
    expect(splitter.push(' you at 8.')).toEqual([])
    expect(splitter.push('30 tonight. 谢谢')).toEqual(['See you at 8.30 tonight.'])
    expect(splitter.push('!')).toEqual(['谢谢!'])
    expect(splitter.flush()).toEqual([])
  })

  it('gives the unfinished rest on flush', () => {
    const splitter = new SentenceSplitter()
    splitter.push('欢迎小明')
    expect(splitter.flush()).toEqual(['欢迎小明'])
    expect(splitter.flush()).toEqual([])
  })
})
