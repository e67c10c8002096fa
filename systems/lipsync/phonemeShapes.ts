// espeak-ng phonemes of English and Mandarin → mouth shapes. espeak names phonemes with IPA-like
// strings (`aɪ`, `tɕh`, `s.`); a vowel name is read letter by letter, so a diphthong or a Mandarin
// triphthong (`iou`, `uai`) becomes a glide through two or three shapes.
import { CLOSED, shape, type VisemeVector } from './visemes.ts'

/** How a phoneme moves the mouth. */
export const PhonemeKind = {
  /** A vowel: the mouth goes through `shapes` across the phoneme. */
  vowel: 'vowel',
  /** p, b, m: the lips close fully, whatever comes next. */
  closure: 'closure',
  /** A consonant with a lip shape of its own (f, w, sh…). */
  shaped: 'shaped',
  /** A consonant made behind the lips (t, k, n, s…): it borrows the next vowel's shape, half open. */
  transparent: 'transparent',
  /** Silence between words or sentences. */
  pause: 'pause',
  /** espeak's language-switch markers like `(en)`: no sound, no time. */
  marker: 'marker',
} as const
/** One of `PhonemeKind`. */
export type PhonemeKind = (typeof PhonemeKind)[keyof typeof PhonemeKind]

/** A phoneme's mouth movement. */
export interface PhonemeShape {
  readonly kind: PhonemeKind
  /** One shape, or for a diphthong/triphthong the shapes it glides through in order. */
  readonly shapes: readonly VisemeVector[]
}

/** Vowel letters as espeak writes them (English and Mandarin), each a mouth shape. */
const VOWEL_LETTERS: Readonly<Record<string, VisemeVector>> = {
  a: shape({ aa: 1 }),
  ɑ: shape({ aa: 1 }),
  ɐ: shape({ aa: 0.8 }),
  æ: shape({ aa: 0.7, ee: 0.4 }),
  ʌ: shape({ aa: 0.75 }),
  ɒ: shape({ aa: 0.5, oh: 0.6 }),
  ə: shape({ aa: 0.4, ih: 0.15 }),
  ɚ: shape({ aa: 0.35, ou: 0.2 }),
  ɜ: shape({ aa: 0.4, ee: 0.2 }),
  ᵻ: shape({ ih: 0.5, aa: 0.15 }),
  i: shape({ ih: 1 }),
  ɪ: shape({ ih: 0.8, aa: 0.1 }),
  y: shape({ ou: 0.6, ih: 0.5 }),
  e: shape({ ee: 1 }),
  ɛ: shape({ ee: 0.8, aa: 0.3 }),
  u: shape({ ou: 1 }),
  ʊ: shape({ ou: 0.8 }),
  o: shape({ oh: 1 }),
  ɔ: shape({ oh: 0.9, aa: 0.2 }),
}

/** Whole phonemes read before the letter rule: Mandarin apical vowels and a few special names. */
const WHOLE: Readonly<Record<string, PhonemeShape>> = {
  // "shi", "ri", "zhi" (retroflex) and "si", "zi", "ci" (dental): a small, spread opening.
  'i.': { kind: PhonemeKind.vowel, shapes: [shape({ ih: 0.5, aa: 0.1 })] },
  'i̪': { kind: PhonemeKind.vowel, shapes: [shape({ ih: 0.5, aa: 0.1 })] },
  // Mandarin "er".
  'ər': { kind: PhonemeKind.vowel, shapes: [shape({ aa: 0.45, ou: 0.15 })] },
  'o-': { kind: PhonemeKind.vowel, shapes: [shape({ oh: 0.6 })] },
  _: { kind: PhonemeKind.pause, shapes: [CLOSED] },
}

/** Consonants with a lip shape of their own. */
const SHAPED: Readonly<Record<string, VisemeVector>> = {
  // Lower lip to upper teeth.
  f: shape({ ih: 0.15 }),
  v: shape({ ih: 0.15 }),
  // Rounded glide.
  w: shape({ ou: 0.8 }),
  // Palatal glide.
  j: shape({ ih: 0.5 }),
  // Post-alveolar and Mandarin retroflex / alveolo-palatal fricatives and affricates: lips pushed forward.
  ʃ: shape({ ou: 0.35, ih: 0.2 }),
  ʒ: shape({ ou: 0.35, ih: 0.2 }),
  tʃ: shape({ ou: 0.35, ih: 0.2 }),
  dʒ: shape({ ou: 0.35, ih: 0.2 }),
  's.': shape({ ou: 0.3, ih: 0.2 }),
  'ts.': shape({ ou: 0.3, ih: 0.2 }),
  'ts.h': shape({ ou: 0.3, ih: 0.2 }),
  ʐ: shape({ ou: 0.3, ih: 0.2 }),
  ɹ: shape({ ou: 0.3 }),
}

/** Bilabials: the lips close. Mandarin aspirated `ph` too. */
const CLOSURES = new Set(['p', 'b', 'm', 'ph'])

/** What a phoneme does to the mouth. Unknown consonants are transparent (they never jam the mouth shut). */
export function phonemeShape(phoneme: string): PhonemeShape {
  const name = phoneme.replace(/[ˈˌ]/g, '')
  const whole = WHOLE[name]
  if (whole) return whole
  if (/^\(.*\)$/.test(name)) return { kind: PhonemeKind.marker, shapes: [] }
  if (CLOSURES.has(name)) return { kind: PhonemeKind.closure, shapes: [CLOSED] }
  const lips = SHAPED[name]
  if (lips) return { kind: PhonemeKind.shaped, shapes: [lips] }
  const shapes: VisemeVector[] = []
  for (const letter of name) {
    const s = VOWEL_LETTERS[letter]
    // A letter that repeats the previous shape adds no glide (`iː`, `ɑː`).
    if (s && s !== shapes[shapes.length - 1]) shapes.push(s)
  }
  // A vowel name starts with a vowel letter; `onɡ` or `ɛɹ` keep their vowels and drop the rest.
  if (shapes.length > 0 && VOWEL_LETTERS[[...name][0]]) return { kind: PhonemeKind.vowel, shapes }
  return { kind: PhonemeKind.transparent, shapes: [shape({ aa: 0.12 })] }
}
