// The server-sent-events parser on its own: line endings, multi-line data, comments, chunk borders.
import { describe, expect, it } from 'vitest'
import { ServerSentEventParser } from '../../../systems/dialogue/sse.ts'

/** Feeds `chunks` in order; returns the data of every event dispatched. */
function parse(chunks: string[]): { data: string[]; pending: boolean } {
  const parser = new ServerSentEventParser()
  const data = chunks.flatMap((c) => parser.push(c).map((e) => e.data))
  return { data, pending: parser.pending }
}

describe('ServerSentEventParser', () => {
  it('dispatches an event at a blank line and joins its data lines with a newline', () => {
    expect(parse(['data: a\ndata: b\n\ndata: c\n\n']).data).toEqual(['a\nb', 'c'])
  })

  it('treats CR, LF and CRLF alike, even with CRLF split over two chunks', () => {
    expect(parse(['data: a\r', '\n\r', '\ndata: b\r\rdata: c\n\n']).data).toEqual(['a', 'b', 'c'])
  })

  it('skips comments, other fields and events without data', () => {
    expect(parse([': keep-alive\n\nevent: ping\nid: 3\n\ndata:x\nretry: 10\n\n']).data).toEqual(['x'])
  })

  it('removes one space after the colon only', () => {
    expect(parse(['data:  two spaces\n\n']).data).toEqual([' two spaces'])
  })

  it('knows when a stream stopped in the middle of an event', () => {
    expect(parse(['data: a\n\n'])).toEqual({ data: ['a'], pending: false })
    expect(parse(['data: a\n\ndata: {"choi'])).toEqual({ data: ['a'], pending: true })
  })
})
