// The `lexicon` mood source: a small deterministic bilingual classifier over a sentence's words.
import {
  EN_CUES, EN_INTENSIFIERS, EN_NEGATORS, GESTURE_CUES, INTENSIFIER_GAIN, NEGATED, ZH_CUES, ZH_INTENSIFIERS, ZH_NEGATORS, type Cue,
} from './lexiconCues.ts'
import type { MoodReading, MoodSentence, MoodSource } from './moodSource.ts'
import type { EmotionPreset, Gesture } from './presets.ts'

/** Evidence up to this is no emotion (a lone "thanks" or "cool" is not a mood; with a "!" it is). */
export const MIN_SCORE = 0.6

/** What the classifier found in a sentence. */
export interface LexiconResult {
  /** The emotion with the most evidence, or null at or below `MIN_SCORE`. */
  readonly emotion: EmotionPreset | null
  /** 0.35..1, growing with the evidence (0 when `emotion` is null). */
  readonly intensity: number
  /** Evidence per emotion, for tests and tuning. */
  readonly scores: Readonly<Record<EmotionPreset, number>>
  /** The first gesture cue in the sentence, or null. */
  readonly gesture: Gesture | null
}

/** Ties go to the emotion earlier here: a sentence equally glad and surprised reads as surprised. */
const TIE_ORDER: readonly EmotionPreset[] = ['surprised', 'angry', 'sad', 'happy', 'relaxed']

const CLAUSE_END = /[,.!?;:，。！？；：、…~\n]/
const EN_WORD = /[a-z]+(?:'[a-z]+)*/g
/** English cues as word lists, longest first, so phrases ("not bad") are tried before their words. */
const EN_PHRASES = EN_CUES.map((cue) => ({ cue, words: cue[0].replace(/\?$/, '').split(' '), question: cue[0].endsWith('?') })).sort((a, b) => b.words.length - a.words.length)
/** Substring cues, longest first. */
const ZH_SORTED = [...ZH_CUES].sort((a, b) => b[0].length - a[0].length)
/** Multi-character intensifiers taken out of a window before looking for negators ("非常" is not "非"). */
const ZH_LONG_INTENSIFIERS = ZH_INTENSIFIERS.filter((w) => w.length > 1)

/**
 * Classifies one sentence: cue words add evidence for their emotion, an intensifier before a cue
 * raises it, a negator before it turns it (`NEGATED`: "not happy" / "不开心" is sad), "?!" adds
 * surprise, and each "!" / "！" (up to three) raises all evidence by 15 %.
 */
export function classifyMood(text: string): LexiconResult {
  const lower = text.toLowerCase().replace(/[’‘]/g, "'")
  const scores: Record<EmotionPreset, number> = { happy: 0, sad: 0, angry: 0, relaxed: 0, surprised: 0 }
  scoreEnglish(lower, scores)
  scoreSubstrings(lower, scores)
  if (/[?？][!！]|[!！][?？]/.test(lower)) scores.surprised += 1.2
  const bangs = Math.min(3, (lower.match(/[!！]/g) ?? []).length)
  let best: EmotionPreset | null = null
  for (const e of TIE_ORDER) {
    scores[e] *= 1 + 0.15 * bangs
    if (scores[e] > MIN_SCORE && (best === null || scores[e] > scores[best])) best = e
  }
  const intensity = best === null ? 0 : Math.min(1, 0.35 + 0.3 * scores[best])
  return { emotion: best, intensity, scores, gesture: firstGesture(lower) }
}

/** Adds a cue's evidence, or its negated form's. */
function add(scores: Record<EmotionPreset, number>, cue: Cue, negated: boolean, intensified: boolean): void {
  const gain = intensified ? INTENSIFIER_GAIN : 1
  if (!negated) {
    scores[cue[1]] += cue[2] * gain
    return
  }
  const turned = NEGATED[cue[1]]
  if (turned) scores[turned[0]] += cue[2] * turned[1] * gain
}

function scoreEnglish(lower: string, scores: Record<EmotionPreset, number>): void {
  const words: { text: string; at: number; end: number; clause: number; used: boolean }[] = []
  let clause = 0, last = 0
  for (const m of lower.matchAll(EN_WORD)) {
    if (CLAUSE_END.test(lower.slice(last, m.index))) clause++
    words.push({ text: m[0], at: m.index, end: m.index + m[0].length, clause, used: false })
    last = m.index + m[0].length
  }
  for (let i = 0; i < words.length; i++) {
    const phrase = EN_PHRASES.find(({ words: w, question }) =>
      w.every((word, k) => words[i + k]?.text === word && words[i + k].clause === words[i].clause) &&
      (!question || lower[words[i + w.length - 1].end] === '?'))
    if (!phrase) continue
    const n = phrase.words.length
    let negated = false, intensified = false
    for (let k = i - 1; k >= Math.max(0, i - 3) && words[k].clause === words[i].clause && !words[k].used; k--) {
      if (EN_NEGATORS.has(words[k].text)) negated = true
      if (k >= i - 2 && EN_INTENSIFIERS.has(words[k].text)) intensified = true
    }
    add(scores, phrase.cue, negated, intensified)
    for (let k = i; k < i + n; k++) words[k].used = true
    i += n - 1
  }
}

function scoreSubstrings(lower: string, scores: Record<EmotionPreset, number>): void {
  let lastEnd = 0
  for (let i = 0; i < lower.length; ) {
    const cue = ZH_SORTED.find(([t]) => lower.startsWith(t, i))
    if (!cue) {
      i++
      continue
    }
    // The few characters before the cue, back to the previous cue or clause break.
    let window = lower.slice(Math.max(lastEnd, i - 4), i)
    const brk = Math.max(...[...window].map((c, k) => (CLAUSE_END.test(c) ? k + 1 : 0)), 0)
    window = window.slice(brk)
    const intensified = ZH_INTENSIFIERS.some((w) => window.slice(-2 - (w.length - 1)).includes(w))
    let bare = window
    for (const w of ZH_LONG_INTENSIFIERS) bare = bare.replaceAll(w, '')
    const negated = ZH_NEGATORS.some((n) => bare.includes(n))
    add(scores, cue, negated, intensified)
    i += cue[0].length
    lastEnd = i
  }
}

function firstGesture(lower: string): Gesture | null {
  let best: Gesture | null = null, bestAt = Infinity
  for (const [cue, gesture] of GESTURE_CUES) {
    const latin = /^[a-z]/.test(cue)
    for (let at = lower.indexOf(cue); at >= 0 && at < bestAt; at = lower.indexOf(cue, at + 1)) {
      // A Latin cue must start a word ("bye" is not the end of "goodbye"); a short one must be a whole word ("hi" is not "his").
      if (latin && (/[a-z]/.test(lower[at - 1] ?? '') || (cue.length <= 3 && /[a-z]/.test(lower[at + cue.length] ?? '')))) continue
      best = gesture
      bestAt = at
      break
    }
  }
  return best
}

/** The `lexicon` mood source over `classifyMood`; it suggests gestures while `options.lexiconGestures` is true (read on each sentence). */
export function createLexiconSource(options: { readonly lexiconGestures: boolean }): MoodSource {
  return {
    name: 'lexicon',
    read(sentence: MoodSentence): MoodReading | null {
      const r = classifyMood(sentence.text)
      const gesture = options.lexiconGestures ? r.gesture : null
      return r.emotion === null && gesture === null ? null : { emotion: r.emotion, intensity: r.intensity, gesture }
    },
  }
}
