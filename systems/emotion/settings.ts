// What the performer can tune about the host's emotions. Every field states its default.

/** Emotion settings, a resource; read every frame, so changes apply at once. */
export class EmotionSettings {
  /** Mood sources by name, first wins: a tag the model wrote beats the classifier (default `['inline', 'lexicon']`). */
  sources: string[] = ['inline', 'lexicon']
  /** The expression's weight at intensity 1, 0..1 (default 0.8: a full preset on every sentence reads as a caricature, and most models' `happy` also shuts the eyes). */
  strength = 0.8
  /** Time for an expression to come in, ms (default 300: a felt expression's onset is a third to half a second). */
  easeInMs = 300
  /** Time for an expression to go, ms (default 500: expressions fade more slowly than they arrive). */
  easeOutMs = 500
  /** After the reply has ended and its last sound played, how long its expression stays, ms (default 1500). */
  releaseHoldMs = 1500
  /** Longest wait for a sentence's sound once the sentences before it have started, ms; then it shows anyway (default 4000: a failed or silent engine must not freeze the face). */
  voiceWaitMs = 4000
  /** Let the classifier suggest gestures from cue words ("大家好" waves, "谢谢" bows) (default true). */
  lexiconGestures = true

  constructor(init: Partial<EmotionSettings> = {}) {
    Object.assign(this, init)
  }
}
