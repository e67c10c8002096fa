// The espeak-ng synthesiser behind a small typed API: voice, rate and pitch in, 16-bit PCM chunks and
// phoneme timings out. Used by the speech worker, and directly by Node tests and the voice bench.
import Init, { type ESpeakNGWorker, type EspeakEvent } from '@echogarden/espeak-ng-emscripten'
import { expandSlimPackage } from './slimPackage.ts'

/** espeak-ng always produces mono 16-bit PCM at this rate. */
export const ESPEAK_SAMPLE_RATE_HZ = 22_050

/** A phoneme and when it starts, in ms from the start of its utterance. */
export interface PhonemeMark {
  readonly timeMs: number
  /** espeak's phoneme name with stress marks removed, e.g. `a`, `iː`, `tɕ`; `_` for a pause. */
  readonly phoneme: string
}

/** One chunk of speech as the synthesiser produces it. */
export interface SynthChunk {
  /** Mono PCM at `ESPEAK_SAMPLE_RATE_HZ`. */
  readonly pcm: Int16Array
  /** Where this chunk starts in its utterance, in samples. */
  readonly offsetSamples: number
  /** Phonemes that start within this chunk. */
  readonly marks: readonly PhonemeMark[]
}

/** How to speak: an espeak voice name and its rate and pitch. */
export interface SynthVoice {
  /** espeak-ng voice: `en-us`, `en`, `cmn`… (only Mandarin and English data ships). */
  readonly voice: string
  /** Speaking rate in words per minute, 80–450 (espeak's default 175). */
  readonly rateWpm: number
  /** Base pitch 0–100 (espeak's default 50). */
  readonly pitch: number
}

/** Thrown for a voice the shipped data cannot speak. */
export class SynthVoiceError extends Error {
  override readonly name = 'SynthVoiceError'
}

/** A ready synthesiser. */
export class EspeakSynth {
  private current = ''

  private constructor(private readonly engine: ESpeakNGWorker) {}

  /** Starts the synthesiser from the slim data package (zh-en.espeak.bin, gunzipped). */
  static async create(slimPackage: Uint8Array): Promise<EspeakSynth> {
    const full = expandSlimPackage(slimPackage)
    const module = await Init({ getPreloadedPackage: () => full, print: () => {}, printErr: () => {} })
    return new EspeakSynth(new module.eSpeakNGWorker())
  }

  /**
   * Speaks `text` (plain text: `<`, `>` and `&` must already be escaped), calling `onChunk` for each
   * chunk as it is made; `onChunk` returns true to stop early. Returns the total length in samples.
   */
  synthesize(text: string, voice: SynthVoice, onChunk: (chunk: SynthChunk) => boolean): number {
    this.applyVoice(voice)
    let offset = 0
    let stopped = false
    this.engine.synthesize(text, (pcm, events) => {
      if (stopped) return true
      const marks = phonemeMarks(events)
      if (pcm.length === 0 && marks.length === 0) return false
      // Read the length first: a worker transfers the chunk's buffer, which empties `pcm`.
      const length = pcm.length
      stopped = onChunk({ pcm, offsetSamples: offset, marks })
      offset += length
      return stopped
    })
    return offset
  }

  private applyVoice(voice: SynthVoice): void {
    if (voice.voice !== this.current) {
      // set_voice returns 0 on success (espeak's EE_OK).
      if (this.engine.set_voice(voice.voice) !== 0) throw new SynthVoiceError(`The speech engine has no voice "${voice.voice}"; use en, en-us or cmn.`)
      this.current = voice.voice
    }
    this.engine.set_rate(Math.round(Math.min(450, Math.max(80, voice.rateWpm))))
    this.engine.set_pitch(Math.round(Math.min(100, Math.max(0, voice.pitch))))
  }
}

/** The phoneme events of a chunk, with stress and length marks removed from their names. */
function phonemeMarks(events: readonly EspeakEvent[]): PhonemeMark[] {
  const marks: PhonemeMark[] = []
  for (const e of events) {
    if (e.type !== 'phoneme') continue
    const name = String(e.id ?? '').replace(/[ˈˌ']/g, '')
    marks.push({ timeMs: e.audio_position, phoneme: name === '' ? '_' : name })
  }
  return marks
}
