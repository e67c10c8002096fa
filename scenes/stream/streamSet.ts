// The stream view's set: a fixed camera framing the anchor's head and torso and soft lights; no floor,
// no backdrop, so the page shows only the anchor over the transparent or chroma-key background.
import { FreeCamera } from '@babylonjs/core/Cameras/freeCamera'
import { DirectionalLight } from '@babylonjs/core/Lights/directionalLight'
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight'
import { Color3 } from '@babylonjs/core/Maths/math.color'
import { Vector3 } from '@babylonjs/core/Maths/math.vector'
import type { World } from '../../engine/index.ts'
import type { AvatarModel } from '../../systems/avatar/index.ts'
import { Renderer } from '../../systems/render/index.ts'

/** The stream camera (a resource). */
export class StreamCamera {
  constructor(readonly camera: FreeCamera) {}
}

/** Startup: camera and lights. */
export function buildStreamSet(world: World): void {
  const { scene } = world.resource(Renderer)
  const camera = new FreeCamera('stream-camera', new Vector3(0, 1.3, -1.6), scene)
  camera.fov = 0.6
  camera.minZ = 0.05
  scene.activeCamera = camera
  const fill = new HemisphericLight('fill', new Vector3(0.2, 1, -0.3), scene)
  fill.intensity = 0.55
  fill.groundColor = Color3.FromHexString('#B9A7C9')
  fill.specular = Color3.Black()
  const key = new DirectionalLight('key', new Vector3(0.75, -0.8, 0.4), scene)
  key.intensity = 0.8
  world.insertResource(new StreamCamera(camera))
}

/** Points the camera at the avatar's head and torso, centred, filling most of the frame's height. */
export function frameStreamAvatar(world: World, model: AvatarModel): void {
  const { camera } = world.resource(StreamCamera)
  model.root.computeWorldMatrix(true)
  const { min, max } = model.root.getHierarchyBoundingVectors(true)
  const hips = model.humanoid.get('hips')
  hips?.computeWorldMatrix(true)
  const bottomY = hips ? hips.getAbsolutePosition().y : min.y + 0.5 * (max.y - min.y)
  const spanM = (max.y - bottomY) * 1.15
  const centreY = (max.y + bottomY) / 2
  const distanceM = spanM / 2 / Math.tan(camera.fov / 2)
  camera.position = new Vector3(0, centreY, -distanceM)
  camera.setTarget(new Vector3(0, centreY, 0))
}
