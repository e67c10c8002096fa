// Lets a WebM stream be picked up again mid-way: the header (EBML + Segment + Tracks, everything
// before the first Cluster) is kept, and a restarted ffmpeg gets it followed by data from a Cluster start.

/** The Matroska Cluster element id, 0x1F43B675 (RFC 9559 §5.1.3). */
const CLUSTER_ID = [0x1f, 0x43, 0xb6, 0x75]

/** Index of the first Cluster id in `buf` at or after `from`, or -1. */
export function findCluster(buf: Uint8Array, from = 0): number {
  for (let i = from; i + 3 < buf.length; i++) {
    if (buf[i] === CLUSTER_ID[0] && buf[i + 1] === CLUSTER_ID[1] && buf[i + 2] === CLUSTER_ID[2] && buf[i + 3] === CLUSTER_ID[3]) return i
  }
  return -1
}

/** Collects the header of a WebM stream from its first chunks; `header` is null until the first Cluster shows up. */
export class WebmHeader {
  private parts: Buffer[] = []
  /** Everything before the first Cluster, once seen. */
  header: Buffer | null = null

  /** Feeds a chunk; harmless once the header is complete. Headers over 1 MB are refused (not a recorder's stream). */
  push(chunk: Buffer): void {
    if (this.header) return
    this.parts.push(chunk)
    const all = Buffer.concat(this.parts)
    const at = findCluster(all)
    if (at >= 0) {
      this.header = all.subarray(0, at)
      this.parts = []
    } else if (all.length > 1 << 20) {
      throw new Error('The relay got over 1 MB without a WebM cluster: send a WebM stream (MediaRecorder, video/webm).')
    } else {
      this.parts = [all]
    }
  }
}

/**
 * Finds where a restarted ffmpeg can join a running stream: call `next(chunk)` with each chunk after
 * the restart; it returns null until a Cluster begins, then the chunk from there, then whole chunks.
 */
export class ClusterGate {
  private tail = Buffer.alloc(0)
  private open = false

  /** The part of `chunk` to pass on, or null while still waiting for a Cluster. */
  next(chunk: Buffer): Buffer | null {
    if (this.open) return chunk
    // A Cluster id can straddle two chunks: search the last 3 bytes of the previous one too.
    const joined = Buffer.concat([this.tail, chunk])
    const at = findCluster(joined)
    if (at < 0) {
      this.tail = joined.subarray(Math.max(0, joined.length - 3))
      return null
    }
    this.open = true
    return joined.subarray(at)
  }
}
