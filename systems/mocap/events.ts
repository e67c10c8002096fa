// The mocap capability's events.
import { defineEvent } from '../../engine/index.ts'
import type { TrackedFrame } from './mocap.ts'

/** A camera frame the tracker finished (posted to the world's inbox as it arrives, read in the next input stage). */
export const FaceTracked = defineEvent<TrackedFrame>('FaceTracked')
