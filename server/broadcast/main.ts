// `npm run serve`: starts the broadcast server (control channel, viewer chat, relay) and any mix of
// platform chat adapters: --twitch-channel, --bilibili-room, --youtube-video. Bound to 127.0.0.1
// unless --host says otherwise. A platform that cannot start is reported and left out; the rest run.
import { parseArgs } from 'node:util'
import { BilibiliChat } from './bilibili/bilibiliChat.ts'
import { startBroadcastServer } from './broadcastServer.ts'
import type { ChatAdapter } from './chatAdapter.ts'
import { generateToken } from './controlAuth.ts'
import { TwitchChat } from './twitchChat.ts'
import { YouTubeChat } from './youtubeChat.ts'

const USAGE = `usage: npm run serve -- [--host 127.0.0.1] [--port 8790]
    [--twitch-channel NAME [--irc-url ircs://irc.chat.twitch.tv:6697]]
    [--bilibili-room ID [--bilibili-api https://api.live.bilibili.com|none] [--bilibili-url wss://…/sub]]
    [--youtube-video ID [--youtube-api https://www.googleapis.com]]
  GENANCHOR_TOKEN                    control token (default: a new one, printed at start)
  TWITCH_NICK, TWITCH_OAUTH          Twitch login for chat (default: anonymous, read-only)
  YOUTUBE_API_KEY or YOUTUBE_OAUTH_TOKEN   YouTube Data API credentials (one is required for --youtube-video)`

const OPTIONS = {
  host: { type: 'string', default: '127.0.0.1' },
  port: { type: 'string', default: '8790' },
  'twitch-channel': { type: 'string' },
  'irc-url': { type: 'string', default: 'ircs://irc.chat.twitch.tv:6697' },
  'bilibili-room': { type: 'string' },
  'bilibili-api': { type: 'string', default: 'https://api.live.bilibili.com' },
  'bilibili-url': { type: 'string' },
  'youtube-video': { type: 'string' },
  'youtube-api': { type: 'string', default: 'https://www.googleapis.com' },
  help: { type: 'boolean', default: false },
} as const

type Values = ReturnType<typeof parseArgs<{ options: typeof OPTIONS }>>['values']

/** Each platform's adapter from the command line, by name; null when its option is absent. */
const PLATFORMS: Record<string, (v: Values, log: (line: string) => void) => ChatAdapter | null> = {
  twitch: (v, log) => v['twitch-channel'] ? new TwitchChat({ url: v['irc-url']!, channel: v['twitch-channel'], nick: process.env.TWITCH_NICK, password: process.env.TWITCH_OAUTH, log }) : null,
  bilibili: (v, log) => {
    const room = v['bilibili-room']
    if (room === undefined) return null
    if (!/^\d{1,15}$/.test(room)) throw new Error(`--bilibili-room ${room.slice(0, 40)} is not a room id; use the digits in live.bilibili.com/<id>.`)
    // `--bilibili-api none` skips getDanmuInfo and joins as a guest with an empty key (needs --bilibili-url).
    const api = v['bilibili-api'] === 'none' ? null : v['bilibili-api']!
    return new BilibiliChat({ roomId: Number(room), apiBase: api, url: v['bilibili-url'] ?? null, log })
  },
  youtube: (v, log) => v['youtube-video']
    ? new YouTubeChat({ videoId: v['youtube-video'], apiBase: v['youtube-api']!, apiKey: process.env.YOUTUBE_API_KEY || null, oauthToken: process.env.YOUTUBE_OAUTH_TOKEN || null, log })
    : null,
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: OPTIONS })
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
  for (const [name, make] of Object.entries(PLATFORMS)) {
    const log = (line: string) => console.log(`[${name}] ${line}`)
    try {
      const adapter = make(values, log)
      if (adapter) server.attachChat(adapter)
    } catch (err) {
      console.error(`[${name}] ${(err as Error).message} Starting without ${name} chat.`)
    }
  }
  process.once('SIGINT', () => void server.close().then(() => process.exit(0)))
}

main().catch((err: unknown) => {
  console.error(`[server] ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
})
