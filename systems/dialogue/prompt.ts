// Builds the chat the model sees: the persona, as many recent turns as fit, the viewer's message.

/** One chat message in the transformers.js chat-template shape. */
export interface ChatMessage {
  readonly role: 'system' | 'user' | 'assistant'
  readonly content: string
}

/** One finished exchange: what a viewer said and what the host answered. */
export interface ChatTurn {
  readonly user: string
  readonly assistant: string
}

/** Counts the tokens of a rendered chat (with the generation prompt); the real one uses the tokenizer. */
export type TokenCounter = (messages: readonly ChatMessage[]) => number

/** The prompt to generate from, and what had to go to fit it. */
export interface BuiltPrompt {
  readonly messages: ChatMessage[]
  /** Tokens of the prompt, as the counter measured them. */
  readonly tokens: number
  /** Oldest turns left out to fit the budget. */
  readonly droppedTurns: number
  /** Whether the viewer's message itself was shortened to fit. */
  readonly truncatedMessage: boolean
}

/** Why a prompt cannot be built at all: the persona alone fills the context window. */
export class PromptTooLongError extends Error {
  constructor(personaTokens: number, budgetTokens: number) {
    super(`The persona is ${personaTokens} tokens long, but the model has room for ${budgetTokens} before its reply; shorten the persona.`)
    this.name = 'PromptTooLongError'
  }
}

/**
 * Breaks the chat-turn markers (`<|user|>`, `<|end|>`…) in untrusted text, as models/lm/chat.py does:
 * the tokenizer would turn them into special tokens, and a viewer could forge a host turn.
 */
export function sanitizeChatText(text: string): string {
  return text.replace(/<\|/g, '<\u200b|').replace(/\|>/g, '|\u200b>')
}

/**
 * The persona, then the newest turns that fit, then the viewer's message, within `budgetTokens`
 * (the context window less the reply's `maxNewTokens`). Oldest turns go first; the persona never
 * goes. If the message alone is too long it is cut from its end. Viewer text is always user content.
 */
export function buildPrompt(
  persona: string,
  history: readonly ChatTurn[],
  message: string,
  budgetTokens: number,
  countTokens: TokenCounter,
): BuiltPrompt {
  const system: ChatMessage = { role: 'system', content: persona }
  const personaTokens = countTokens([system])
  if (personaTokens >= budgetTokens) throw new PromptTooLongError(personaTokens, budgetTokens)
  const user = (content: string): ChatMessage => ({ role: 'user', content: sanitizeChatText(content) })
  const withTurns = (kept: number, last: string): ChatMessage[] => [
    system,
    ...history.slice(history.length - kept).flatMap((t): ChatMessage[] => [user(t.user), { role: 'assistant', content: t.assistant }]),
    user(last),
  ]
  for (let kept = history.length; kept >= 0; kept--) {
    const messages = withTurns(kept, message)
    const tokens = countTokens(messages)
    if (tokens <= budgetTokens) return { messages, tokens, droppedTurns: history.length - kept, truncatedMessage: false }
  }
  // Even alone the message is too long: keep its longest start that fits (binary search on characters).
  const chars = [...message]
  let lo = 0
  let hi = chars.length
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1
    if (countTokens(withTurns(0, chars.slice(0, mid).join(''))) <= budgetTokens) lo = mid
    else hi = mid - 1
  }
  const messages = withTurns(0, chars.slice(0, lo).join(''))
  return { messages, tokens: countTokens(messages), droppedTurns: history.length, truncatedMessage: true }
}
