// Types for the parts of @echogarden/espeak-ng-emscripten that GenAnchor uses (the package ships none).
declare module '@echogarden/espeak-ng-emscripten' {
  /** An event the synthesiser reports with a chunk of audio. */
  export interface EspeakEvent {
    readonly type: 'word' | 'sentence' | 'mark' | 'play' | 'end' | 'msg_terminated' | 'phoneme' | 'samplerate' | 'list_terminated'
    /** Character position in the input text (1-based). */
    readonly text_position: number
    readonly word_length: number
    /** Where the event happens in the audio, ms from the start of the text. */
    readonly audio_position: number
    /** Phoneme name (espeak's IPA-like mnemonic) for phoneme events, a number for word/sentence events. */
    readonly id: string | number | undefined
  }
  /** One synthesiser instance (not thread-safe; one per worker). */
  export interface ESpeakNGWorker {
    set_voice(name: string): number
    set_rate(wordsPerMinute: number): number
    set_pitch(pitch: number): number
    set_range(range: number): number
    get_samplerate(): number
    /** Synthesises `text`; the callback gets 16-bit PCM and the events of each chunk and returns true to stop. */
    synthesize(text: string, callback: (pcm: Int16Array, events: EspeakEvent[]) => boolean | number): void
    delete?(): void
  }
  /** The initialised module. */
  export interface EspeakModule {
    eSpeakNGWorker: new () => ESpeakNGWorker
  }
  /** Options of the emscripten module factory. */
  export interface EspeakModuleOptions {
    /** Hands the data package to the loader instead of fetching espeak-ng.data. */
    getPreloadedPackage?: (name: string, size: number) => ArrayBuffer
    print?: (text: string) => void
    printErr?: (text: string) => void
  }
  /** Initialises the synthesiser (asm.js build: no separate .wasm file). */
  export default function Init(options?: EspeakModuleOptions): Promise<EspeakModule>
}
