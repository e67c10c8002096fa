// What can be tuned about lip-sync. Every field states its default.

/** Lip-sync settings (a resource). */
export class LipsyncSettings {
  /**
   * Longest half-width of a transition between mouth shapes, ms (default 35): the mouth starts
   * moving this long before a phoneme and is half-way there at its onset.
   */
  coarticulationMs = 35
  /** Scales every viseme weight, 0–1 (default 0.9: a fully open `aa` looks shouted on most models). */
  gain = 0.9
  /**
   * Which audio clock the mouth follows: `recording` (default) matches the sound as a recording or
   * the stream carries it (MediaStreamAudioDestination on the master bus, what viewers get);
   * `speakers` matches the sound leaving this computer's speakers, later by the output latency.
   */
  syncTo: 'recording' | 'speakers' = 'recording'
  /**
   * Added to the audio clock when sampling the mouth, ms (default 0). Positive shows mouth shapes
   * earlier, to make up for a display that shows frames later than the sound plays.
   */
  leadMs = 0
  /** Spoken audio without phoneme times (an HTTP voice) moves the mouth from its sound (default true). */
  analyseUntimedAudio = true
}
