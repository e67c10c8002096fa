// The part of irc-framework (4.x, untyped JavaScript) the Twitch adapter uses.
declare module 'irc-framework' {
  /** A PRIVMSG as irc-framework reports it; `tags` holds IRCv3 message tags (Twitch sends `bits`, `display-name`). */
  export interface PrivmsgEvent {
    nick: string
    target: string
    message: string
    tags: Record<string, string>
  }
  export interface ConnectOptions {
    host: string
    port: number
    nick: string
    username?: string
    password?: string
    tls?: boolean
    auto_reconnect?: boolean
    auto_reconnect_max_retries?: number
    auto_reconnect_wait?: number
  }
  export class Client {
    /** The nick the server accepted (it may differ from the one asked for). */
    user: { nick: string }
    constructor(options?: Partial<ConnectOptions>)
    connect(options?: Partial<ConnectOptions>): void
    requestCap(cap: string | string[]): void
    join(channel: string): void
    say(target: string, message: string): void
    quit(message?: string): void
    on(event: 'registered' | 'close' | 'socket close', listener: () => void): this
    on(event: 'privmsg', listener: (event: PrivmsgEvent) => void): this
    on(event: 'join', listener: (event: { nick: string; channel: string }) => void): this
    on(event: 'irc error', listener: (event: { error: string; reason?: string }) => void): this
    once(event: string, listener: (...args: unknown[]) => void): this
  }
}
