// Bilibili's command bodies (operation 5, JSON) → chat events. Every field is untrusted: a body of the
// wrong shape is reported as malformed, a command we do not use as ignored; nothing here throws.
import { ChatSource, GiftKind } from '../../../systems/broadcast/node.ts'
import { makeGift, type ChatEvent, type PlatformViewer } from '../chatAdapter.ts'

/** What one command body was. */
export type CommandResult = ChatEvent | 'ignored' | 'malformed'

/** `INTERACT_WORD`'s `msg_type`. */
const INTERACT: Record<number, 'enter' | 'follow' | 'share'> = { 1: 'enter', 2: 'follow', 3: 'share' }

/** Reads one command body. */
export function readCommand(body: Buffer): CommandResult {
  let json: unknown
  try {
    json = JSON.parse(body.toString('utf8'))
  } catch {
    return 'malformed'
  }
  if (!isRecord(json) || typeof json.cmd !== 'string') return 'malformed'
  // DANMU_MSG sometimes comes as `DANMU_MSG:4:0:2:2:2:0`: the suffix is a client version.
  switch (json.cmd.split(':')[0]) {
    case 'DANMU_MSG':
      return danmaku(json.info)
    case 'SEND_GIFT':
      return gift(json.data)
    case 'SUPER_CHAT_MESSAGE':
      return superChat(json.data)
    case 'INTERACT_WORD':
      return interact(json.data)
    default:
      return 'ignored'
  }
}

/** `info: [meta[], text, [uid, uname, …], …]`. */
function danmaku(info: unknown): CommandResult {
  if (!Array.isArray(info) || typeof info[1] !== 'string' || !Array.isArray(info[2])) return 'malformed'
  const viewer = viewerOf(info[2][0], info[2][1])
  if (!viewer) return 'malformed'
  return { kind: 'message', platform: ChatSource.bilibili, viewer, text: info[1] }
}

/** `data: {uid, uname, action, giftName, num, coin_type, total_coin}`; silver gifts are free, worth 0. */
function gift(data: unknown): CommandResult {
  if (!isRecord(data)) return 'malformed'
  const viewer = viewerOf(data.uid, data.uname)
  const value = data.coin_type === 'gold' ? data.total_coin : 0
  const made = makeGift(GiftKind.gift, data.giftName, data.num, value ?? 0, null)
  if (!viewer || !made || made.name === '') return 'malformed'
  const action = typeof data.action === 'string' && data.action.length <= 8 ? data.action : '投喂'
  return { kind: 'gift', platform: ChatSource.bilibili, viewer, text: `${action} ${made.name} ×${made.count}`, gift: made }
}

/** `data: {uid, message, price (¥), user_info: {uname}}`. */
function superChat(data: unknown): CommandResult {
  if (!isRecord(data) || !isRecord(data.user_info) || typeof data.message !== 'string') return 'malformed'
  const viewer = viewerOf(data.uid, data.user_info.uname)
  const made = makeGift(GiftKind.superChat, 'Super Chat', 1, data.price, 'CNY')
  if (!viewer || !made) return 'malformed'
  return { kind: 'gift', platform: ChatSource.bilibili, viewer, text: data.message, gift: made }
}

/** `data: {uid, uname, msg_type}`. */
function interact(data: unknown): CommandResult {
  if (!isRecord(data)) return 'malformed'
  const viewer = viewerOf(data.uid, data.uname)
  const action = typeof data.msg_type === 'number' ? INTERACT[data.msg_type] : undefined
  if (!viewer) return 'malformed'
  return action ? { kind: 'join', platform: ChatSource.bilibili, viewer, action } : 'ignored'
}

/** A viewer from a uid (a non-negative integer, as number or string) and a name string. */
function viewerOf(uid: unknown, name: unknown): PlatformViewer | null {
  const id = typeof uid === 'number' ? uid : typeof uid === 'string' && /^\d{1,20}$/.test(uid) ? Number(uid) : NaN
  if (!Number.isSafeInteger(id) || id < 0 || typeof name !== 'string') return null
  return { id: `${ChatSource.bilibili}:${id}`, name }
}

function isRecord(x: unknown): x is Record<string, unknown> {
  return typeof x === 'object' && x !== null && !Array.isArray(x)
}
