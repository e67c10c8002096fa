// The bilingual lexicon's words: cue words per emotion (Mandarin, English, emoji, kaomoji),
// negators, intensifiers and gesture cues. Weights are a cue's evidence; 1 is a plain, clear word.
import type { EmotionPreset, Gesture } from './presets.ts'

/** A cue: its text (lower case), the emotion it is evidence for, and how much. */
export type Cue = readonly [text: string, emotion: EmotionPreset, weight: number]

/**
 * English cues, matched on whole words (phrases on consecutive words). Phrases that contain a
 * negator ("not bad", "no worries", "don't worry") are cues of their own, matched before negation.
 */
export const EN_CUES: readonly Cue[] = [
  ['happy', 'happy', 1.2], ['glad', 'happy', 1.2], ['great', 'happy', 1], ['awesome', 'happy', 1.2], ['amazing', 'happy', 1],
  ['love', 'happy', 1], ['lovely', 'happy', 1], ['yay', 'happy', 1.5], ['haha', 'happy', 1.2], ['hahaha', 'happy', 1.4],
  ['lol', 'happy', 1], ['fun', 'happy', 0.8], ['excited', 'happy', 1.2], ['exciting', 'happy', 1], ['wonderful', 'happy', 1.2],
  ['fantastic', 'happy', 1.2], ['nice', 'happy', 0.7], ['cool', 'happy', 0.6], ['thanks', 'happy', 0.6], ['thank', 'happy', 0.6],
  ['congrats', 'happy', 1.2], ['congratulations', 'happy', 1.2], ['enjoy', 'happy', 0.8], ['delighted', 'happy', 1.3],
  ['not bad', 'happy', 0.8], ['smile', 'happy', 0.8], ['laugh', 'happy', 0.8], ['best', 'happy', 0.7], ['perfect', 'happy', 1],
  ['hooray', 'happy', 1.5], ['woohoo', 'happy', 1.5], ["can't wait", 'happy', 1.2], ['cannot wait', 'happy', 1.2], ['yummy', 'happy', 0.8],
  ['sad', 'sad', 1.3], ['sorry', 'sad', 0.8], ['unfortunately', 'sad', 1], ['miss', 'sad', 0.8], ['cry', 'sad', 1.2],
  ['crying', 'sad', 1.3], ['tears', 'sad', 1.2], ['lonely', 'sad', 1.3], ['upset', 'sad', 1], ['disappointed', 'sad', 1.3],
  ['disappointing', 'sad', 1.2], ['depressed', 'sad', 1.4], ['heartbroken', 'sad', 1.5], ['unhappy', 'sad', 1.3], ['sigh', 'sad', 1],
  ['too bad', 'sad', 1], ['hurts', 'sad', 1], ['painful', 'sad', 1], ['regret', 'sad', 1], ['gloomy', 'sad', 1.2], ['miserable', 'sad', 1.4],
  ['angry', 'angry', 1.5], ['mad', 'angry', 1.1], ['annoying', 'angry', 1.2], ['annoyed', 'angry', 1.2], ['hate', 'angry', 1.3],
  ['furious', 'angry', 1.6], ['ugh', 'angry', 0.8], ['how dare', 'angry', 1.6], ['unacceptable', 'angry', 1.3], ['ridiculous', 'angry', 1],
  ['stupid', 'angry', 1], ['rude', 'angry', 1.1], ['cheating', 'angry', 1], ['cheater', 'angry', 1.1], ['shut up', 'angry', 1.5],
  ['irritating', 'angry', 1.2], ['outrageous', 'angry', 1.3], ['stop it', 'angry', 1], ['pissed', 'angry', 1.4],
  ['relax', 'relaxed', 1.2], ['relaxed', 'relaxed', 1.2], ['relaxing', 'relaxed', 1.2], ['calm', 'relaxed', 1.2], ['chill', 'relaxed', 1.2],
  ['cozy', 'relaxed', 1.2], ['comfy', 'relaxed', 1.2], ['peaceful', 'relaxed', 1.2], ['take your time', 'relaxed', 1.3],
  ['no worries', 'relaxed', 1.1], ['no rush', 'relaxed', 1.1], ["don't worry", 'relaxed', 1.1], ['gently', 'relaxed', 0.8],
  ['rest', 'relaxed', 0.7], ['tea', 'relaxed', 0.6], ['sleepy', 'relaxed', 0.8], ['comfortable', 'relaxed', 1], ['breathe', 'relaxed', 0.8],
  ["it's okay", 'relaxed', 0.8], ['easy', 'relaxed', 0.5], ['quiet', 'relaxed', 0.6], ['soothing', 'relaxed', 1.2],
  ['wow', 'surprised', 1.5], ['whoa', 'surprised', 1.5], ['omg', 'surprised', 1.5], ['oh my', 'surprised', 1.3], ['surprised', 'surprised', 1.5],
  ['surprise', 'surprised', 1.2], ['surprising', 'surprised', 1.2], ['unbelievable', 'surprised', 1.3], ['no way', 'surprised', 1.3],
  ['shocked', 'surprised', 1.5], ['incredible', 'surprised', 1], ['suddenly', 'surprised', 0.8], ['unexpected', 'surprised', 1.2],
  ['gosh', 'surprised', 1], ['really?', 'surprised', 1],
]

