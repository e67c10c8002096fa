// Relay latency for bench/broadcast: a live WebM made in real time by ffmpeg (`-re`, test sources,
// 100 ms clusters, as a recorder's slices) goes over /relay through server/ and ffmpeg to nginx-rtmp;
// a subscriber reads the published stream and each video packet's arrival is compared with when
// its frame was made (the source's start + the frame's timestamp).
import { spawn } from 'node:child_process'
import { startBroadcastServer } from '../server/broadcast/broadcastServer.ts'
import { generateToken } from '../server/broadcast/controlAuth.ts'
import { startRtmpIngest } from '../tests/unit/broadcast/nginxRtmp.ts'
import { connect } from '../tests/unit/broadcast/serverClient.ts'

/** Latencies in ms of video packets seen by the subscriber after it settled, for `seconds` of stream. */
export async function relayLatency(seconds: number): Promise<number[]> {
  const token = generateToken()
  const ingest = await startRtmpIngest()
  const server = await startBroadcastServer({ port: 0, token, log: () => {} })
  const relay = await connect(server.url, '/relay', token)
  relay.send({ type: 'start', url: ingest.url, key: 'bench' })
  const source = spawn('ffmpeg', [
    '-hide_banner', '-loglevel', 'error', '-re',
    '-f', 'lavfi', '-i', `testsrc2=size=640x360:rate=30:duration=${seconds + 6}`,
    '-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${seconds + 6}`,
    '-c:v', 'libvpx', '-deadline', 'realtime', '-cpu-used', '8', '-b:v', '1M', '-g', '30',
    '-c:a', 'libopus', '-cluster_time_limit', '100', '-f', 'webm', 'pipe:1',
  ])
  let t0 = 0
  source.stdout.on('data', (chunk: Buffer) => {
    if (t0 === 0) t0 = performance.now()
    relay.ws.send(chunk)
  })
  try {
    // Subscribe once the relay is live; stdbuf makes ffprobe print each packet as it reads it.
    for (;;) if ((await relay.next('stats', 20_000)).state === 'live') break
    const latencies: number[] = []
    const probe = spawn('stdbuf', ['-oL', 'ffprobe', '-v', 'error', '-select_streams', 'v', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', `${ingest.url}/bench`])
    const subscribedAt = performance.now()
    let buffer = ''
    probe.stdout.on('data', (d: Buffer) => {
      const arrived = performance.now()
      buffer += d.toString()
      const lines = buffer.split('\n')
      buffer = lines.pop()!
      for (const line of lines) {
        const pts = Number.parseFloat(line)
        // The first 2 s replay what nginx buffered for a new subscriber: not live latency.
        if (Number.isFinite(pts) && arrived - subscribedAt > 2000) latencies.push(arrived - (t0 + pts * 1000))
      }
    })
    await new Promise((r) => setTimeout(r, seconds * 1000))
    probe.kill('SIGKILL')
    return latencies
  } finally {
    source.kill('SIGKILL')
    relay.send({ type: 'stop' })
    relay.ws.close()
    await server.close()
    await ingest.close()
  }
}
