// The speech worker: espeak-ng synthesises here, off the page's thread, one utterance at a time,
// posting each chunk of audio as soon as it is made (the first arrives in a few ms).
import type { ToSpeechWorker } from './protocol.ts'
import { createSpeechWorkerHost, type PostToPage } from './workerHost.ts'

/** The worker's global scope, typed by what this file uses. */
const scope = self as unknown as { postMessage: PostToPage; onmessage: ((event: MessageEvent<ToSpeechWorker>) => void) | null }

const handle = createSpeechWorkerHost((message, transfer) => scope.postMessage(message, transfer))
scope.onmessage = (event) => handle(event.data)
