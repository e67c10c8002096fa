import { ArcRotateCamera } from '@babylonjs/core/Cameras/arcRotateCamera'
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight'
import { DirectionalLight } from '@babylonjs/core/Lights/directionalLight'
import { ShadowGenerator } from '@babylonjs/core/Lights/Shadows/shadowGenerator'
import '@babylonjs/core/Lights/Shadows/shadowGeneratorSceneComponent'
import { Color3 } from '@babylonjs/core/Maths/math.color'
import { Vector3 } from '@babylonjs/core/Maths/math.vector'
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder'
import { CreateDisc } from '@babylonjs/core/Meshes/Builders/discBuilder'
import { CreateGround } from '@babylonjs/core/Meshes/Builders/groundBuilder'
import { Mesh } from '@babylonjs/core/Meshes/mesh'
import type { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { Scene } from '@babylonjs/core/scene'
import { Stage, type App, type World } from '../../engine/index.ts'
import type { AvatarModel } from '../../systems/avatar/index.ts'
import { Renderer } from '../../systems/render/index.ts'
import { SetColours, matte } from './palette.ts'

/** The light that casts the anchor's shadow; the anchor registers its meshes as shadow casters. */
export class KeyLight {
  constructor(readonly shadows: ShadowGenerator) {}
}

/** The studio's camera and the halo disc behind the host's head, which follow the avatar on stage. */
export class StudioCamera {
  constructor(
    readonly camera: ArcRotateCamera,
    readonly halo: Mesh,
  ) {}
}

/** The studio around the anchor: an orbit camera framing a standing host, soft lights, a floor and a backdrop. */
export function StudioSetPlugin(app: App): void {
  app.addSystem(Stage.Startup, buildStudioSet)
}

/** Startup: builds the camera, lights and backdrop, and inserts `KeyLight` and `StudioCamera`. */
export function buildStudioSet(world: World): void {
  const { scene, canvas } = world.resource(Renderer)
  const camera = addCamera(scene, canvas)
  const shadows = addLights(scene)
  const halo = addBackdrop(scene)
  world.insertResource(new KeyLight(shadows))
  world.insertResource(new StudioCamera(camera, halo))
}

/** How much of the avatar the camera shows: hips to the top of the head, with this much room around it. */
const FRAME_MARGIN = 1.2

/**
 * Frames the head and torso of `model` (hips to the top of the head, the usual stream framing) and
 * moves the halo behind its head. Called when an avatar goes on stage; the performer can still orbit.
 */
export function frameAvatar(world: World, model: AvatarModel): void {
  const studio = world.tryResource(StudioCamera)
  if (!studio) return
  const { camera, halo } = studio
  model.root.computeWorldMatrix(true)
  const { min, max } = model.root.getHierarchyBoundingVectors(true)
  const hipsY = worldY(model.humanoid.get('hips'), min.y + 0.5 * (max.y - min.y))
  const headY = worldY(model.humanoid.get('head'), max.y - 0.2)
  const topY = Math.max(max.y, headY + 0.1)
  const spanM = (topY - hipsY) * FRAME_MARGIN
  camera.target = new Vector3(0, (hipsY + topY) / 2 + 0.02, 0)
  camera.radius = spanM / 2 / Math.tan(camera.fov / 2)
  camera.lowerRadiusLimit = camera.radius * 0.5
  halo.position.y = headY
}

function worldY(node: TransformNode | undefined, fallback: number): number {
  if (!node) return fallback
  node.computeWorldMatrix(true)
  return node.getAbsolutePosition().y
}

function addCamera(scene: Scene, canvas: HTMLCanvasElement): ArcRotateCamera {
  // Slightly above eye level and a little to the side: the usual framing of a streamer's host.
  // The target and distance here suit a 1.6 m host until frameAvatar fits them to the real one.
  const camera = new ArcRotateCamera('camera', -Math.PI / 2 - 0.18, 1.42, 1.9, new Vector3(0, 1.12, 0), scene)
  camera.minZ = 0.05
  camera.fov = 0.7
  // Limits keep the host in frame: no going under the floor, behind the backdrop, or inside the head.
  camera.lowerRadiusLimit = 0.8
  camera.upperRadiusLimit = 5.5
  camera.lowerBetaLimit = 0.9
  camera.upperBetaLimit = 1.62
  camera.lowerAlphaLimit = -Math.PI / 2 - 1.1
  camera.upperAlphaLimit = -Math.PI / 2 + 1.1
  camera.wheelDeltaPercentage = 0.01
  camera.panningSensibility = 0
  camera.attachControl(canvas, true)
  scene.activeCamera = camera
  return camera
}

function addLights(scene: Scene): ShadowGenerator {
  // Sky fill: cool from above, warm bounce from the floor, so no side goes flat grey.
  const fill = new HemisphericLight('fill', new Vector3(0.2, 1, -0.3), scene)
  fill.intensity = 0.45
  fill.diffuse = Color3.FromHexString('#F2EEFF')
  fill.groundColor = Color3.FromHexString('#B9A7C9')
  fill.specular = Color3.Black()
  const key = new DirectionalLight('key', new Vector3(0.75, -0.8, 0.4), scene)
  key.position = new Vector3(-3, 3.5, -1.6)
  key.intensity = 0.8
  key.diffuse = Color3.FromHexString('#FFF1E2')
  // The shadow map's depth range: by default it is the camera's (10 km), and the bias then hides every shadow;
  // fitted to the casters only, the floor the shadow falls on lies past it. 1..10 m from the light covers the stage.
  key.shadowMinZ = 1
  key.shadowMaxZ = 10
  // Filtered, slightly transparent shadows give the soft studio look; 1024 px is plenty for one figure.
  const shadows = new ShadowGenerator(1024, key)
  shadows.usePercentageCloserFiltering = true
  shadows.filteringQuality = ShadowGenerator.QUALITY_MEDIUM
  shadows.darkness = 0.45
  shadows.bias = 0.002
  return shadows
}

function addBackdrop(scene: Scene): Mesh {
  // A round stage on a wide floor: the host stands on something, and the floor catches the key light's shadow.
  const floor = CreateGround('floor', { width: 30, height: 30 }, scene)
  floor.material = matte(scene, 'floor', SetColours.floor, 0.2)
  floor.receiveShadows = true
  const stage = CreateCylinder('stage', { height: 0.06, diameter: 2.4, tessellation: 64 }, scene)
  stage.position.y = 0.03
  stage.material = matte(scene, 'stage', SetColours.stage, 0.2)
  stage.receiveShadows = true
  // A cylinder seen from inside makes a wall with no corner for the eye to catch on; the camera never leaves it.
  const wall = CreateCylinder(
    'backdrop',
    { height: 10, diameter: 14, tessellation: 64, cap: Mesh.NO_CAP, sideOrientation: Mesh.BACKSIDE },
    scene,
  )
  wall.position.y = 5
  wall.material = matte(scene, 'backdrop', SetColours.backdrop, 0.3)
  // A pale disc behind the head frames the host like a stage spotlight on the wall.
  const halo = CreateDisc('halo', { radius: 1.0, tessellation: 64 }, scene)
  halo.position = new Vector3(0, 1.25, 1.4)
  const haloMaterial = matte(scene, 'halo', SetColours.halo)
  haloMaterial.disableLighting = true
  haloMaterial.emissiveColor = Color3.FromHexString(SetColours.halo)
  halo.material = haloMaterial
  return halo
}
