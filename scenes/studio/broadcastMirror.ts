// What the studio sends to stream pages each frame: the anchor's mixed face and head, the message
// being answered, the reply as it streams, and accepted chat for the overlay; plus the host's line to viewers.
import { Stage, entityIndex, type App, type Plugin, type World } from '../../engine/index.ts'
import { AvatarPlugin, Expression, Gaze, HeadPose } from '../../systems/avatar/index.ts'
import { BroadcastPlugin, ChatAccepted, HostAnswering, StreamLink } from '../../systems/broadcast/index.ts'
import { DialoguePlugin, ReplyDone, ReplyToken } from '../../systems/dialogue/index.ts'
import { requirePlugins } from './requirePlugins.ts'
import { StageAvatar } from './stageAvatar.ts'

/** A resource: the studio's link to stream pages (replaced when the performer connects to a server). */
export class StudioStreamLink {
  constructor(public link: StreamLink) {}
}

/** Pose updates go out every `POSE_EVERY` frames (30 Hz at 60 fps): enough for a face, half the traffic. */
const POSE_EVERY = 2

/**
 * Links the studio to stream pages (`StudioStreamLink`, same-browser until the performer connects to
 * a server) and adds `mirrorToStream` (postRender). Needs `AvatarPlugin`, `DialoguePlugin` and `BroadcastPlugin`.
 */
export const StreamMirrorPlugin: Plugin = {
  name: 'streamMirror',
  build(app: App) {
    requirePlugins(app, 'stream mirror', AvatarPlugin, DialoguePlugin, BroadcastPlugin)
    app.world.insertResource(new StudioStreamLink(new StreamLink()))
    addStreamMirror(app)
  },
}

/** Adds `mirrorToStream` (postRender): after the frame is drawn, so the weights sent are the ones shown. */
function addStreamMirror(app: App): void {
  const answering = app.world.reader(HostAnswering)
  const tokens = app.world.reader(ReplyToken)
  const done = app.world.reader(ReplyDone)
  const accepted = app.world.reader(ChatAccepted)
  let frame = 0
  const weights: Record<string, number> = {}
  const head = [0, 0, 0, 0, 0, 0]
  const gaze = [0, 0]

  app.addSystem(Stage.PostRender, function mirrorToStream(w: World): void {
    const link = w.resource(StudioStreamLink).link
    for (const a of answering.read()) {
      if (a.message) link.send({ kind: 'caption', viewer: a.message.viewer, text: a.message.text })
      else if (a.topic) link.send({ kind: 'caption', viewer: '💬', text: a.topic })
      else link.send({ kind: 'caption', viewer: '', text: '' })
    }
    const streamed = tokens.read()
    if (streamed.length > 0) link.send({ kind: 'reply', text: streamed[streamed.length - 1].soFar })
    for (const d of done.read()) if (d.text && d.reason !== 'error') link.sayToViewers(d.text)
    for (const m of accepted.read()) link.send({ kind: 'chat', viewer: m.viewer, text: m.text })
    if (++frame % POSE_EVERY !== 0) return
    const stage = w.resource(StageAvatar)
    if (stage.entity === null || !stage.model || !w.isAlive(stage.entity)) return
    const mixed = w.get(stage.entity, Expression)?.resolved
    if (!mixed) return
    for (const name of stage.model.expressions.keys()) weights[name] = mixed.get(name) ?? 0
    const i = entityIndex(stage.entity)
    const h = w.store(HeadPose)
    head[0] = h.yawDeg[i]; head[1] = h.pitchDeg[i]; head[2] = h.rollDeg[i]; head[3] = h.x[i]; head[4] = h.y[i]; head[5] = h.z[i]
    const g = w.store(Gaze)
    gaze[0] = g.yawDeg[i]; gaze[1] = g.pitchDeg[i]
    link.send({ kind: 'pose', weights, head, gaze })
  })
}
