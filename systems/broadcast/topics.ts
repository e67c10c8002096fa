// Idle-talk topics taken from the persona, so a quiet stream still talks about what the host is there for.

/** Used when the persona names nothing to talk about. */
const GENERAL_TOPICS = ['今天过得怎么样', '最近在玩的游戏', '大家喜欢的美食']

/**
 * The persona's "label: value" clauses (`今天的游戏:我的世界;今天的商品:保温杯,49元。`) as topics
 * (`我的世界`, `保温杯,49元`); the general topics when it has none.
 */
export function topicsFromPersona(persona: string): string[] {
  const topics: string[] = []
  for (const clause of persona.split(/[;;。\n]/)) {
    const m = /[::]\s*(.+)$/.exec(clause.trim())
    if (m && m[1].trim()) topics.push(m[1].trim())
  }
  return topics.length > 0 ? topics : [...GENERAL_TOPICS]
}

/** The line the host answers when it talks on its own about `topic` (no viewer name: the model sees a plain prompt). */
export function idlePrompt(topic: string): string {
  return `聊聊${topic}吧`
}
