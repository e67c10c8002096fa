// Twitch chat over IRC with irc-framework: joins a channel, turns each PRIVMSG into an IncomingChat
// (bits from the IRCv3 `bits` tag). Works with any IRC server; Twitch is irc.chat.twitch.tv.
import { Client, type PrivmsgEvent } from 'irc-framework'
import { ChatSource, type IncomingChat } from '../../systems/broadcast/chat.ts'

/** Adapter settings. */
export interface TwitchChatOptions {
  /** `irc://host:port` or `ircs://host:port` (Twitch: `ircs://irc.chat.twitch.tv:6697`). */
  url: string
  /** Channel name, with or without `#`. */
  channel: string
  /** Login name (default an anonymous read-only `justinfan…` name, which Twitch accepts without a password). */
  nick?: string
  /** `oauth:…` token for a named login (default none). */
  password?: string
  /** Each chat message, not yet moderated. */
  onMessage: (message: IncomingChat) => void
  /** Status lines (never message text or the password). */
  log?: (line: string) => void
}

/** A connected adapter. */
export interface TwitchChat {
  close(): void
}

/** Connects, joins the channel, and resolves once joined; rejects with a readable error after 10 s. */
export function connectTwitchChat(options: TwitchChatOptions): Promise<TwitchChat> {
  const url = new URL(options.url)
  if (url.protocol !== 'irc:' && url.protocol !== 'ircs:') throw new Error(`The chat address must be irc:// or ircs://, not ${url.protocol}//.`)
  const tls = url.protocol === 'ircs:'
  const channel = `#${options.channel.replace(/^#/, '').toLowerCase()}`
  const nick = options.nick ?? `justinfan${10000 + Math.floor(Math.random() * 89999)}`
  const log = options.log ?? (() => {})
  const client = new Client()
  // Twitch sends bits and display names only to clients that ask for its tags capability.
  client.requestCap(['twitch.tv/tags', 'twitch.tv/commands'])
  client.on('privmsg', (event: PrivmsgEvent) => {
    if (event.target.toLowerCase() !== channel) return
    const bits = Number(event.tags?.bits ?? 0)
    options.onMessage({ viewer: event.tags?.['display-name'] || event.nick, text: event.message, source: ChatSource.twitch, bits: Number.isFinite(bits) ? bits : 0 })
  })
  client.on('close', () => log('disconnected'))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.quit()
      reject(new Error(`Could not join ${channel} on ${url.host} within 10 s; check the address and the channel name.`))
    }, 10_000)
    client.on('registered', () => {
      log(`connected to ${url.host} as ${client.user.nick}`)
      client.join(channel)
    })
    client.on('join', (event) => {
      // The server may have changed the nick (too long, taken): compare with the one it accepted.
      if (event.nick !== client.user.nick || event.channel.toLowerCase() !== channel) return
      clearTimeout(timer)
      log(`joined ${channel}`)
      resolve({ close: () => client.quit('bye') })
    })
    client.connect({
      host: url.hostname, port: Number(url.port) || (tls ? 6697 : 6667), tls, nick, username: nick, password: options.password,
      auto_reconnect: true, auto_reconnect_max_retries: 1000, auto_reconnect_wait: 4000,
    })
  })
}
