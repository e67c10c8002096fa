// A minimal Twitch-flavoured IRC server: ngircd sends no IRCv3 tags, Twitch does (`bits`,
// `display-name`). This one answers CAP LS/REQ, registration and JOIN as Twitch does, and `say`
// sends a tagged PRIVMSG, so cheers (bits) can be tested over a real socket.
import { createServer, type Socket } from 'node:net'
import type { AddressInfo } from 'node:net'

/** A running server. */
export interface TwitchIrc {
  /** `irc://127.0.0.1:<port>` */
  readonly url: string
  /** Sends `@tags :nick!nick@nick.tmi.twitch.tv PRIVMSG #channel :text` to every client in `channel`. */
  say(channel: string, nick: string, text: string, tags: Record<string, string>): void
  /** Clients that joined, by channel. */
  readonly joined: Map<string, Set<Socket>>
  close(): Promise<void>
}

/** Starts the server on 127.0.0.1, a free port. */
export async function startTwitchIrc(): Promise<TwitchIrc> {
  const joined = new Map<string, Set<Socket>>()
  const sockets = new Set<Socket>()
  const server = createServer((socket) => {
    sockets.add(socket)
    let nick = '*'
    let buffer = ''
    const send = (line: string) => socket.write(`${line}\r\n`)
    socket.on('data', (data) => {
      buffer += data.toString('utf8')
      let end: number
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '')
        buffer = buffer.slice(end + 1)
        const [command, ...args] = line.split(' ')
        if (command === 'CAP' && args[0] === 'LS') send(':tmi.twitch.tv CAP * LS :twitch.tv/tags twitch.tv/commands twitch.tv/membership')
        else if (command === 'CAP' && args[0] === 'REQ') send(`:tmi.twitch.tv CAP * ACK ${args.slice(1).join(' ')}`)
        else if (command === 'NICK') nick = args[0]
        else if (command === 'USER') {
          send(`:tmi.twitch.tv 001 ${nick} :Welcome, GLHF!`)
          send(`:tmi.twitch.tv 376 ${nick} :>`)
        } else if (command === 'JOIN') {
          const channel = args[0].toLowerCase()
          if (!joined.has(channel)) joined.set(channel, new Set())
          joined.get(channel)!.add(socket)
          send(`:${nick}!${nick}@${nick}.tmi.twitch.tv JOIN ${channel}`)
        } else if (command === 'PING') send(`PONG ${args.join(' ')}`)
        else if (command === 'QUIT') socket.end()
      }
    })
    socket.on('close', () => {
      sockets.delete(socket)
      for (const set of joined.values()) set.delete(socket)
    })
    socket.on('error', () => {})
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const { port } = server.address() as AddressInfo
  return {
    url: `irc://127.0.0.1:${port}`,
    joined,
    say(channel, nick, text, tags) {
      const tagText = Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(';')
      for (const s of joined.get(channel) ?? []) s.write(`@${tagText} :${nick}!${nick}@${nick}.tmi.twitch.tv PRIVMSG ${channel} :${text}\r\n`)
    },
    close: () => new Promise((resolve) => {
      for (const s of sockets) s.destroy()
      server.close(() => resolve())
    }),
  }
}
