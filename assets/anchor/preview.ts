// A bare viewer for the generated anchor: Babylon's plain glTF loader (it ignores the VRM
// extensions), with expressions applied by reading VRMC_vrm from the file here. For looking at
// the generator's output, not part of the studio. Open with `npm start` then
//   /assets/anchor/preview.html?view=face&expr=happy
// Query: file (default anchor.vrm), view (face | bust | full | side | back), expr (expression name),
// weight (0..1, default 1), yaw / pitch (eye bone turn, degrees).
import { Engine } from '@babylonjs/core/Engines/engine'
import { Scene } from '@babylonjs/core/scene'
import { UniversalCamera } from '@babylonjs/core/Cameras/universalCamera'
import { HemisphericLight } from '@babylonjs/core/Lights/hemisphericLight'
import { DirectionalLight } from '@babylonjs/core/Lights/directionalLight'
import { Color3, Color4 } from '@babylonjs/core/Maths/math.color'
import { Quaternion, Vector3 } from '@babylonjs/core/Maths/math.vector'
import { ImportMeshAsync } from '@babylonjs/core/Loading/sceneLoader'
import type { Material } from '@babylonjs/core/Materials/material'
import { PBRMaterial } from '@babylonjs/core/Materials/PBR/pbrMaterial'
import { Texture } from '@babylonjs/core/Materials/Textures/texture'
import type { AbstractMesh } from '@babylonjs/core/Meshes/abstractMesh'
import '@babylonjs/loaders/glTF/glTFFileLoader'
import '@babylonjs/loaders/glTF/2.0/glTFLoader'
import { registerBuiltInGLTFExtensions } from '@babylonjs/loaders/glTF/2.0/Extensions/dynamic'

interface VrmJson {
  nodes: { name: string; mesh?: number }[]
  meshes: { extras?: { targetNames?: string[] } }[]
  materials: { name: string }[]
  extensions?: { VRMC_vrm?: { expressions?: { preset?: Record<string, ExpressionJson>; custom?: Record<string, ExpressionJson> } } }
}
interface ExpressionJson {
  morphTargetBinds?: { node: number; index: number; weight: number }[]
  materialColorBinds?: { material: number; type: string; targetValue: number[] }[]
  textureTransformBinds?: { material: number; scale?: number[]; offset?: number[] }[]
}

const VIEWS: Record<string, { eye: [number, number, number]; target: [number, number, number]; fov: number }> = {
  face: { eye: [0, 1.43, 1.5], target: [0, 1.41, 0], fov: 0.16 },
  bust: { eye: [0, 1.38, 1.5], target: [0, 1.28, 0], fov: 0.42 },
  full: { eye: [0, 1.0, 3.4], target: [0, 0.8, 0], fov: 0.55 },
  side: { eye: [2.6, 1.1, 1.4], target: [0, 0.85, 0], fov: 0.6 },
  back: { eye: [-0.3, 1.2, -3.2], target: [0, 0.95, 0], fov: 0.6 },
}

/** The JSON chunk of a GLB file. */
function glbJson(bytes: ArrayBuffer): VrmJson {
  const view = new DataView(bytes)
  const length = view.getUint32(12, true)
  return JSON.parse(new TextDecoder().decode(new Uint8Array(bytes, 20, length))) as VrmJson
}

function applyExpression(json: VrmJson, meshes: AbstractMesh[], materials: Material[], name: string, weight: number): void {
  const vrm = json.extensions?.VRMC_vrm?.expressions
  const e = vrm?.preset?.[name] ?? vrm?.custom?.[name]
  if (!e) throw new Error(`no expression ${name}`)
  for (const bind of e.morphTargetBinds ?? []) {
    const target = json.meshes[json.nodes[bind.node].mesh!].extras?.targetNames?.[bind.index]
    for (const m of meshes) {
      const manager = m.morphTargetManager
      if (!manager) continue
      for (let i = 0; i < manager.numTargets; i++) if (manager.getTarget(i).name === target) manager.getTarget(i).influence += bind.weight * weight
    }
  }
  for (const bind of e.materialColorBinds ?? []) {
    const mat = materials.find((m) => m.name === json.materials[bind.material].name)
    if (mat instanceof PBRMaterial && bind.type === 'color') {
      const [r, g, b, a] = bind.targetValue
      mat.albedoColor = Color3.Lerp(mat.albedoColor, new Color3(r, g, b), weight)
      mat.alpha = mat.alpha + (a - mat.alpha) * weight
    }
  }
  for (const bind of e.textureTransformBinds ?? []) {
    const mat = materials.find((m) => m.name === json.materials[bind.material].name)
    const tex = mat instanceof PBRMaterial ? mat.albedoTexture : null
    if (tex instanceof Texture) {
      // glTF's UV origin is the top-left; Babylon's loader flips v, so the offset mirrors in v.
      const [sx, sy] = bind.scale ?? [1, 1]
      const [ox, oy] = bind.offset ?? [0, 0]
      tex.uScale = 1 + (sx - 1) * weight
      tex.vScale = 1 + (sy - 1) * weight
      tex.uOffset = ox * weight
      tex.vOffset = oy * weight
    }
  }
}

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search)
  const canvas = document.getElementById('preview') as HTMLCanvasElement
  const engine = new Engine(canvas, true, { preserveDrawingBuffer: true })
  const scene = new Scene(engine)
  scene.clearColor = Color4.FromHexString('#C9B8E8FF')
  const fill = new HemisphericLight('fill', new Vector3(0.2, 1, -0.3), scene)
  fill.intensity = 0.75
  fill.groundColor = Color3.FromHexString('#B9A7C9')
  const key = new DirectionalLight('key', new Vector3(0.45, -0.6, -0.75), scene)
  key.intensity = 1.6
  const view = VIEWS[params.get('view') ?? 'bust'] ?? VIEWS.bust
  const camera = new UniversalCamera('camera', new Vector3(...view.eye), scene)
  camera.setTarget(new Vector3(...view.target))
  camera.fov = view.fov
  camera.minZ = 0.05
  registerBuiltInGLTFExtensions()
  const url = new URL(params.get('file') ?? './anchor.vrm', location.href).href
  const bytes = await (await fetch(url)).arrayBuffer()
  const json = glbJson(bytes)
  const result = await ImportMeshAsync(new Uint8Array(bytes), scene, { pluginExtension: '.glb' })
  const expr = params.get('expr')
  if (expr) applyExpression(json, result.meshes, scene.materials, expr, Number(params.get('weight') ?? '1'))
  const yaw = Number(params.get('yaw') ?? '0')
  const pitch = Number(params.get('pitch') ?? '0')
  if (yaw || pitch) {
    for (const name of ['Eye_L', 'Eye_R']) {
      const node = scene.getTransformNodeByName(name)
      if (node) node.rotationQuaternion = Quaternion.RotationYawPitchRoll((yaw * Math.PI) / 180, (pitch * Math.PI) / 180, 0)
    }
  }
  engine.runRenderLoop(() => scene.render())
  await scene.whenReadyAsync()
  scene.render()
  // Two frames after ready, so the screenshot sees the finished image.
  await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)))
  document.body.dataset.previewReady = ''
}

main().catch((e: unknown) => {
  document.body.dataset.previewError = String(e)
})
