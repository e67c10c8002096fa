// The real espeak-ng synthesiser (asm.js build) on the shipped slim data, in Node: Mandarin and
// English audio with phoneme times, markup escaped, and the shipped data matching the package.
import { readFileSync } from 'node:fs'
import { gunzipSync } from 'node:zlib'
import { beforeAll, describe, expect, it } from 'vitest'
import { buildSlimPackage } from '../../../systems/voice/espeak/buildData.ts'
import { readSlimHeader, expandSlimPackage, SlimPackageError } from '../../../systems/voice/espeak/slimPackage.ts'
import { ESPEAK_SAMPLE_RATE_HZ, EspeakSynth, SynthVoiceError, type PhonemeMark } from '../../../systems/voice/espeak/synth.ts'
import { escapeForEspeak } from '../../../systems/voice/text.ts'

const SHIPPED = new URL('../../../systems/voice/espeak/zh-en.espeak.bin', import.meta.url)
let synth: EspeakSynth

/** Everything one synthesis produced. */
function speak(text: string, voice: string, rateWpm = 175): { pcm: Int16Array; marks: PhonemeMark[]; chunks: number } {
  const parts: Int16Array[] = []
  const marks: PhonemeMark[] = []
  let offset = 0
  synth.synthesize(text, { voice, rateWpm, pitch: 50 }, (chunk) => {
    expect(chunk.offsetSamples).toBe(offset)
    offset += chunk.pcm.length
    parts.push(chunk.pcm)
    marks.push(...chunk.marks)
    return false
  })
  const pcm = new Int16Array(offset)
  let at = 0
  for (const p of parts) {
    pcm.set(p, at)
    at += p.length
  }
  return { pcm, marks, chunks: parts.length }
}

/** RMS of a stretch of 16-bit PCM, 0..1. */
function rms(pcm: Int16Array, from = 0, to = pcm.length): number {
  let sum = 0
  for (let i = from; i < to; i++) sum += (pcm[i] / 32768) ** 2
  return Math.sqrt(sum / Math.max(1, to - from))
}

beforeAll(async () => {
  synth = await EspeakSynth.create(gunzipSync(readFileSync(SHIPPED)))
}, 60_000)

describe('the shipped slim data', () => {
  it('is what buildData.ts makes from the installed package (run it again after an update)', () => {
    const shipped = gunzipSync(readFileSync(SHIPPED))
    expect(Buffer.compare(shipped, buildSlimPackage())).toBe(0)
  })

  it('is small: only the Mandarin and English files of the 24 MB package', () => {
    const { header } = readSlimHeader(gunzipSync(readFileSync(SHIPPED)))
    expect(readFileSync(SHIPPED).length).toBeLessThan(1_100_000)
    expect(header.packageSize).toBeGreaterThan(20_000_000)
    const names = header.files.map((f) => f.filename.split('/').pop())
    expect(names).toEqual(expect.arrayContaining(['cmn_dict', 'en_dict', 'phondata', 'cmn', 'en-US']))
    expect(names).not.toContain('yue_dict')
  })

  it('refuses a file that is not a slim package with a message that says how to rebuild it', () => {
    expect(() => expandSlimPackage(new TextEncoder().encode('not espeak data'))).toThrow(SlimPackageError)
    expect(() => expandSlimPackage(new TextEncoder().encode('not espeak data'))).toThrow(/buildData\.ts/)
  })
})

describe('EspeakSynth', () => {
  it('speaks English: audible 22,050 Hz audio with phoneme times in order, the first chunk early', () => {
    const { pcm, marks, chunks } = speak('Hello everyone, welcome to the stream.', 'en-us')
    const seconds = pcm.length / ESPEAK_SAMPLE_RATE_HZ
    expect(seconds).toBeGreaterThan(1.2)
    expect(seconds).toBeLessThan(4)
    expect(rms(pcm)).toBeGreaterThan(0.03)
    expect(chunks).toBeGreaterThan(3)
    const names = marks.map((m) => m.phoneme)
    expect(names.slice(0, 4)).toEqual(['h', 'ə', 'l', 'oʊ'])
    for (let i = 1; i < marks.length; i++) expect(marks[i].timeMs).toBeGreaterThanOrEqual(marks[i - 1].timeMs)
    expect(marks[marks.length - 1].timeMs).toBeLessThanOrEqual(seconds * 1000 + 1)
  })

  it('speaks Mandarin with Mandarin phonemes', () => {
    const { pcm, marks } = speak('大家好，欢迎来到直播间。', 'cmn')
    expect(pcm.length / ESPEAK_SAMPLE_RATE_HZ).toBeGreaterThan(1.5)
    expect(rms(pcm)).toBeGreaterThan(0.03)
    const names = marks.map((m) => m.phoneme)
    expect(names).toContain('tɕ') // 家 jiā
    expect(names).toContain('χ') // 好 hǎo
    expect(names).toContain('ɑu')
  })

  it('puts sound where the phoneme events say a vowel is', () => {
    const { pcm, marks } = speak('Ah, all right.', 'en-us')
    const vowel = marks.find((m) => m.phoneme === 'ɑː' || m.phoneme === 'a')!
    const start = Math.round((vowel.timeMs / 1000) * ESPEAK_SAMPLE_RATE_HZ)
    const before = rms(pcm, 0, Math.max(1, start - 50))
    const during = rms(pcm, start, start + 0.06 * ESPEAK_SAMPLE_RATE_HZ)
    expect(during).toBeGreaterThan(4 * before + 0.02)
  })

  it('speaks faster at a higher rate', () => {
    const slow = speak('This sentence has exactly seven words.', 'en-us', 140).pcm.length
    const fast = speak('This sentence has exactly seven words.', 'en-us', 280).pcm.length
    expect(fast).toBeLessThan(slow * 0.7)
  })

  it('reads escaped markup as text instead of obeying it', () => {
    const plain = speak('one two', 'en-us').pcm.length
    // As SSML, <break time="3s"/> would add three seconds of silence.
    const markup = speak(escapeForEspeak('one <break time="3s"/> two'), 'en-us').pcm.length
    expect(markup).toBeGreaterThan(plain)
    expect(markup / ESPEAK_SAMPLE_RATE_HZ).toBeLessThan(plain / ESPEAK_SAMPLE_RATE_HZ + 2.9)
    const obeyed = speak('one <break time="3s"/> two', 'en-us').pcm.length
    expect(obeyed / ESPEAK_SAMPLE_RATE_HZ).toBeGreaterThan(plain / ESPEAK_SAMPLE_RATE_HZ + 2.5)
  })

  it('stops early when the chunk callback says so', () => {
    let calls = 0
    const total = synth.synthesize('A long sentence that would take several seconds to say out loud.', { voice: 'en-us', rateWpm: 175, pitch: 50 }, () => ++calls >= 2)
    expect(calls).toBe(2)
    expect(total / ESPEAK_SAMPLE_RATE_HZ).toBeLessThan(1)
  })

  it('refuses a voice whose data is not shipped', () => {
    expect(() => synth.synthesize('bonjour', { voice: 'fr', rateWpm: 175, pitch: 50 }, () => false)).toThrow(SynthVoiceError)
  })
})
