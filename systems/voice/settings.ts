// What the performer can tune about the voice. Every field states its default.
import { SpeechLang } from './text.ts'

/** Settings of the host's voice (a resource; the voice panel edits it). */
export class VoiceSettings {
  /** TTS engine by name: `espeak` (offline, default), `webspeech`, `http`. Change with `setVoiceEngine`. */
  engine = 'espeak'
  /** espeak voice for English runs (default `en-us`). */
  voiceEn = 'en-us'
  /** espeak voice for Chinese runs (default `cmn`, Mandarin). */
  voiceZh = 'cmn'
  /** Speaking rate in words per minute, 80–450 (default 175, espeak's own). */
  rateWpm = 175
  /** Base pitch 0–100 (default 60: a little above espeak's 50, for the host's voice). */
  pitch = 60
  /** Voice volume 0–1 (default 1). */
  volume = 1
  /** Gain of the background bus while the host speaks, 0–1 (default 0.3: music ducks under speech). */
  duckGain = 0.3
  /** Language of text with no letters at all, e.g. only digits (default `zh`). */
  fallbackLang: SpeechLang = SpeechLang.zh
  /** Longest piece synthesised at once, in characters (default 120: ~40 ms of synthesis). */
  maxChunkChars = 120
  /** Whether replies are spoken at all (default true). */
  speakReplies = true
  /** The `http` engine's endpoint: an OpenAI-compatible `/v1/audio/speech` (default a local server on port 8880). */
  httpUrl = 'http://127.0.0.1:8880/v1/audio/speech'
  /** The `http` engine's `model` field (default `tts-1`). */
  httpModel = 'tts-1'
  /** The `http` engine's `voice` field (default `alloy`). */
  httpVoice = 'alloy'
  /** Sent as `Authorization: Bearer <key>` by the `http` engine when not empty (default empty). */
  httpApiKey = ''
  /** Web Speech voice name; empty picks the browser's default voice for the language (default empty). */
  webSpeechVoice = ''

  /** The espeak voice for a language. */
  espeakVoice(lang: SpeechLang): string {
    return lang === SpeechLang.en ? this.voiceEn : this.voiceZh
  }
}
