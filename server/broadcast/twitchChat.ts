// Twitch chat over IRC with irc-framework, on the `ChatAdapter` contract: joins a channel, turns each
// PRIVMSG into a chat event (bits from the IRCv3 `bits` tag make it a gift), reconnects with backoff.
// Works with any IRC server; Twitch is irc.chat.twitch.tv. Read-only: it never sends to the channel,
// so Twitch's send limits (20 messages / 30 s) never apply.
import { Client, type PrivmsgEvent } from 'irc-framework'
import { ChatPlatformState, ChatSource, GiftKind, type ChatPlatformStatus, type IncomingChat } from '../../systems/broadcast/node.ts'
import { AdapterStatus, Backoff, DEFAULT_BACKOFF, makeGift, toIncomingChat, type BackoffSettings, type ChatAdapter, type ChatEvent, type ChatSink } from './chatAdapter.ts'

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
  /** Reconnect timing (default `DEFAULT_BACKOFF`). */
  backoff?: BackoffSettings
  /** Status lines (never message text or the password). */
  log?: (line: string) => void
}

/** Twitch chat over IRC. */
export class TwitchChat implements ChatAdapter {
  readonly platform = ChatSource.twitch
  readonly channel: string
  private readonly url: URL
  private readonly client = new Client()
  private readonly tally: AdapterStatus
  private readonly backoff: Backoff
  private readonly log: (line: string) => void
  private retryTimer: ReturnType<typeof setTimeout> | null = null
  private connected = false
  private closed = false

  /** Checks the address (throws a readable error for a wrong scheme); connects on `start`. */
  constructor(private readonly options: TwitchChatOptions) {
    this.url = new URL(options.url)
    if (this.url.protocol !== 'irc:' && this.url.protocol !== 'ircs:') throw new Error(`The chat address must be irc:// or ircs://, not ${this.url.protocol}//.`)
    this.channel = `#${options.channel.replace(/^#/, '').toLowerCase()}`
    this.log = options.log ?? (() => {})
    this.tally = new AdapterStatus(this.platform, this.channel, this.log)
    this.backoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF)
  }

  status(): ChatPlatformStatus {
    return this.tally.value
  }

  start(sink: ChatSink): void {
    this.tally.attach(sink)
    const { client, channel } = this
    // Twitch sends bits and display names only to clients that ask for its tags capability.
    client.requestCap(['twitch.tv/tags', 'twitch.tv/commands'])
    client.on('privmsg', (event: PrivmsgEvent) => {
      if (event.target.toLowerCase() !== channel) return
      this.tally.emit(eventOf(event))
    })
    client.on('registered', () => {
      this.log(`connected to ${this.url.host} as ${client.user.nick}`)
      client.join(channel)
    })
    client.on('join', (event) => {
      // The server may have changed the nick (too long, taken): compare with the one it accepted.
      if (event.nick !== client.user.nick || event.channel.toLowerCase() !== channel) return
      this.connected = true
      this.backoff.reset()
      this.tally.set(ChatPlatformState.live)
    })
    // irc-framework's own reconnect is off: every adapter retries on the same backoff.
    client.on('close', () => this.retry())
    const tls = this.url.protocol === 'ircs:'
    const nick = this.options.nick ?? `justinfan${10000 + Math.floor(Math.random() * 89999)}`
    client.connect({
      host: this.url.hostname, port: Number(this.url.port) || (tls ? 6697 : 6667), tls, nick, username: nick, password: this.options.password,
      auto_reconnect: false,
    })
  }

  async close(): Promise<void> {
    this.closed = true
    if (this.retryTimer) clearTimeout(this.retryTimer)
    if (!this.connected) {
      this.client.quit()
      return
    }
    await new Promise<void>((resolve) => {
      this.client.once('close', () => resolve())
      this.client.quit('bye')
      setTimeout(resolve, 2000).unref()
    })
  }

  private retry(): void {
    if (this.closed) return
    const why = this.connected ? 'the IRC connection dropped' : `could not join ${this.channel} on ${this.url.host}`
    this.connected = false
    const waitMs = this.backoff.next()
    this.tally.set(ChatPlatformState.reconnecting, `${why}; retrying in ${Math.ceil(waitMs / 1000)} s.`)
    this.retryTimer = setTimeout(() => this.client.connect(), waitMs)
  }
}

/** A PRIVMSG as a chat event: a gift when it carries bits. */
function eventOf(event: PrivmsgEvent): ChatEvent {
  const viewer = { id: `${ChatSource.twitch}:${event.nick.toLowerCase()}`, name: event.tags?.['display-name'] || event.nick }
  const gift = event.tags?.bits ? makeGift(GiftKind.bits, 'bits', 1, Number(event.tags.bits), null) : null
  return gift && gift.value > 0
    ? { kind: 'gift', platform: ChatSource.twitch, viewer, text: event.message, gift }
    : { kind: 'message', platform: ChatSource.twitch, viewer, text: event.message }
}

/** `TwitchChat` for callers that want a promise: resolves once joined, rejects with a readable error after 10 s. */
export function connectTwitchChat(options: TwitchChatOptions & { onMessage: (message: IncomingChat) => void }): Promise<TwitchChat> {
  const twitch = new TwitchChat(options)
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      void twitch.close()
      reject(new Error(`Could not join ${twitch.channel} on ${new URL(options.url).host} within 10 s; check the address and the channel name.`))
    }, 10_000)
    twitch.start({
      event(event) {
        const message = toIncomingChat(event)
        if (message) options.onMessage(message)
      },
      state(status) {
        if (status.state !== ChatPlatformState.live) return
        clearTimeout(timer)
        resolve(twitch)
      },
    })
  })
}
