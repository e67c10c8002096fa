// A real RTMP ingest for the relay tests: Debian's nginx with libnginx-mod-rtmp, started as the
// current user from a config written to a temp folder, on 127.0.0.1 and a free port.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { createServer, connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

const NGINX = '/usr/sbin/nginx'
const RTMP_MODULE = '/usr/lib/nginx/modules/ngx_rtmp_module.so'

/** A free TCP port on 127.0.0.1 (the OS picks it; the listener is closed before returning). */
export async function freePort(): Promise<number> {
  const server = createServer()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as { port: number }).port
  await new Promise<void>((resolve) => server.close(() => resolve()))
  return port
}

/** A running nginx-rtmp with one live application, `live`. */
export interface RtmpIngest {
  readonly port: number
  /** `rtmp://127.0.0.1:<port>/live` */
  readonly url: string
  /** Stops nginx (as an ingest that drops); `start()` brings it back on the same port. */
  stop(): Promise<void>
  start(): Promise<void>
  /** Stops nginx and removes its folder. */
  close(): Promise<void>
}

/** Starts nginx-rtmp; resolves once it accepts connections. */
export async function startRtmpIngest(port?: number): Promise<RtmpIngest> {
  const dir = await mkdtemp(join(tmpdir(), 'genanchor-rtmp-'))
  const p = port ?? (await freePort())
  const conf = join(dir, 'nginx.conf')
  await writeFile(conf, [
    `load_module ${RTMP_MODULE};`,
    'daemon off;',
    'master_process off;',
    `pid ${join(dir, 'nginx.pid')};`,
    `error_log ${join(dir, 'error.log')} warn;`,
    'events { worker_connections 64; }',
    `rtmp { server { listen 127.0.0.1:${p}; chunk_size 4096; application live { live on; record off; } } }`,
    '',
  ].join('\n'))
  let child: ChildProcess | null = null
  const ingest: RtmpIngest = {
    port: p,
    url: `rtmp://127.0.0.1:${p}/live`,
    async start() {
      child = spawn(NGINX, ['-p', dir, '-e', join(dir, 'error.log'), '-c', conf], { stdio: 'ignore' })
      await waitForPort(p, 5000)
    },
    async stop() {
      const c = child
      child = null
      if (!c || c.exitCode !== null) return
      await new Promise<void>((resolve) => {
        c.once('exit', () => resolve())
        c.kill('SIGKILL')
      })
    },
    async close() {
      await ingest.stop()
      await rm(dir, { recursive: true, force: true })
    },
  }
  await ingest.start()
  return ingest
}

async function waitForPort(port: number, timeoutMs: number): Promise<void> {
  const until = Date.now() + timeoutMs
  while (Date.now() < until) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => (s.destroy(), resolve(true)))
      s.once('error', () => resolve(false))
    })
    if (ok) return
    await new Promise((r) => setTimeout(r, 50))
  }
  throw new Error(`nginx-rtmp did not listen on 127.0.0.1:${port} within ${timeoutMs} ms`)
}

/** The streams a subscriber sees on `url` (codec type and name), read with ffprobe (up to 10 s of stream, for a sparse video track). */
export async function probeStreams(url: string): Promise<{ codec_type: string; codec_name: string }[]> {
  const out = await new Promise<string>((resolve, reject) => {
    const p = spawn('ffprobe', ['-v', 'error', '-rw_timeout', '8000000', '-analyzeduration', '10000000', '-show_entries', 'stream=codec_type,codec_name', '-of', 'json', url])
    let text = ''
    let err = ''
    p.stdout.on('data', (d: Buffer) => (text += d))
    p.stderr.on('data', (d: Buffer) => (err += d))
    p.on('exit', (code) => (code === 0 ? resolve(text) : reject(new Error(`ffprobe ${url} failed (${code}): ${err.trim()}`))))
  })
  return (JSON.parse(out) as { streams: { codec_type: string; codec_name: string }[] }).streams
}
