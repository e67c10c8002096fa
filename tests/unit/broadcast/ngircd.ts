// A real IRC server for the Twitch adapter test: Debian's ngircd, config in a temp folder, 127.0.0.1, free port.
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { connect } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { freePort } from './nginxRtmp.ts'

/** A running ngircd. */
export interface IrcServer {
  /** `irc://127.0.0.1:<port>` */
  readonly url: string
  close(): Promise<void>
}

/** Starts ngircd in the foreground (`-n -f conf`); resolves once it accepts connections. */
export async function startIrcServer(): Promise<IrcServer> {
  const dir = await mkdtemp(join(tmpdir(), 'genanchor-irc-'))
  const port = await freePort()
  const conf = join(dir, 'ngircd.conf')
  await writeFile(conf, [
    '[Global]', 'Name = irc.genanchor.test', 'Info = GenAnchor test IRC', 'Listen = 127.0.0.1', `Ports = ${port}`,
    `PidFile = ${join(dir, 'ngircd.pid')}`, `MotdPhrase = test`,
    '[Limits]', 'MaxConnectionsIP = 0', 'MaxJoins = 0', 'MaxNickLength = 30',
    '[Options]', 'DNS = no', 'Ident = no', 'PAM = no', 'RequireAuthPing = no',
    '',
  ].join('\n'))
  const child: ChildProcess = spawn('/usr/sbin/ngircd', ['-n', '-f', conf], { stdio: 'ignore' })
  const until = Date.now() + 5000
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => (s.destroy(), resolve(true)))
      s.once('error', () => resolve(false))
    })
    if (ok) break
    if (Date.now() > until || child.exitCode !== null) throw new Error(`ngircd did not listen on 127.0.0.1:${port}`)
    await new Promise((r) => setTimeout(r, 50))
  }
  return {
    url: `irc://127.0.0.1:${port}`,
    async close() {
      if (child.exitCode === null) {
        await new Promise<void>((resolve) => {
          child.once('exit', () => resolve())
          child.kill('SIGKILL')
        })
      }
      await rm(dir, { recursive: true, force: true })
    },
  }
}
