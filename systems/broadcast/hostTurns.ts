// update stage: the host takes the next message (or an idle topic) when it is free, and tallies how each reply ended.
import { Time, type World } from '../../engine/index.ts'
import { DialogueSettings, DialogueStatus, DialogueStatusChanged, ReplyDone, ReplyStarted, ViewerMessage } from '../dialogue/index.ts'
import { HostAnswering } from './events.ts'
import { BroadcastHost } from './host.ts'
import { idlePrompt, topicsFromPersona } from './topics.ts'

/**
 * Makes the system; readers are created once, here. The dialogue is followed through its events
 * (status, replies started and done), made before or after this plugin is built.
 */
export function createHostTurns(world: World): (world: World) => void {
  const statuses = world.reader(DialogueStatusChanged)
  const started = world.reader(ReplyStarted)
  const done = world.reader(ReplyDone)
  let modelReady = false
  /** The reply being written, whoever asked for it (a viewer through the host, or the studio's own chat). */
  let replyInFlight: number | null = null
  let personaTopics: { persona: string; topics: string[] } = { persona: '', topics: [] }

  return function hostTurns(w: World): void {
    const host = w.resource(BroadcastHost)
    const nowMs = w.resource(Time).elapsedMs
    for (const s of statuses.read()) modelReady = s.status === DialogueStatus.ready
    followReplies(w, host, nowMs)
    host.queue.expire(nowMs)
    if (host.turn || !modelReady) return
    if (replyInFlight !== null || host.busyChecks.some((busy) => busy(w))) {
      // Still talking (a reply from the studio's own chat, or the voice still speaking one): the
      // quiet that idle talk waits for starts when it ends, so a Stop is not answered by new talk.
      host.lastActivityMs = nowMs
      return
    }
    const message = host.queue.take()
    if (message) {
      host.turn = { message, topic: null, replyId: null, atMs: nowMs }
      host.lastActivityMs = nowMs
      w.send(ViewerMessage, { viewer: message.viewer, text: message.text })
      w.send(HostAnswering, { message, topic: null })
      return
    }
    if (nowMs - host.lastActivityMs < host.settings.idleAfterMs) return
    const persona = w.resource(DialogueSettings).persona
    if (personaTopics.persona !== persona) personaTopics = { persona, topics: topicsFromPersona(persona) }
    const topic = host.takeTopic(personaTopics.topics)
    host.turn = { message: null, topic, replyId: null, atMs: nowMs }
    host.lastActivityMs = nowMs
    host.tally.idleTalks++
    w.send(ViewerMessage, { viewer: '', text: idlePrompt(topic) })
    w.send(HostAnswering, { message: null, topic })
  }

  /** Binds the turn to its reply id, and closes it when that reply ends. */
  function followReplies(w: World, host: BroadcastHost, nowMs: number): void {
    for (const s of started.read()) {
      replyInFlight = s.replyId
      if (host.turn && host.turn.replyId === null) host.turn.replyId = s.replyId
    }
    for (const d of done.read()) {
      if (replyInFlight === d.replyId) replyInFlight = null
      if (host.turn && host.turn.replyId === d.replyId) endTurn(w, host, d.reason, nowMs)
    }
    const turn = host.turn
    if (turn && turn.replyId === null && nowMs - turn.atMs > host.settings.startTimeoutMs) endTurn(w, host, 'error', nowMs)
  }
}

/** Closes the host's turn, counting how its message's reply ended. */
function endTurn(w: World, host: BroadcastHost, reason: string, nowMs: number): void {
  if (host.turn?.message) {
    if (reason === 'error') host.tally.failed++
    else if (reason === 'cancelled') host.tally.cancelled++
    else host.tally.answered++
  }
  host.turn = null
  host.lastActivityMs = nowMs
  w.send(HostAnswering, { message: null, topic: null })
}
