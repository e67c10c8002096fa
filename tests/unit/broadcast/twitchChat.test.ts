// The Twitch chat adapter against a real IRC server (ngircd): a viewer's PRIVMSG in the channel
// becomes a moderated chat line for the host; other channels and private messages are ignored.
// ngircd does not send IRCv3 tags, so bits (Twitch's `bits` tag) and display names are tested against
// twitchIrc.ts, a minimal Twitch-flavoured server, as is the reconnect after a dropped connection.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { Client } from 'irc-framework'
import { startBroadcastServer, type BroadcastServer } from '../../../server/broadcast/broadcastServer.ts'
import { generateToken } from '../../../server/broadcast/controlAuth.ts'
import { TwitchChat, connectTwitchChat } from '../../../server/broadcast/twitchChat.ts'
import type { ChatEvent } from '../../../server/broadcast/chatAdapter.ts'
import type { ChatPlatformStatus } from '../../../systems/broadcast/node.ts'
import type { IncomingChat } from '../../../systems/broadcast/node.ts'
import { startIrcServer, type IrcServer } from './ngircd.ts'
import { connect } from './serverClient.ts'
import { startTwitchIrc } from './twitchIrc.ts'

const TOKEN = generateToken()
let irc: IrcServer
let server: BroadcastServer

beforeAll(async () => {
  irc = await startIrcServer()
  server = await startBroadcastServer({ port: 0, token: TOKEN, log: () => {} })
}, 20_000)

afterAll(async () => {
  await server?.close()
  await irc?.close()
})

/** A plain IRC user that joins `#channel` and can talk. */
async function viewer(nick: string, channel: string): Promise<Client> {
  const port = Number(new URL(irc.url).port)
  const client = new Client()
  await new Promise<void>((resolve) => {
    client.on('join', (e) => e.nick === nick && resolve())
    client.on('registered', () => client.join(channel))
    client.connect({ host: '127.0.0.1', port, nick, username: nick })
  })
  return client
}

describe('Twitch chat adapter (IRC)', () => {
  it('turns channel messages into moderated chat for the host, and ignores other targets', async () => {
    const got: IncomingChat[] = []
    const studio = await connect(server.url, '/control', TOKEN)
    const twitch: TwitchChat = await connectTwitchChat({
      url: irc.url,
      channel: 'GenAnchor',
      onMessage: (m) => {
        got.push(m)
        server.chatIn(m)
      },
    })
    const amy = await viewer('amy', '#genanchor')
    const other = await viewer('bob', '#elsewhere')
    try {
      amy.say('#genanchor', '小星 你好\u200b\u202e!')
      other.say('#elsewhere', 'not for the host')
      amy.say('#genanchor', '<script>alert(1)</script>')
      const first = await studio.next('chat', 5000)
      const second = await studio.next('chat', 5000)
      expect(first).toMatchObject({ viewer: 'amy', text: '小星 你好!', source: 'twitch' })
      expect(second).toMatchObject({ viewer: 'amy', text: '<script>alert(1)</script>' })
      expect(got.map((m) => m.text)).toEqual(['小星 你好\u200b\u202e!', '<script>alert(1)</script>'])
      expect(got.every((m) => m.source === 'twitch' && m.bits === 0)).toBe(true)
    } finally {
      amy.quit()
      other.quit()
      twitch.close()
      studio.ws.close()
    }
  }, 30_000)

  it('reads bits as a gift and the display-name tag, and rejoins with backoff after a dropped connection', async () => {
    const tmi = await startTwitchIrc()
    const events: ChatEvent[] = []
    const states: ChatPlatformStatus[] = []
    const twitch = new TwitchChat({ url: tmi.url, channel: '#GenAnchor', backoff: { firstMs: 100, maxMs: 400 } })
    const live = (n: number) => new Promise<void>((resolve) => { const t = setInterval(() => states.filter((s) => s.state === 'live').length >= n && (clearInterval(t), resolve()), 10) })
    twitch.start({ event: (e) => events.push(e), state: (s) => states.push(s) })
    try {
      await live(1)
      tmi.say('#genanchor', 'amy_01', 'cheer250 hi', { bits: '250', 'display-name': 'Amy' })
      tmi.say('#genanchor', 'bob', 'no bits', { bits: 'lots' })
      await new Promise((r) => setTimeout(r, 200))
      expect(events).toEqual([
        { kind: 'gift', platform: 'twitch', viewer: { id: 'twitch:amy_01', name: 'Amy' }, text: 'cheer250 hi', gift: { kind: 'bits', name: 'bits', count: 1, value: 250, currency: null } },
        { kind: 'message', platform: 'twitch', viewer: { id: 'twitch:bob', name: 'bob' }, text: 'no bits' },
      ])
      for (const socket of tmi.joined.get('#genanchor')!) socket.destroy()
      await live(2)
      expect(states.map((s) => s.state)).toEqual(['connecting', 'live', 'reconnecting', 'live'])
      expect(states[2].detail).toBe('the IRC connection dropped; retrying in 1 s.')
      expect(twitch.status().reconnects).toBe(1)
      tmi.say('#genanchor', 'amy_01', 'back again', {})
      await new Promise((r) => setTimeout(r, 200))
      expect(events.at(-1)).toMatchObject({ text: 'back again' })
    } finally {
      await twitch.close()
      await tmi.close()
    }
    expect(states.at(-1)!.state).toBe('live')
  }, 15_000)

  it('rejects a bad address before connecting', () => {
    expect(() => connectTwitchChat({ url: 'http://example.com', channel: 'x', onMessage() {} })).toThrow(/irc:\/\/ or ircs:\/\//)
  })
})
