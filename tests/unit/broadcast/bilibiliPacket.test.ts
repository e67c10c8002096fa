// The Bilibili codec against byte fixtures from the protocol description, compressed both ways;
// malformed packets are counted, never thrown; command bodies become typed chat events.
import { brotliCompressSync, deflateSync } from 'node:zlib'
import { describe, expect, it } from 'vitest'
import { readCommand } from '../../../server/broadcast/bilibili/commands.ts'
import { readDanmuInfo } from '../../../server/broadcast/bilibili/bilibiliChat.ts'
import { BodyVersion, Operation, authPacket, decodePackets, encodePacket, heartbeatPacket } from '../../../server/broadcast/bilibili/packet.ts'
import { AUTH, AUTH_REPLY_OK, DANMU, DANMU_BODY, HEARTBEAT, HEARTBEAT_REPLY, hex } from './fixtures/bilibiliPackets.ts'
import { danmu, frame, interact, sendGift, superChat } from './bilibiliServer.ts'

describe('Bilibili packets', () => {
  it('writes the heartbeat and the auth packet byte for byte as the web client does', () => {
    expect(heartbeatPacket().equals(HEARTBEAT)).toBe(true)
    expect(authPacket({ uid: 0, roomid: 21452505, protover: 3, platform: 'web', type: 2, key: 'k' }).equals(AUTH)).toBe(true)
    expect(encodePacket(Operation.authReply, '{"code":0}', BodyVersion.plain).equals(AUTH_REPLY_OK)).toBe(true)
  })

  it('reads the auth reply, the popularity reply and a plain command packet', () => {
    const { packets, malformed } = decodePackets(Buffer.concat([AUTH_REPLY_OK, HEARTBEAT_REPLY, DANMU]))
    expect(malformed).toBe(0)
    expect(packets.map((p) => [p.operation, p.version])).toEqual([[8, 1], [3, 1], [5, 0]])
    expect(packets[0].body.toString()).toBe('{"code":0}')
    expect(packets[1].body.readUInt32BE(0)).toBe(1234)
    expect(packets[2].body.toString()).toBe(DANMU_BODY)
  })

  it('unpacks several packets from a zlib body and from a brotli body', () => {
    const inner = Buffer.concat([DANMU, DANMU, frame(5, 0, '{"cmd":"ONLINE_RANK_COUNT","data":{"count":3}}')])
    for (const [version, body] of [[2, deflateSync(inner)], [3, brotliCompressSync(inner)]] as const) {
      const { packets, malformed } = decodePackets(frame(5, version, body))
      expect(malformed).toBe(0)
      expect(packets.map((p) => p.body.toString())).toEqual([DANMU_BODY, DANMU_BODY, '{"cmd":"ONLINE_RANK_COUNT","data":{"count":3}}'])
    }
  })

  it('counts a truncated packet, a wrong header length, a bad compressed body and an unknown version, keeping the good packets before them', () => {
    expect(decodePackets(Buffer.concat([DANMU, DANMU.subarray(0, 20)]))).toMatchObject({ malformed: 1, packets: [{ operation: 5 }] })
    expect(decodePackets(hex('0000001a 0012 0001 00000008 00000001 7b22636f6465223a307d')).malformed).toBe(1)
    expect(decodePackets(Buffer.concat([frame(5, 2, Buffer.from('not zlib')), DANMU]))).toMatchObject({ malformed: 1, packets: [{ operation: 5 }] })
    expect(decodePackets(Buffer.concat([frame(5, 3, Buffer.from('not brotli')), DANMU])).malformed).toBe(1)
    expect(decodePackets(frame(5, 9, '{}')).malformed).toBe(1)
    expect(decodePackets(Buffer.alloc(7)).malformed).toBe(1)
  })

  it('refuses a compression bomb and nesting deeper than the server uses', () => {
    expect(decodePackets(frame(5, 2, deflateSync(Buffer.alloc(64 * 1024 * 1024))))).toEqual({ packets: [], malformed: 1 })
    const nested = frame(5, 2, deflateSync(frame(5, 2, deflateSync(frame(5, 2, deflateSync(DANMU))))))
    expect(decodePackets(nested)).toEqual({ packets: [], malformed: 1 })
  })

  it('never throws on random bytes', () => {
    let seed = 7
    const rand = () => ((seed = (seed * 1103515245 + 12345) >>> 0) / 2 ** 32)
    for (let i = 0; i < 3000; i++) {
      const bytes = Buffer.from(Array.from({ length: Math.floor(rand() * 80) }, () => Math.floor(rand() * 256)))
      // Half of them get a plausible header so the body paths run too.
      if (i % 2 === 0 && bytes.length >= 16) bytes.writeUInt32BE(bytes.length, 0), bytes.writeUInt16BE(16, 4), bytes.writeUInt16BE(i % 4, 6)
      const { packets, malformed } = decodePackets(bytes)
      expect(packets.length + malformed).toBeGreaterThanOrEqual(bytes.length === 0 ? 0 : 1)
    }
  })
})

