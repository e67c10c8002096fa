import { CreateCapsule } from '@babylonjs/core/Meshes/Builders/capsuleBuilder'
import { CreateCylinder } from '@babylonjs/core/Meshes/Builders/cylinderBuilder'
import { CreateSphere } from '@babylonjs/core/Meshes/Builders/sphereBuilder'
import { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { Mesh } from '@babylonjs/core/Meshes/mesh'
import type { StandardMaterial } from '@babylonjs/core/Materials/standardMaterial'
import type { Scene } from '@babylonjs/core/scene'
import { Stage, type App, type World } from '../../engine/index.ts'
import { NodeRef, Renderer, Transform } from '../../systems/render/index.ts'
import { Sway, idleSway } from './idleSway.ts'
import { KeyLight, buildStudioSet } from './studioSet.ts'
import { AnchorColours, matte, withSheen } from './palette.ts'

/**
 * A stand-in host built from primitives (about 1.75 m tall, facing the camera along -z) that idles
 * with a gentle sway, until the avatar capability loads a real model.
 */
export function PlaceholderAnchorPlugin(app: App): void {
  app.addSystem(Stage.Startup, spawnPlaceholderAnchor, { after: [buildStudioSet] })
  app.addSystem(Stage.Update, idleSway)
}

type Materials = Record<keyof typeof AnchorColours, StandardMaterial>

/** A mesh's place under its parent: position in metres, then optional scale and Euler rotation in radians. */
interface Placement {
  at: [number, number, number]
  scale?: [number, number, number]
  turn?: [number, number, number]
}

function spawnPlaceholderAnchor(world: World): void {
  const { scene } = world.resource(Renderer)
  const paint = paints(scene)
  const root = swayingNode(world, scene, 'anchor', [0, 0, 0], { hz: 0.22, yawRad: 0.07, rollRad: 0.02, bobM: 0.006 })
  buildBody(scene, root, paint)
  const head = swayingNode(world, scene, 'anchor.head', [0, 1.24, 0], { hz: 0.17, pitchRad: 0.045, rollRad: 0.06 }, root)
  buildHead(scene, head, paint)
  for (const side of [-1, 1]) {
    const shoulder = swayingNode(world, scene, `anchor.arm${side < 0 ? 'L' : 'R'}`, [0.17 * side, 1.14, 0], {
      hz: 0.22,
      phaseRad: side < 0 ? 0 : Math.PI,
      pitchRad: 0.08,
      rollRad: 0.03,
    }, root)
    buildArm(scene, shoulder, paint, side)
  }
  const shadows = world.tryResource(KeyLight)?.shadows
  if (shadows) for (const mesh of root.getChildMeshes()) shadows.addShadowCaster(mesh, false)
}

function paints(scene: Scene): Materials {
  const entries = Object.entries(AnchorColours).map(([name, hex]) => [name, matte(scene, `anchor.${name}`, hex)])
  const materials = Object.fromEntries(entries) as Materials
  materials.eyeShine.disableLighting = true
  materials.eyeShine.emissiveColor = materials.eyeShine.diffuseColor
  materials.blush.alpha = 0.55
  withSheen(materials.hair, 0.2, 24)
  withSheen(materials.eye, 0.5, 64)
  return materials
}

function swayingNode(
  world: World,
  scene: Scene,
  name: string,
  at: [number, number, number],
  sway: { hz: number; phaseRad?: number; pitchRad?: number; yawRad?: number; rollRad?: number; bobM?: number },
  parent?: TransformNode,
): TransformNode {
  const node = new TransformNode(name, scene)
  if (parent) node.parent = parent
  const e = world.spawn()
  world.add(e, Transform, { x: at[0], y: at[1], z: at[2] })
  world.add(e, NodeRef, node)
  world.add(e, Sway, { ...sway, restY: at[1] })
  return node
}

function place(mesh: Mesh, parent: TransformNode, material: StandardMaterial, p: Placement): Mesh {
  mesh.parent = parent
  mesh.material = material
  mesh.isPickable = false
  mesh.position.set(...p.at)
  if (p.scale) mesh.scaling.set(...p.scale)
  if (p.turn) mesh.rotation.set(...p.turn)
  return mesh
}

function ball(scene: Scene, name: string, diameter: number): Mesh {
  return CreateSphere(name, { diameter, segments: 24 }, scene)
}

function buildBody(scene: Scene, root: TransformNode, paint: Materials): void {
  for (const side of [-1, 1]) {
    place(CreateCapsule('leg', { radius: 0.065, height: 0.56 }, scene), root, paint.legs, { at: [0.09 * side, 0.3, 0] })
    place(ball(scene, 'shoe', 0.16), root, paint.shoes, { at: [0.09 * side, 0.045, -0.035], scale: [0.95, 0.6, 1.45] })
  }
  const skirt = CreateCylinder('skirt', { height: 0.42, diameterTop: 0.3, diameterBottom: 0.68, tessellation: 48 }, scene)
  place(skirt, root, paint.dress, { at: [0, 0.66, 0] })
  const torso = CreateCapsule('torso', { radiusTop: 0.13, radiusBottom: 0.16, height: 0.44, tessellation: 32 }, scene)
  place(torso, root, paint.top, { at: [0, 0.99, 0] })
  place(CreateCylinder('neck', { height: 0.12, diameter: 0.09 }, scene), root, paint.skin, { at: [0, 1.23, 0] })
  // A bow at the collar: two tilted loops and a knot.
  for (const side of [-1, 1]) {
    place(ball(scene, 'bow', 0.1), root, paint.ribbon, {
      at: [0.05 * side, 1.14, -0.125],
      scale: [1.25, 0.75, 0.45],
      turn: [0, 0, 0.45 * side],
    })
  }
  place(ball(scene, 'bowKnot', 0.045), root, paint.ribbon, { at: [0, 1.14, -0.14] })
}

function buildHead(scene: Scene, head: TransformNode, paint: Materials): void {
  // Chibi proportions: a large head (0.56 m) reads as friendly and keeps the face legible when small on screen.
  place(ball(scene, 'head', 0.56), head, paint.skin, { at: [0, 0.27, 0], scale: [1, 0.96, 0.98] })
  const cap = CreateSphere('hairCap', { diameter: 0.61, slice: 0.56, segments: 32 }, scene)
  place(cap, head, paint.hair, { at: [0, 0.29, 0.02], turn: [0.55, 0, 0] })
  place(CreateCapsule('hairBack', { radius: 0.25, height: 0.68 }, scene), head, paint.hair, { at: [0, 0.13, 0.12] })
  // The fringe: soft locks on an arc around the forehead, each turned to follow the head's curve.
  for (const angle of [-0.8, -0.4, 0, 0.4, 0.8]) {
    place(ball(scene, 'fringe', 0.16), head, paint.hair, {
      at: [0.25 * Math.sin(angle), 0.43 - 0.05 * angle * angle, -0.235 * Math.cos(angle)],
      scale: [1, 0.6, 0.5],
      turn: [0, angle, -0.35 * angle],
    })
  }
  for (const side of [-1, 1]) {
    place(ball(scene, 'bun', 0.2), head, paint.hair, { at: [0.21 * side, 0.5, 0.06] })
    place(ball(scene, 'bunShine', 0.07), head, paint.hairShine, { at: [0.23 * side, 0.56, -0.01] })
    place(ball(scene, 'eye', 0.085), head, paint.eye, { at: [0.1 * side, 0.25, -0.255], scale: [0.85, 1.35, 0.45] })
    place(ball(scene, 'eyeShine', 0.028), head, paint.eyeShine, { at: [0.1 * side + 0.014, 0.272, -0.274] })
    place(ball(scene, 'blush', 0.075), head, paint.blush, { at: [0.165 * side, 0.195, -0.21], scale: [1.4, 0.6, 0.35] })
  }
  place(ball(scene, 'mouth', 0.045), head, paint.mouth, { at: [0, 0.16, -0.255], scale: [1.5, 0.55, 0.4] })
}

function buildArm(scene: Scene, shoulder: TransformNode, paint: Materials, side: number): void {
  // The hang angle lives on a child so the swaying shoulder keeps a zero rest rotation.
  const hang = new TransformNode('armHang', scene)
  hang.parent = shoulder
  hang.rotation.z = 0.28 * side
  place(ball(scene, 'sleeve', 0.15), hang, paint.top, { at: [0, -0.02, 0] })
  place(CreateCapsule('arm', { radius: 0.048, height: 0.46 }, scene), hang, paint.skin, { at: [0, -0.22, 0] })
  place(ball(scene, 'hand', 0.105), hang, paint.skin, { at: [0, -0.46, 0] })
}
