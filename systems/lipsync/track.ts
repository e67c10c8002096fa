// Phonemes on the audio clock → viseme keys, with coarticulation: a consonant made behind the lips
// takes half the shape of the vowel that follows it, a diphthong glides through its vowels, and
// p/b/m close the lips whatever their neighbours.
import { PhonemeKind, phonemeShape, type PhonemeShape } from './phonemeShapes.ts'
import type { VisemeTimeline } from './timeline.ts'
import { CLOSED, type VisemeVector } from './visemes.ts'

/** How much of the next vowel's shape a transparent consonant (t, k, s…) takes. */
const ANTICIPATION = 0.6

/** A phoneme waiting for the next one, which tells its length. */
interface Pending {
  readonly atS: number
  readonly shape: PhonemeShape
}

/**
 * Builds the keys of a `VisemeTimeline` from phonemes as they are scheduled. Each phoneme becomes
 * keys once the next one arrives (its length is known then); consonants that borrow from the next
 * vowel wait for it. `end` flushes everything at the end of speech, `stop` cuts at a time.
 */
export class VisemeTrack {
  private pending: Pending | null = null
  /** Transparent consonants waiting for the next vowel: their times and own shapes. */
  private readonly borrowing: { atS: number; own: VisemeVector }[] = []

  constructor(readonly timeline: VisemeTimeline) {}

  /** True while phonemes are held back waiting for what follows them. */
  get holding(): boolean {
    return this.pending !== null || this.borrowing.length > 0
  }

  /** Adds a phoneme starting at `atS` (audio clock seconds); phonemes come in time order. */
  add(atS: number, phoneme: string): void {
    const shape = phonemeShape(phoneme)
    if (shape.kind === PhonemeKind.marker) return
    if (this.pending) this.emit(this.pending, atS)
    this.pending = { atS, shape }
  }

  /** Speech ends at `atS`: the last phoneme lasts until then, then the mouth closes. */
  end(atS: number): void {
    if (this.pending) this.emit(this.pending, atS)
    this.pending = null
    this.flushBorrowing(CLOSED)
    if (this.timeline.lastTimeS < atS) this.timeline.push(atS, CLOSED)
  }

  /** Barge-in at `atS`: keys after it are dropped and the mouth closes over the next transition. */
  stop(atS: number): void {
    this.pending = null
    this.borrowing.length = 0
    this.timeline.truncateAfter(atS)
    this.timeline.push(atS + this.timeline.halfWidthS, CLOSED)
  }

  /** Turns a phoneme lasting until `endS` into keys. */
  private emit(p: Pending, endS: number): void {
    const { kind, shapes } = p.shape
    if (kind === PhonemeKind.transparent) {
      this.borrowing.push({ atS: p.atS, own: shapes[0] })
      return
    }
    this.flushBorrowing(kind === PhonemeKind.vowel ? shapes[0] : CLOSED)
    const length = Math.max(0, endS - p.atS)
    // A glide reaches each of its vowels at an even share of the phoneme: `aɪ` at 0 and 1/2.
    for (let j = 0; j < shapes.length; j++) this.timeline.push(p.atS + (length * j) / shapes.length, shapes[j])
  }

  /** Emits the waiting consonants, each the larger of its own shape and part of `next`'s. */
  private flushBorrowing(next: VisemeVector): void {
    for (const c of this.borrowing) {
      const own = c.own
      const mixed: VisemeVector = [
        Math.max(own[0], ANTICIPATION * next[0]),
        Math.max(own[1], ANTICIPATION * next[1]),
        Math.max(own[2], ANTICIPATION * next[2]),
        Math.max(own[3], ANTICIPATION * next[3]),
        Math.max(own[4], ANTICIPATION * next[4]),
      ]
      this.timeline.push(c.atS, mixed)
    }
    this.borrowing.length = 0
  }
}