/** Mandarin cues, and emoji and kaomoji, matched as substrings, longest first. */
export const ZH_CUES: readonly Cue[] = [
  ['开心', 'happy', 1.2], ['高兴', 'happy', 1.2], ['快乐', 'happy', 1.2], ['太好了', 'happy', 1.5], ['哈哈', 'happy', 1.2],
  ['嘿嘿', 'happy', 0.8], ['喜欢', 'happy', 1], ['爱你', 'happy', 1], ['谢谢', 'happy', 0.6], ['感谢', 'happy', 0.6], ['棒', 'happy', 1],
  ['厉害', 'happy', 0.8], ['好耶', 'happy', 1.5], ['恭喜', 'happy', 1.2], ['幸福', 'happy', 1.2], ['好玩', 'happy', 1], ['有趣', 'happy', 0.8],
  ['不错', 'happy', 0.8], ['满意', 'happy', 0.8], ['兴奋', 'happy', 1.2], ['激动', 'happy', 1], ['完美', 'happy', 1], ['赞', 'happy', 1],
  ['好吃', 'happy', 0.8], ['可爱', 'happy', 0.8], ['期待', 'happy', 0.9], ['欢迎', 'happy', 0.6], ['笑', 'happy', 0.6],
  ['难过', 'sad', 1.5], ['伤心', 'sad', 1.5], ['哭', 'sad', 1.2], ['呜呜', 'sad', 1.5], ['可惜', 'sad', 1], ['遗憾', 'sad', 1.2],
  ['失望', 'sad', 1.3], ['唉', 'sad', 1], ['抱歉', 'sad', 0.8], ['对不起', 'sad', 0.8], ['孤单', 'sad', 1.3], ['寂寞', 'sad', 1.3],
  ['心疼', 'sad', 1], ['想念', 'sad', 0.8], ['舍不得', 'sad', 1.2], ['痛', 'sad', 0.8], ['悲伤', 'sad', 1.5], ['郁闷', 'sad', 1.2],
  ['委屈', 'sad', 1.2], ['难受', 'sad', 1.3], ['沮丧', 'sad', 1.3],
  ['生气', 'angry', 1.5], ['气死', 'angry', 1.8], ['讨厌', 'angry', 1.2], ['烦', 'angry', 1], ['愤怒', 'angry', 1.6], ['可恶', 'angry', 1.5],
  ['过分', 'angry', 1.2], ['闭嘴', 'angry', 1.5], ['恼火', 'angry', 1.5], ['受不了', 'angry', 1], ['火大', 'angry', 1.5],
  ['岂有此理', 'angry', 1.6], ['不像话', 'angry', 1.3], ['作弊', 'angry', 1],
  ['放松', 'relaxed', 1.2], ['轻松', 'relaxed', 1.2], ['舒服', 'relaxed', 1.2], ['舒适', 'relaxed', 1.2], ['慢慢', 'relaxed', 0.8],
  ['休息', 'relaxed', 0.8], ['安静', 'relaxed', 0.8], ['平静', 'relaxed', 1.2], ['悠闲', 'relaxed', 1.2], ['惬意', 'relaxed', 1.2],
  ['没关系', 'relaxed', 1.1], ['别着急', 'relaxed', 1.2], ['不着急', 'relaxed', 1.1], ['别担心', 'relaxed', 1.1], ['不用担心', 'relaxed', 1.1],
  ['喝茶', 'relaxed', 0.8], ['晚安', 'relaxed', 0.8], ['淡定', 'relaxed', 1], ['温柔', 'relaxed', 0.6], ['悠哉', 'relaxed', 1.2],
  ['哇', 'surprised', 1.5], ['天哪', 'surprised', 1.5], ['天啊', 'surprised', 1.5], ['我的天', 'surprised', 1.5], ['居然', 'surprised', 1.2],
  ['竟然', 'surprised', 1.2], ['没想到', 'surprised', 1.3], ['真的吗', 'surprised', 1.2], ['吓', 'surprised', 1], ['惊讶', 'surprised', 1.5],
  ['震惊', 'surprised', 1.5], ['不会吧', 'surprised', 1.3], ['咦', 'surprised', 1], ['突然', 'surprised', 0.8], ['意外', 'surprised', 1.1],
  ['😀', 'happy', 1], ['😃', 'happy', 1], ['😄', 'happy', 1.2], ['😁', 'happy', 1.2], ['😆', 'happy', 1.2], ['😊', 'happy', 1],
  ['🥰', 'happy', 1.2], ['😍', 'happy', 1.2], ['😂', 'happy', 1.2], ['🤣', 'happy', 1.2], ['🎉', 'happy', 1], ['❤', 'happy', 0.8],
  ['💕', 'happy', 0.8], ['👍', 'happy', 0.8], ['🥳', 'happy', 1.2], ['^_^', 'happy', 1], ['^^', 'happy', 0.8], ['(≧▽≦)', 'happy', 1.2],
  ['😢', 'sad', 1.2], ['😭', 'sad', 1.4], ['😞', 'sad', 1.2], ['😔', 'sad', 1.1], ['💔', 'sad', 1.3], ['🥺', 'sad', 1], ['t_t', 'sad', 1.2],
  ['qaq', 'sad', 1.2], ['😠', 'angry', 1.4], ['😡', 'angry', 1.5], ['🤬', 'angry', 1.6], ['💢', 'angry', 1.3],
  ['😌', 'relaxed', 1.2], ['🍵', 'relaxed', 0.8], ['☕', 'relaxed', 0.6], ['😴', 'relaxed', 0.8],
  ['😮', 'surprised', 1.3], ['😯', 'surprised', 1.2], ['😲', 'surprised', 1.4], ['😱', 'surprised', 1.5], ['🤯', 'surprised', 1.5],
]

