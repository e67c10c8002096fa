// The face capability's events.
import { defineEvent } from '../../engine/index.ts'
import type { FromWorker } from './protocol.ts'

/** What the face worker reported (posted to the world's inbox, read by `receiveFaceImages`); private to systems/face. */
export const FaceWorkerReported = defineEvent<FromWorker>('FaceWorkerReported')
