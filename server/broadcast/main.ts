// `npm run serve`: starts the broadcast server (control channel, viewer chat, relay) and, with
// --twitch-channel, the Twitch chat adapter. Bound to 127.0.0.1 unless --host says otherwise.
import { parseArgs } from 'node:util'
import { startBroadcastServer } from './broadcastServer.ts'
import { generateToken } from './controlAuth.ts'
import { connectTwitchChat } from './twitchChat.ts'

const USAGE = `usage: npm run serve -- [--host 127.0.0.1] [--port 8790] [--twitch-channel NAME [--irc-url ircs://irc.chat.twitch.tv:6697]]
  GENANCHOR_TOKEN   control token (default: a new one, printed at start)
  TWITCH_NICK, TWITCH_OAUTH   Twitch login for chat (default: anonymous, read-only)`

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'string', default: '8790' },
      'twitch-channel': { type: 'string' },
      'irc-url': { type: 'string', default: 'ircs://irc.chat.twitch.tv:6697' },
      help: { type: 'boolean', default: false },
    },
  })
  if (values.help) {
    console.log(USAGE)
    return
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port ${values.port} is not a port number (0–65535).`)
  if (values.host !== '127.0.0.1' && values.host !== 'localhost' && values.host !== '::1') {
    console.warn(`[server] WARNING: binding ${values.host}: other machines can reach the chat page and try the control token. Use a firewall or a TLS proxy.`)
  }
  const fromEnv = process.env.GENANCHOR_TOKEN
  const token = fromEnv || generateToken()
  const server = await startBroadcastServer({ host: values.host, port, token })
  console.log(`[server] viewer chat:     ${server.url}/`)
  console.log(`[server] control channel: ${server.url.replace('http', 'ws')}/control  (relay: /relay)`)
  // The token is printed once for the performer to paste into the studio; it is never logged again.
  console.log(fromEnv ? '[server] control token: from GENANCHOR_TOKEN' : `[server] control token: ${token}`)
  if (values['twitch-channel']) {
    const twitch = await connectTwitchChat({
      url: values['irc-url']!,
      channel: values['twitch-channel'],
      nick: process.env.TWITCH_NICK,
      password: process.env.TWITCH_OAUTH,
      onMessage: (m) => server.chatIn(m),
      log: (line) => console.log(`[twitch] ${line}`),
    })
    process.once('SIGINT', () => twitch.close())
  }
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)))
}

main().catch((err: unknown) => {
  console.error(`[server] ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
