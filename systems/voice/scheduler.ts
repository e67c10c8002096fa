// Where each piece of speech goes on the audio clock: pure arithmetic over a clock, so the queue,
// gapless chaining, late chunks and barge-in are tested with a fake clock.

/** A clock in seconds (the AudioContext's `currentTime`, or a fake one in tests). */
export interface AudioClock {
  now(): number
}

/** Seconds between asking for audio and the earliest start we schedule: one render quantum plus margin. */
export const START_LEAD_S = 0.012

/** Where one chunk of an utterance plays. */
export interface Placement {
  /** When the chunk starts, clock seconds. */
  readonly startS: number
  /** When the utterance starts, clock seconds (phoneme times are relative to it). */
  readonly utteranceStartS: number
}

/** Per-utterance state of the schedule. */
interface Track {
  /** Clock time of sample 0 of the utterance. */
  startS: number
}

/**
 * Plans speech on a clock. Utterances play one after another without gaps; a chunk that arrives
 * after its slot has passed moves the rest of its utterance later (so audio and phoneme times move
 * together and never drift apart). `stop` cuts everything at a time (barge-in).
 */
export class SpeechScheduler {
  /** Clock time when the last scheduled audio ends. */
  private tailS = 0
  private readonly tracks = new Map<number, Track>()

  constructor(private readonly clock: AudioClock) {}

  /**
   * Places a chunk of `durationS` at `offsetS` into utterance `id`. The first chunk of an utterance
   * starts at the later of now + `START_LEAD_S` and the end of what is already scheduled.
   */
  place(id: number, offsetS: number, durationS: number): Placement {
    const earliest = this.clock.now() + START_LEAD_S
    let track = this.tracks.get(id)
    if (!track) {
      track = { startS: Math.max(earliest, this.tailS) - offsetS }
      this.tracks.set(id, track)
    } else if (track.startS + offsetS < earliest) {
      // Late chunk: the utterance slips by the shortfall (a gap in the sound, never a skip).
      track.startS = earliest - offsetS
    }
    const startS = track.startS + offsetS
    this.tailS = Math.max(this.tailS, startS + durationS)
    return { startS, utteranceStartS: track.startS }
  }

  /** When utterance `id` starts on the clock, or null when none of it is placed yet. */
  startOf(id: number): number | null {
    return this.tracks.get(id)?.startS ?? null
  }

  /** Forgets an utterance that has been fully placed (its chunks keep their times). */
  finish(id: number): void {
    this.tracks.delete(id)
  }

  /** Clock time when everything scheduled has played. */
  get endS(): number {
    return this.tailS
  }

  /** True while scheduled speech is still playing at the clock's time. */
  get speaking(): boolean {
    return this.tailS > this.clock.now()
  }

  /** Barge-in: nothing scheduled plays past `atS`; the next utterance starts fresh. */
  stop(atS: number = this.clock.now()): void {
    this.tracks.clear()
    this.tailS = Math.min(this.tailS, atS)
  }
}
