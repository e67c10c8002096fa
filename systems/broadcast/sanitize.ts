// Cleans untrusted chat text before anything else looks at it: NFC, and no invisible or reordering characters.

/**
 * Characters removed from chat text:
 * - C0/C1 controls except tab and newline (U+0000–U+0008, U+000B–U+001F, U+007F–U+009F),
 * - zero-width and joiner characters (U+200B–U+200D, U+2060–U+2064, U+FEFF, U+180E, U+034F soft marks kept out),
 * - bidirectional controls (U+200E, U+200F, U+202A–U+202E, U+2066–U+2069, U+061C),
 *   which can make a message read differently from what it says ("Trojan source"),
 * - the interlinear annotation and object replacement characters (U+FFF9–U+FFFC),
 * - lone surrogates (broken UTF-16 that would render as boxes or crash encoders).
 */
const UNSAFE = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u2069\uFEFF\uFFF9-\uFFFC]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g

/** Runs of white space (newlines included) become one space: a chat line is one line. */
const SPACES = /\s+/g

/** NFC-normalises `text`, strips control, zero-width and bidi characters, folds white space, trims. */
export function cleanChatText(text: string): string {
  return text.normalize('NFC').replace(UNSAFE, '').replace(SPACES, ' ').trim()
}

/** `cleanChatText` for names, which also may not contain the `:` the model's "name: message" lines use. */
export function cleanViewerName(name: string): string {
  return cleanChatText(name).replace(/[:：]/g, '')
}
