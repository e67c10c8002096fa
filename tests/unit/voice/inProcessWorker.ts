// Runs the real speech worker code (systems/voice/espeak/workerHost.ts) inside the test's process:
// messages go through a queue both ways, as with a thread, and a throw inside reaches `onerror`, as
// a crashed worker's does.
import { readFileSync } from 'node:fs'
import type { SpeechWorkerPort } from '../../../systems/voice/espeak/espeakEngine.ts'
import { createSpeechWorkerHost } from '../../../systems/voice/espeak/workerHost.ts'

/** The slim data as a data: URL (Node's fetch reads those; it has no file: support). */
export const DATA_URL = `data:application/octet-stream;base64,${readFileSync(new URL('../../../systems/voice/espeak/zh-en.espeak.bin', import.meta.url)).toString('base64')}`

/** Makes a port to a fresh in-process speech worker. */
export function inProcessWorker(): SpeechWorkerPort {
  let alive = true
  const port: SpeechWorkerPort = {
    onmessage: null,
    onerror: null,
    postMessage(message) {
      setTimeout(() => {
        if (!alive) return
        try {
          handle(message)
        } catch (err) {
          alive = false
          port.onerror?.({ message: err instanceof Error ? err.message : String(err) })
        }
      }, 0)
    },
    terminate() {
      alive = false
    },
  }
  const handle = createSpeechWorkerHost((message) => {
    setTimeout(() => alive && port.onmessage?.({ data: message }), 0)
  })
  return port
}
