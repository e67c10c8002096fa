// Cuts streamed text into sentences for the voice system, as the tokens arrive.

/** Ends a sentence: Chinese 。!?; and full-width forms, English . ! ? ;, and a line break. */
const SENTENCE_END = /[。！？；!?;…\n]|\.(?=\s|$)/u

/** Closing quotes and brackets that belong to the sentence they end. */
const CLOSERS = /^[”"’')）」』】]+/u

/**
 * Splits text into sentences incrementally: `push(chunk)` returns the sentences it completed,
 * `flush()` returns what is left. "3.5" and "e.g" stay whole, because a period ends a sentence only
 * before white space or the end of the reply.
 */
export class SentenceSplitter {
  private pending = ''

  /** Adds streamed text; returns the sentences it completed (trimmed, never empty). */
  push(chunk: string): string[] {
    this.pending += chunk
    const done: string[] = []
    for (;;) {
      const match = SENTENCE_END.exec(this.pending)
      // A period at the very end may be a decimal point whose digits have not arrived yet.
      if (!match || (match[0] === '.' && match.index === this.pending.length - 1)) break
      let end = match.index + match[0].length
      // Runs like "?!" or "……" and closing quotes stay with their sentence.
      while (end < this.pending.length && SENTENCE_END.test(this.pending[end]) && this.pending[end] !== '.') end++
      end += CLOSERS.exec(this.pending.slice(end))?.[0].length ?? 0
      const sentence = this.pending.slice(0, end).trim()
      this.pending = this.pending.slice(end)
      if (sentence) done.push(sentence)
    }
    return done
  }

  /** The unfinished rest as a last sentence (or nothing), and a fresh start. */
  flush(): string[] {
    const rest = this.pending.trim()
    this.pending = ''
    return rest ? [rest] : []
  }
}

/** All the sentences of a finished text. */
export function splitSentences(text: string): string[] {
  const splitter = new SentenceSplitter()
  return [...splitter.push(text), ...splitter.flush()]
}
