// The `http` engine: an OpenAI-compatible `/v1/audio/speech` server (a neural TTS the performer runs).
// Requests go one at a time in order; the reply (wav/mp3/…) is decoded on the shared AudioContext.
import type { EngineReport, SpeechRequest, TtsEngine } from './engine.ts'
import type { VoiceSettings } from './settings.ts'

/** Mixes a decoded buffer down to mono float PCM. */
function toMono(buffer: AudioBuffer): Float32Array {
  const out = new Float32Array(buffer.length)
  for (let c = 0; c < buffer.numberOfChannels; c++) {
    const channel = buffer.getChannelData(c)
    for (let i = 0; i < out.length; i++) out[i] += channel[i] / buffer.numberOfChannels
  }
  return out
}

/** Speech from an HTTP server. It reports no phoneme times: lip-sync analyses the sound instead. */
export class HttpSpeechEngine implements TtsEngine {
  private chain: Promise<void> = Promise.resolve()
  private generation = 0
  private controller = new AbortController()

  constructor(
    private readonly report: (r: EngineReport) => void,
    private readonly audioContext: BaseAudioContext,
  ) {}

  speak(request: SpeechRequest, settings: VoiceSettings): void {
    const mine = this.generation
    const signal = this.controller.signal
    const body = { model: settings.httpModel, voice: settings.httpVoice, input: request.text, response_format: 'wav', speed: settings.rateWpm / 175 }
    const url = settings.httpUrl
    const headers: Record<string, string> = { 'Content-Type': 'application/json' }
    if (settings.httpApiKey) headers.Authorization = `Bearer ${settings.httpApiKey}`
    this.chain = this.chain.then(async () => {
      if (mine !== this.generation) return
      try {
        const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body), signal })
        if (!response.ok) throw new Error(`the server answered ${response.status} ${response.statusText}`)
        const decoded = await this.audioContext.decodeAudioData(await response.arrayBuffer())
        if (mine !== this.generation) return
        const pcm = toMono(decoded)
        this.report({ type: 'audio', id: request.id, pcm, sampleRateHz: decoded.sampleRate, offsetSamples: 0, marks: [], timed: false })
        this.report({ type: 'end', id: request.id, totalSamples: pcm.length, sampleRateHz: decoded.sampleRate })
      } catch (err) {
        if (mine !== this.generation) return
        const why = err instanceof Error ? err.message : String(err)
        this.report({ type: 'error', id: request.id, message: `The speech server at ${url} failed (${why}); check that it runs, or pick the espeak engine.` })
      }
    })
  }

  cancel(): void {
    this.generation++
    this.controller.abort()
    this.controller = new AbortController()
  }

  dispose(): void {
    this.cancel()
  }
}
