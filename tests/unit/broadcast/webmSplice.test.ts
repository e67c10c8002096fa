// Resuming a WebM stream after the ingest dropped: the header is kept, and data restarts at a Cluster.
import { describe, expect, it } from 'vitest'
import { ingestTarget } from '../../../server/broadcast/relay.ts'
import { ClusterGate, WebmHeader, findCluster } from '../../../server/broadcast/webmSplice.ts'
import { chunks, makeTestWebm } from './media.ts'

describe('WebM splicing', () => {
  it('keeps everything before the first Cluster as the header, across chunk borders', async () => {
    const webm = await makeTestWebm(1)
    const first = findCluster(webm)
    expect(first).toBeGreaterThan(0)
    const header = new WebmHeader()
    for (const c of chunks(webm, 7)) header.push(c)
    expect(header.header?.equals(webm.subarray(0, first))).toBe(true)
  }, 60_000)

  it('opens the gate at a Cluster id split over two chunks', () => {
    const gate = new ClusterGate()
    expect(gate.next(Buffer.from([1, 2, 3, 0x1f, 0x43]))).toBeNull()
    expect(gate.next(Buffer.from([0xb6, 0x75, 9, 9]))).toEqual(Buffer.from([0x1f, 0x43, 0xb6, 0x75, 9, 9]))
    expect(gate.next(Buffer.from([7]))).toEqual(Buffer.from([7]))
  })

  it('refuses a stream that is not WebM', () => {
    const header = new WebmHeader()
    expect(() => header.push(Buffer.alloc(1 << 21))).toThrow(/WebM/)
  })
})

describe('ingestTarget', () => {
  it('joins URL and key, and refuses other schemes and odd keys', () => {
    expect(ingestTarget('rtmp://live.example.com/app/', 'abc_123')).toBe('rtmp://live.example.com/app/abc_123')
    expect(() => ingestTarget('http://x/app', 'k')).toThrow(/rtmp:\/\/ or rtmps:\/\//)
    expect(() => ingestTarget('rtmp://x/app', 'k ey\n')).toThrow(/stream key/)
    expect(() => ingestTarget('not a url', 'k')).toThrow(/not a URL/)
  })
})
