// What every backend's reply passes through before it is shown or spoken: blocked words masked,
// chat-turn markers, stage tags and control characters removed, the length capped. Works on a stream.
import type { ReplyTag } from './events.ts'
import type { ReplyFilterSettings } from './settings.ts'

/** Chat-turn markers a model may echo (`<|end|>`, `<|im_start|>`…) and control characters other than line breaks. */
const NOT_SPOKEN = /<\|[^|<>\s]{0,24}\|>|[\u0000-\u0009\u000b-\u001f\u007f]/g

/** The start of a marker at the end of streamed text (`<`, `<|`, `<|us`, `<|user|`): held back until it is settled. */
const MARKER_START = /<(\|[^|<>\s]{0,24}\|?)?$/

const LATIN_LETTER = /[a-z0-9]/i

/**
 * A stage tag a model may write for whoever listens (systems/emotion): `[happy]`, `[emotion:sad]`,
 * `[gesture = wave]`, `<happy>`, `</happy>`, `<gesture:nod/>`. An optional key, then a name of ASCII
 * letters starting with one (so `[1]`, `[开心]`, `<3` and `a < b` stay text); an angle tag never follows a
 * Latin letter or digit (so `a<b` shows at once, not held as a possible `<b>`). The dialogue gives tags
 * no meaning: it removes every one, so none is shown or spoken, and hands them on.
 */
const STAGE_TAG = /\[ ?(?:([a-z][a-z_-]{0,15}) ?[:=] ?)?([a-z][a-z_-]{0,23}) ?\]|(?<![a-z0-9])<\/?(?:([a-z][a-z_-]{0,15}) ?[:=] ?)?([a-z][a-z_-]{0,23}) ?\/?>/gi

