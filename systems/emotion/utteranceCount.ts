// How many utterances the voice makes of a sentence, to know which of its `AudioScheduled` reports
// starts which sentence. The voice's door does not export its text preparation (systems/voice
// text.ts `prepareSpeech`) and its events carry no sentence, so this mirrors its rules: what is
// sayable, runs of one script, pieces of at most `maxChunkChars`. tests/unit/emotion/utteranceCount.test.ts
// compares it with the voice's own function over mixed, long and emoji-only sentences, so a change
// there fails a test here. If it ever drifts anyway, a mood is shown late or early by a sentence,
// and the next reply starts in step again.

const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
const LATIN = /[A-Za-z\u00c0-\u024f]/
const SAYABLE = /[\p{L}\p{N}\s.,!?;:'"()%+\-–—…、，。！？；：“”‘’（）《》<>&/]/u
const CUT_AFTER = [/[.!?。！？…]/, /[,;:，；：、]/, /\s/]
const WORDY = /[\p{L}\p{N}]/u

/** The number of utterances the voice's `prepareSpeech(text, maxChunkChars)` gives (0: it says nothing). */
export function countUtterances(text: string, maxChunkChars: number): number {
  let cleaned = ''
  for (const ch of text) cleaned += SAYABLE.test(ch) ? ch : ' '
  cleaned = cleaned.replace(/\s+/g, ' ').trim()
  // Runs of one script; digits, spaces and punctuation stay with the run they follow.
  const runs: { script: number; text: string }[] = []
  for (const ch of cleaned) {
    const script = HAN.test(ch) ? 1 : LATIN.test(ch) ? 2 : 0
    const last = runs[runs.length - 1]
    if (last && (script === 0 || last.script === 0 || last.script === script)) {
      last.text += ch
      if (last.script === 0) last.script = script
    } else {
      runs.push({ script, text: ch })
    }
  }
  let count = 0
  for (const run of runs) {
    const t = run.text.trim()
    if (WORDY.test(t)) count += countChunks(t, maxChunkChars)
  }
  return count
}

function countChunks(text: string, maxChars: number): number {
  const chars = [...text]
  let start = 0, count = 0
  while (chars.length - start > maxChars) {
    let cut = -1
    for (const mark of CUT_AFTER) {
      for (let i = start + maxChars - 1; i >= start + Math.floor(maxChars / 3); i--) {
        if (mark.test(chars[i])) {
          cut = i + 1
          break
        }
      }
      if (cut > 0) break
    }
    if (cut < 0) cut = start + maxChars
    if (chars.slice(start, cut).join('').trim()) count++
    start = cut
  }
  if (chars.slice(start).join('').trim()) count++
  return count
}
