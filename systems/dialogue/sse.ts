// Server-sent events (the `text/event-stream` format of chat-completion streams), read from a fetch body.
// https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation

/** One dispatched event: its `data` lines joined with `\n` (the `event` and `id` fields are not used by chat streams). */
export interface ServerSentEvent {
  readonly data: string
}

/**
 * Cuts an event stream into events as chunks arrive: lines end with CR, LF or CRLF, a blank line
 * dispatches, `:` lines are comments, an event without `data` is dropped. `push` returns the events
 * a chunk completed; what is left when the stream ends was never dispatched (the spec drops it).
 */
export class ServerSentEventParser {
  private buffer = ''
  private data: string[] = []
  /** A chunk ended on CR: a LF starting the next chunk belongs to the same line end. */
  private skipLeadingLf = false

  /** Feeds decoded text; returns the events it completed. */
  push(text: string): ServerSentEvent[] {
    if (this.skipLeadingLf && text.startsWith('\n')) text = text.slice(1)
    this.skipLeadingLf = text.endsWith('\r')
    this.buffer += text
    const events: ServerSentEvent[] = []
    const lines = this.buffer.split(/\r\n|\r|\n/)
    this.buffer = lines.pop() ?? ''
    for (const line of lines) {
      if (line === '') {
        if (this.data.length > 0) events.push({ data: this.data.join('\n') })
        this.data = []
        continue
      }
      if (line.startsWith(':')) continue
      const colon = line.indexOf(':')
      const field = colon < 0 ? line : line.slice(0, colon)
      const value = colon < 0 ? '' : line.slice(colon + (line[colon + 1] === ' ' ? 2 : 1))
      if (field === 'data') this.data.push(value)
    }
    return events
  }

  /** Whether text arrived after the last dispatched event (a stream cut mid-event). */
  get pending(): boolean {
    return this.buffer !== '' || this.data.length > 0
  }
}

/** Reads a response body as server-sent events, in order, as they arrive. */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<ServerSentEvent, { cutMidEvent: boolean }> {
  const parser = new ServerSentEventParser()
  const decoder = new TextDecoder()
  const reader = body.getReader()
  try {
    for (;;) {
      const { done, value } = await reader.read()
      if (done) break
      yield* parser.push(decoder.decode(value, { stream: true }))
    }
    yield* parser.push(decoder.decode())
    return { cutMidEvent: parser.pending }
  } finally {
    // Also when the reader stops early ([DONE], an error, a cancel): the connection is let go.
    void reader.cancel().catch(() => {})
  }
}