/** The start of a stage tag at the end of streamed text (`[`, `[emo`, `[emotion: ha`, `</hap`): held back until settled. */
const TAG_START = /(?:\[ ?(?:[a-z][a-z_-]{0,15} ?(?:[:=] ?)?)?(?:[a-z][a-z_-]{0,23} ?)?|(?<![a-z0-9])<\/?(?:[a-z][a-z_-]{0,15} ?(?:[:=] ?)?)?(?:[a-z][a-z_-]{0,23} ?\/?)?)$/i

/** Tags kept per reply: a model (or a server) looping on tags cannot grow memory; later ones are still removed. */
export const MAX_TAGS_PER_REPLY = 64

/** A stage tag removed from the reply, and where: `at` is an offset into the text the same `push` or `flush` returned. */
export interface RemovedTag extends ReplyTag {
  readonly at: number
}

/** Shared by every push that removed no tag, so a token costs no allocation for tags. */
const NO_TAGS: RemovedTag[] = []

/**
 * Filters a reply as it streams: `push(piece)` returns the text that is safe to show now, holding
 * back a tail that could still become a blocked word or a marker; `flush()` returns the rest. Blocked
 * words are masked with one `*` per character; a word of Latin letters is blocked only as a whole word
 * ("shit" but not "shitake"). After `maxReplyChars` characters `capped` is set and nothing more passes.
 */
export class ReplyFilter {
  private pending = ''
  /** The last character let through: whether a word at the start of `pending` is a whole word depends on it. */
  private previous = ''
  private shown = 0
  private readonly words: string[]
  private readonly longestWord: number
  /** Whether the reply reached `maxReplyChars` (its generation should stop). */
  capped = false
  /** Tags removed by the latest `push` or `flush`, positioned in the text it returned (see `takeTags`). */
  private tags: RemovedTag[] = NO_TAGS
  private tagsKept = 0
  /** Tags removed and not kept, past `MAX_TAGS_PER_REPLY`. */
  tagsDropped = 0

  constructor(private readonly settings: ReplyFilterSettings) {
    this.words = [...new Set(settings.blocklist.map((w) => w.trim().toLowerCase()).filter(Boolean))].sort((a, b) => b.length - a.length)
    this.longestWord = this.words.reduce((n, w) => Math.max(n, [...w].length), 0)
  }

  /** Adds streamed text; returns what can be shown now (possibly empty). */
  push(piece: string): string {
    this.tags = NO_TAGS
    if (this.capped) return ''
    this.pending = this.mask(this.pending + piece, false)
    const hold = this.unsettledTail(this.pending)
    const ready = this.pending.slice(0, this.pending.length - hold)
    this.pending = this.pending.slice(ready.length)
    return this.placeTags(this.cap(ready))
  }

  /** The held-back rest, filtered, once the reply has ended; an unfinished marker or tag at its end is dropped. */
  flush(): string {
    this.tags = NO_TAGS
    if (this.capped) return ''
    let rest = this.mask(this.pending, true).replace(/<\|[^|]*$/, '')
    this.pending = ''
    // A tag the model began and never closed ("[hap") is dropped; a lone "[" or "<" is text.
    const partial = TAG_START.exec(rest)?.[0] ?? ''
    if (/[a-z]/i.test(partial)) rest = rest.slice(0, rest.length - partial.length)
    return this.placeTags(this.cap(rest))
  }

  /**
   * The stage tags the latest `push` or `flush` removed, in order, each with its offset into the
   * text that call returned (a tag in held-back text is placed at the end of what was shown).
   */
  takeTags(): readonly RemovedTag[] {
    const tags = this.tags
    this.tags = NO_TAGS
    return tags
  }

  /** Keeps the tags found by the latest `mask` that fall within `shown` (clamped to its end). */
  private placeTags(shown: string): string {
    if (this.tags.length > 0) this.tags = this.tags.map((t) => (t.at > shown.length ? { ...t, at: shown.length } : t))
    return shown
  }

  /** Removes markers and stage tags (recording the tags) and masks blocked words; unless `final`, a Latin word touching the end is left for `unsettledTail` to hold. */
  private mask(text: string, final: boolean): string {
    let removed = 0
    const out = text.replace(NOT_SPOKEN, '').replace(STAGE_TAG, (tag: string, k1?: string, n1?: string, k2?: string, n2?: string, at?: number) => {
      const closing = tag.startsWith('</')
      if (!closing && this.tagsKept < MAX_TAGS_PER_REPLY) {
        this.tagsKept++
        if (this.tags === NO_TAGS) this.tags = []
        this.tags.push({ key: (k1 ?? k2)?.toLowerCase() ?? null, name: (n1 ?? n2)!.toLowerCase(), at: at! - removed })
      } else if (!closing) this.tagsDropped++
      removed += tag.length
      return ''
    })
    if (this.words.length === 0) return out
    // Case-insensitive search on a lower-cased copy; a copy whose length changed (rare letters) is searched as is.
    const lower = out.toLowerCase().length === out.length ? out.toLowerCase() : out
    const masked = new Uint8Array(out.length)
    for (const word of this.words) {
      const latin = LATIN_LETTER.test(word[0])
      for (let at = lower.indexOf(word); at >= 0; at = lower.indexOf(word, at + 1)) {
        const end = at + word.length
        const before = at > 0 ? lower[at - 1] : this.previous
        if (latin && (LATIN_LETTER.test(before) || LATIN_LETTER.test(lower[end] ?? '') || (end === out.length && !final))) continue
        masked.fill(1, at, end)
      }
    }
    let result = ''
    for (let i = 0; i < out.length; i++) {
      // A masked surrogate pair becomes one star.
      if (masked[i]) result += (out.charCodeAt(i) & 0xfc00) === 0xdc00 ? '' : '*'
      else result += out[i]
    }
    return result
  }

  /**
   * Characters at the end that must wait for the next piece: the start of a blocked word or of a
   * marker, or a whole Latin blocked word that a following letter may still turn into another word.
   */
  private unsettledTail(text: string): number {
    const lower = text.toLowerCase()
    const hold = Math.max(MARKER_START.exec(lower)?.[0].length ?? 0, TAG_START.exec(lower)?.[0].length ?? 0)
    const span = Math.min(lower.length, this.longestWord + 1)
    for (let n = span; n > hold; n--) {
      const tail = lower.slice(lower.length - n)
      // A Latin word only counts where a word starts ("par" does not hold back its "r" for "retard").
      const wordStart = !LATIN_LETTER.test(n < lower.length ? lower[lower.length - n - 1] : this.previous)
      if (this.words.some((w) => (LATIN_LETTER.test(w[0]) ? wordStart && w.startsWith(tail) : w.startsWith(tail)))) return n
    }
    return hold
  }

  private cap(text: string): string {
    if (text) this.previous = text.slice(-1).toLowerCase()
    const chars = [...text]
    const room = this.settings.maxReplyChars - this.shown
    if (chars.length <= room) {
      this.shown += chars.length
      return text
    }
    this.capped = true
    this.shown = this.settings.maxReplyChars
    return chars.slice(0, Math.max(0, room)).join('')
  }
}

/** Filters a whole reply at once (for text that did not stream). */
export function filterReply(text: string, settings: ReplyFilterSettings): string {
  const filter = new ReplyFilter(settings)
  return filter.push(text) + filter.flush()
}
