// What the speech worker does, apart from the worker itself: a message handler over a synthesiser,
// so the same code runs in the browser's worker and in-process in Node tests.
import type { FromSpeechWorker, ToSpeechWorker } from './protocol.ts'
import { EspeakSynth } from './synth.ts'

/** Sends a message to the page, transferring the listed buffers. */
export type PostToPage = (message: FromSpeechWorker, transfer?: Transferable[]) => void

/**
 * The package is stored gzipped; a server that sends it with `Content-Encoding: gzip` has the
 * browser unpack it already, so check the magic.
 */
async function gunzipped(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes
  const stream = new Blob([bytes as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('gzip'))
  return new Uint8Array(await new Response(stream).arrayBuffer())
}

/** Makes the worker's message handler; it speaks queued utterances one at a time, in order. */
export function createSpeechWorkerHost(post: PostToPage): (message: ToSpeechWorker) => void {
  let synth: Promise<EspeakSynth> | null = null
  const queue: Extract<ToSpeechWorker, { type: 'speak' }>[] = []
  /** Bumped by `cancel`; a synthesis started under an older value posts no `end`. */
  let generation = 0
  let draining = false
  /** Whether the page allowed fault injection (`crash`) in `init`. */
  let faults = false

  async function load(dataUrl: string): Promise<EspeakSynth> {
    const started = performance.now()
    const response = await fetch(dataUrl)
    if (!response.ok) throw new Error(`The speech data could not be loaded (${response.status} from ${dataUrl}).`)
    const ready = await EspeakSynth.create(await gunzipped(new Uint8Array(await response.arrayBuffer())))
    post({ type: 'ready', loadMs: performance.now() - started })
    return ready
  }

  /** Speaks the queue in order; yields to the event loop between utterances so `cancel` is seen. */
  async function drain(): Promise<void> {
    if (draining || !synth) return
    draining = true
    const engine = await synth.catch(() => null)
    if (!engine) {
      // The load failure was reported once; each waiting utterance fails with it.
      for (const request of queue.splice(0)) post({ type: 'error', id: request.id, message: 'The speech engine could not start.' })
      draining = false
      return
    }
    while (queue.length > 0) {
      const request = queue.shift()!
      const mine = generation
      try {
        const total = engine.synthesize(request.text, request.voice, (chunk) => {
          // A chunk's PCM is a copy from the synthesiser's heap, so its buffer can be transferred.
          post({ type: 'audio', id: request.id, pcm: chunk.pcm, offsetSamples: chunk.offsetSamples, marks: chunk.marks }, [chunk.pcm.buffer])
          return generation !== mine
        })
        if (generation === mine) post({ type: 'end', id: request.id, totalSamples: total })
      } catch (err) {
        post({ type: 'error', id: request.id, message: err instanceof Error ? err.message : String(err) })
      }
      await new Promise((resolve) => setTimeout(resolve, 0))
    }
    draining = false
  }

  return (message) => {
    switch (message.type) {
      case 'init':
        faults = message.faults
        synth = load(message.dataUrl)
        synth.catch((err: unknown) => post({ type: 'error', id: null, message: err instanceof Error ? err.message : String(err) }))
        void drain()
        return
      case 'speak':
        queue.push(message)
        void drain()
        return
      case 'cancel':
        generation++
        queue.length = 0
        return
      case 'crash':
        if (faults) throw new Error('Speech worker crash requested (fault injection).')
        return
    }
  }
}
