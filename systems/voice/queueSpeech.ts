// update stage: the dialogue's replies and direct requests become utterances; a new reply or an
// interruption cuts what is playing (barge-in).
import type { World } from '../../engine/index.ts'
import { InterruptReply, ReplyDone, ReplySentence, ReplyStarted } from '../dialogue/index.ts'
import { SpeakText, StopSpeech } from './events.ts'
import { VoiceSettings } from './settings.ts'
import { Speech } from './speech.ts'

/** Makes the system that feeds the speech queue from dialogue events, `SpeakText` and `StopSpeech`. */
export function createQueueSpeech(world: World): (world: World) => void {
  const started = world.reader(ReplyStarted)
  const sentences = world.reader(ReplySentence)
  const done = world.reader(ReplyDone)
  const interrupts = world.reader(InterruptReply)
  const texts = world.reader(SpeakText)
  const stops = world.reader(StopSpeech)
  return function queueSpeech(w: World): void {
    const speech = w.resource(Speech)
    const settings = w.resource(VoiceSettings)
    for (const s of stops.read()) speech.stop(w, s.reason)
    for (const i of interrupts.read()) speech.stop(w, `interrupted: ${i.reason}`)
    for (const s of started.read()) {
      speech.stop(w, 'new reply')
      speech.replyId = s.replyId
    }
    for (const s of sentences.read()) {
      if (settings.speakReplies && s.replyId === speech.replyId) speech.say(s.text, s.replyId)
    }
    for (const d of done.read()) {
      if (d.reason === 'cancelled' && d.replyId === speech.replyId) speech.stop(w, 'reply cancelled')
    }
    for (const t of texts.read()) speech.say(t.text)
  }
}
