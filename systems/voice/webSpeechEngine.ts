// The `webspeech` engine: the browser's own voices (speechSynthesis). Their sound never enters the
// page's audio graph, so it cannot be recorded, ducked or analysed; lip-sync gets word boundaries only.
import type { EngineReport, SpeechRequest, TtsEngine } from './engine.ts'
import type { VoiceSettings } from './settings.ts'
import { SpeechLang } from './text.ts'

/** True when this browser has speech synthesis with at least one voice. */
export function webSpeechAvailable(): boolean {
  return typeof speechSynthesis !== 'undefined' && speechSynthesis.getVoices().length > 0
}

/** Speech through `speechSynthesis`. */
export class WebSpeechEngine implements TtsEngine {
  private generation = 0

  constructor(private readonly report: (r: EngineReport) => void) {}

  speak(request: SpeechRequest, settings: VoiceSettings): void {
    if (typeof speechSynthesis === 'undefined') {
      this.report({ type: 'error', id: request.id, message: 'This browser has no speech synthesis; pick the espeak engine.' })
      return
    }
    const mine = this.generation
    const utterance = new SpeechSynthesisUtterance(request.text)
    utterance.lang = request.lang === SpeechLang.en ? 'en-US' : 'zh-CN'
    const named = speechSynthesis.getVoices().find((v) => v.name === settings.webSpeechVoice)
    if (named) utterance.voice = named
    utterance.rate = settings.rateWpm / 175
    utterance.pitch = Math.min(2, Math.max(0, settings.pitch / 50))
    utterance.volume = settings.volume
    const report = (r: EngineReport) => {
      if (mine === this.generation) this.report(r)
    }
    utterance.onstart = () => report({ type: 'external', id: request.id, phase: 'start' })
    utterance.onboundary = (event) => {
      if (event.name === 'word') report({ type: 'external', id: request.id, phase: 'word' })
    }
    utterance.onend = () => report({ type: 'external', id: request.id, phase: 'end' })
    utterance.onerror = (event) => {
      if (event.error !== 'interrupted' && event.error !== 'canceled') report({ type: 'error', id: request.id, message: `The browser's voice failed (${event.error}).` })
    }
    speechSynthesis.speak(utterance)
  }

  cancel(): void {
    this.generation++
    if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel()
  }

  dispose(): void {
    this.cancel()
  }
}