describe('Bilibili commands', () => {
  const body = (x: object | string) => Buffer.from(typeof x === 'string' ? x : JSON.stringify(x))

  it('reads DANMU_MSG (with or without the version suffix) as a message from a uid-qualified viewer', () => {
    expect(readCommand(body(danmu(42, '阿米', '小星 你好')))).toEqual({ kind: 'message', platform: 'bilibili', viewer: { id: 'bilibili:42', name: '阿米' }, text: '小星 你好' })
    expect(readCommand(body({ ...danmu(42, 'a', 'x'), cmd: 'DANMU_MSG:4:0:2:2:2:0' }))).toMatchObject({ kind: 'message', text: 'x' })
  })

  it('reads SEND_GIFT as a gift worth its gold coins (silver gifts are free) with a line the host can thank for', () => {
    expect(readCommand(body(sendGift(7, 'bo', '辣条', 3, 300)))).toEqual({
      kind: 'gift', platform: 'bilibili', viewer: { id: 'bilibili:7', name: 'bo' }, text: '投喂 辣条 ×3',
      gift: { kind: 'gift', name: '辣条', count: 3, value: 300, currency: null },
    })
    expect(readCommand(body(sendGift(7, 'bo', '小心心', 1, 5000, 'silver')))).toMatchObject({ gift: { value: 0 } })
    // The gift's name travels beside the moderated text, so it is cleaned and cut too.
    expect(readCommand(body(sendGift(7, 'bo', '\u202e辣条\u200b' + 'x'.repeat(100), 1, 100)))).toMatchObject({ gift: { name: '辣条' + 'x'.repeat(58) } })
  })

  it('reads SUPER_CHAT_MESSAGE as a super chat in yuan, and INTERACT_WORD as a join', () => {
    expect(readCommand(body(superChat(9, 'cy', '唱首歌吧', 30)))).toMatchObject({ kind: 'gift', text: '唱首歌吧', viewer: { id: 'bilibili:9' }, gift: { kind: 'super_chat', value: 30, currency: 'CNY' } })
    expect(readCommand(body(interact(9, 'cy', 2)))).toEqual({ kind: 'join', platform: 'bilibili', viewer: { id: 'bilibili:9', name: 'cy' }, action: 'follow' })
  })

  it('reports wrong shapes as malformed and other commands as ignored', () => {
    for (const bad of ['{', '[]', '{"info":[]}', { cmd: 'DANMU_MSG', info: [[], 5, [1, 'a']] }, { cmd: 'DANMU_MSG', info: [[], 'x', [-1, 'a']] },
      { cmd: 'DANMU_MSG', info: [[], 'x', ['1e99', 'a']] }, { cmd: 'SEND_GIFT', data: { uid: 1, uname: 'a', giftName: 'x', num: -2 } },
      { cmd: 'SEND_GIFT', data: { uid: 1, uname: 'a', giftName: 'x', num: 1, coin_type: 'gold', total_coin: 'NaN' } }, { cmd: 'SUPER_CHAT_MESSAGE', data: { uid: 1, message: 'x', price: 5 } },
      { cmd: 'INTERACT_WORD', data: 'x' }]) {
      expect(readCommand(body(bad))).toBe('malformed')
    }
    expect(readCommand(body({ cmd: 'ONLINE_RANK_COUNT', data: { count: 1 } }))).toBe('ignored')
    expect(readCommand(body(interact(1, 'a', 99)))).toBe('ignored')
  })

  it('reads getDanmuInfo into a token and the first wss:// server, refusing error codes and odd host names', () => {
    expect(readDanmuInfo({ code: 0, data: { token: 't', host_list: [{ host: 'a/b', wss_port: 1 }, { host: 'hw-bj-live-comet-01.chat.bilibili.com', wss_port: 443 }] } }))
      .toEqual({ token: 't', url: 'wss://hw-bj-live-comet-01.chat.bilibili.com:443/sub' })
    expect(readDanmuInfo({ code: -352, message: '-352', data: {} })).toBeNull()
    expect(readDanmuInfo('<html>')).toBeNull()
  })
})
