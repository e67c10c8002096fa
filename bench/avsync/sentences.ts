// Sentences for the sync measurement. Each begins with an open vowel, so its first sound and the
// mouth's first opening are the same event (a sentence opening on "m" or "p" would start with the
// lips shut by design, and the offset would measure the phonetics, not the pipeline).

/** English and Mandarin sentences, alternating. */
export const SYNC_SENTENCES: readonly string[] = [
  'Ah, welcome back everyone.',
  '啊，大家好。',
  'Oh, that was a close one!',
  '安心，我们继续玩。',
  'I am so happy you are here.',
  '爱你们，谢谢礼物。',
  'Alright, on to the next level.',
  '哦，原来是这样。',
  'Open the door and look around.',
  '嗷，好可怕啊。',
  'Awesome, another follower!',
  '阿星来了，欢迎。',
  'Only five minutes left today.',
  '啊，这个商品很好用。',
  'Honestly, I love this game.',
  '安静一下，听我说。',
  'All right, let us begin.',
  '哦，下雨了。',
  'Ice cream for everyone!',
  '爱心收到了，谢谢。',
]