/** English words that negate a cue up to three words later ("not very happy", "don't feel happy"). */
export const EN_NEGATORS: ReadonlySet<string> = new Set([
  'not', 'no', 'never', "don't", 'dont', "doesn't", "didn't", "isn't", "wasn't", "aren't", "weren't", "can't", 'cannot', "won't", 'hardly', 'nothing', 'neither', 'nor',
])

/**
 * Mandarin negators, looked for in the four characters before a cue ("不开心", "不是很开心", "一点也不生气").
 * Not 非 or 无: "非常开心" and "无比开心" are very happy.
 */
export const ZH_NEGATORS: readonly string[] = ['不', '没', '别', '未']

/** English intensifiers, up to two words before a cue. */
export const EN_INTENSIFIERS: ReadonlySet<string> = new Set(['very', 'so', 'really', 'super', 'too', 'extremely', 'totally', 'truly', 'incredibly', 'absolutely'])

/** Mandarin intensifiers, in the two characters before a cue. */
export const ZH_INTENSIFIERS: readonly string[] = ['太', '好', '很', '超', '真', '特别', '非常', '超级', '十分', '好好']

/** How much an intensifier multiplies a cue's weight. */
export const INTENSIFIER_GAIN = 1.4

/**
 * What a negated cue becomes: "not happy" / "不开心" is sad (weaker than a sad word), "not angry" /
 * "不生气" calm, "not sad" / "不难过" mildly calm; "not surprised" and "can't relax" carry little.
 */
export const NEGATED: Readonly<Record<EmotionPreset, readonly [EmotionPreset, number] | null>> = {
  happy: ['sad', 0.8],
  sad: ['relaxed', 0.5],
  angry: ['relaxed', 0.6],
  relaxed: ['sad', 0.4],
  surprised: null,
}

/** Gesture cues: the first that appears in a sentence suggests its gesture (`EmotionSettings.lexiconGestures`). */
export const GESTURE_CUES: readonly (readonly [text: string, gesture: Gesture])[] = [
  ['大家好', 'wave'], ['拜拜', 'wave'], ['再见', 'wave'], ['hello', 'wave'], ['goodbye', 'wave'], ['bye', 'wave'], ['welcome', 'wave'],
  ['谢谢', 'bow'], ['感谢', 'bow'], ['thank', 'bow'],
  ['让我想想', 'think'], ['想一想', 'think'], ['let me think', 'think'], ['hmm', 'think'],
  ['鼓掌', 'clap'], ['👏', 'clap'], ['applause', 'clap'],
  ['比心', 'heartHands'], ['爱你', 'heartHands'], ['love you', 'heartHands'],
  ['不知道', 'shrug'], ["i don't know", 'shrug'], ['who knows', 'shrug'],
  ['吓我一跳', 'surprisedStepBack'], ['scared me', 'surprisedStepBack'],
  ['看这里', 'point'], ['look here', 'point'], ['over there', 'point'],
]
