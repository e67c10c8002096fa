// Text preparation for speech: what the voice can say, which language each part is in, and pieces
// short enough to synthesise quickly and to interrupt between.

/** Languages the shipped voices speak. */
export const SpeechLang = { zh: 'zh', en: 'en' } as const
/** One of `SpeechLang`. */
export type SpeechLang = (typeof SpeechLang)[keyof typeof SpeechLang]

/** A run of text in one language. */
export interface LangRun {
  readonly lang: SpeechLang
  readonly text: string
}

/** Han ideographs (CJK Unified, Extension A, Compatibility). */
const HAN = /[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]/
/** Latin letters, with accents. */
const LATIN = /[A-Za-z\u00c0-\u024f]/
/**
 * What a voice can say or use for phrasing: letters and digits of any script, spaces, and the
 * punctuation that shapes intonation, `/`, and `<`, `>`, `&` (markup-like text is escaped and read out,
 * never interpreted). Everything else (emoji, symbols, control characters) is dropped.
 */
const SAYABLE = /[\p{L}\p{N}\s.,!?;:'"()%+\-–—…、，。！？；：“”‘’（）《》<>&/]/u

/**
 * Keeps only what a voice can say: emoji, pictographs, symbols and control characters are removed
 * (an emoji between two words leaves one space), and whitespace is collapsed. May return ''.
 */
export function cleanForSpeech(text: string): string {
  let out = ''
  for (const ch of text) out += SAYABLE.test(ch) ? ch : ' '
  return out.replace(/\s+/g, ' ').trim()
}

/**
 * Escapes the characters espeak-ng reads as SSML markup, so `<b>` or `&amp;` in a chat reply is
 * spoken as text and never interpreted.
 */
export function escapeForEspeak(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
}

/** The language a character marks, or null for neutral ones (digits, spaces, punctuation). */
function langOf(ch: string): SpeechLang | null {
  if (HAN.test(ch)) return SpeechLang.zh
  if (LATIN.test(ch)) return SpeechLang.en
  return null
}

/**
 * Splits mixed text into runs of one script each: Han characters are Chinese, Latin letters English.
 * Neutral characters (digits, punctuation, spaces) stay with the run they follow, so "3 个" is read
 * in Chinese and "GPT-2 模型" gives "GPT-2 " in English; leading ones join the first run.
 * Text without letters is spoken with `fallback`. Runs with nothing to say are dropped.
 */
export function splitByLanguage(text: string, fallback: SpeechLang = SpeechLang.zh): LangRun[] {
  const runs: { lang: SpeechLang | null; text: string }[] = []
  for (const ch of text) {
    const lang = langOf(ch)
    const last = runs[runs.length - 1]
    if (last && (lang === null || last.lang === null || last.lang === lang)) {
      last.text += ch
      last.lang ??= lang
    } else {
      runs.push({ lang, text: ch })
    }
  }
  return runs
    .map((r) => ({ lang: r.lang ?? fallback, text: r.text.trim() }))
    .filter((r) => /[\p{L}\p{N}]/u.test(r.text))
}

/** Sentence ends, then clause breaks, then spaces: the preferred places to cut, best first. */
const CUT_AFTER = [/[.!?。！？…]/, /[,;:，；：、]/, /\s/]

/**
 * Cuts text into pieces of at most `maxChars` characters, at a sentence end where one is in reach,
 * else at a clause break, a space, or (CJK text without any) after `maxChars` characters. Each piece
 * takes well under 100 ms to synthesise, so an interruption never waits for a long one.
 */
export function chunkText(text: string, maxChars: number): string[] {
  if (maxChars < 1) throw new RangeError(`chunkText: maxChars must be at least 1, got ${maxChars}`)
  const chars = [...text]
  const pieces: string[] = []
  let start = 0
  while (chars.length - start > maxChars) {
    let cut = -1
    for (const mark of CUT_AFTER) {
      // The last mark inside the window, but not in its first third (pieces stay reasonably long).
      for (let i = start + maxChars - 1; i >= start + Math.floor(maxChars / 3); i--) {
        if (mark.test(chars[i])) {
          cut = i + 1
          break
        }
      }
      if (cut > 0) break
    }
    if (cut < 0) cut = start + maxChars
    pieces.push(chars.slice(start, cut).join('').trim())
    start = cut
  }
  pieces.push(chars.slice(start).join('').trim())
  return pieces.filter((p) => p.length > 0)
}

/** A piece of a reply ready for a voice: its language and text. */
export interface SpeechPiece extends LangRun {}

/**
 * Everything a sentence becomes before synthesis: cleaned, split by language, and chunked to
 * `maxChars`. Returns [] for text with nothing to say (empty, only emoji or punctuation).
 */
export function prepareSpeech(text: string, maxChars: number, fallback: SpeechLang = SpeechLang.zh): SpeechPiece[] {
  const pieces: SpeechPiece[] = []
  for (const run of splitByLanguage(cleanForSpeech(text), fallback)) {
    for (const piece of chunkText(run.text, maxChars)) pieces.push({ lang: run.lang, text: piece })
  }
  return pieces
}
