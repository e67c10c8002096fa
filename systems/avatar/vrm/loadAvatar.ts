// loadAvatar: a VRM file (0.x or 1.0) → an AvatarModel in a Babylon scene, or an AvatarLoadError.
import type { AssetContainer } from '@babylonjs/core/assetContainer'
import { LoadAssetContainerAsync } from '@babylonjs/core/Loading/sceneLoader'
import { Quaternion } from '@babylonjs/core/Maths/math.vector'
import { TransformNode } from '@babylonjs/core/Meshes/transformNode'
import type { Scene } from '@babylonjs/core/scene'
import type { AvatarModel } from '../model.ts'
import { assembleModel } from './assemble.ts'
import { ensureGltfLoader, listUsedExtensions } from './babylonGltf.ts'
import { disposeFailedLoad } from './cleanup.ts'
import { AvatarLoadError, AvatarLoadErrorCode } from './errors.ts'
import { explainError } from './explainError.ts'
import { collectorOptions, VRM_EXTENSION_NAMES, VrmCollector } from './extensions/index.ts'
import { checkEmbeddedResources, readGlb, readSource, type AvatarSource } from './file/index.ts'
import { GLTF_SPACE, planAvatar } from './plan/index.ts'

/** Where a load is: reading the bytes, checking them, building the Babylon scene, done. */
export type AvatarLoadPhase = 'reading' | 'checking' | 'building' | 'done'

/** Progress of a load: the phase and an overall fraction 0..1 (reading is the first 40 %). */
export interface AvatarLoadProgress {
  readonly phase: AvatarLoadPhase
  readonly fraction: number
}

/** Options of `loadAvatar`. */
export interface LoadAvatarOptions {
  /** Called as the load advances. Default: none. */
  onProgress?: (progress: AvatarLoadProgress) => void
}

/** Share of the progress bar given to reading the file; building takes most of the rest. */
const READ_SHARE = 0.4

/**
 * Loads a VRM 0.x or 1.0 avatar (a File, bytes or an address) into `scene`. The avatar comes back
 * hidden (`root` disabled) so the caller can show it when ready; it faces -Z, the studio camera.
 * On failure it rejects with an `AvatarLoadError` after disposing everything it built; nothing
 * else in the scene is touched.
 */
export async function loadAvatar(scene: Scene, source: AvatarSource, options: LoadAvatarOptions = {}): Promise<AvatarModel> {
  const report = options.onProgress ?? (() => {})
  try {
    report({ phase: 'reading', fraction: 0 })
    const { bytes, name } = await readSource(source, (read, total) => {
      if (total > 0) report({ phase: 'reading', fraction: READ_SHARE * Math.min(1, read / total) })
    })
    report({ phase: 'checking', fraction: READ_SHARE })
    const { json } = readGlb(bytes)
    checkEmbeddedResources(json)
    const plan = planAvatar(json)
    report({ phase: 'building', fraction: READ_SHARE + 0.05 })
    const model = await buildAvatar(scene, bytes, name, plan.format, plan.meta.name)
    report({ phase: 'done', fraction: 1 })
    return model
  } catch (err) {
    // Anything unexpected (a file shaped in a way no check foresaw) still reaches people as one sentence.
    throw explainError(err)
  }
}

async function buildAvatar(scene: Scene, bytes: Uint8Array, fileName: string, format: AvatarModel['format'], title: string): Promise<AvatarModel> {
  ensureGltfLoader()
  const { root, space } = createRoot(scene, title || fileName, format)
  const collector = new VrmCollector()
  let container: AssetContainer | null = null
  try {
    container = await LoadAssetContainerAsync(bytes, scene, {
      pluginExtension: '.glb',
      name: fileName,
      pluginOptions: {
        gltf: {
          customRootNode: space,
          // A file with both VRM 1.0 and 0.x data (left by converters) is read as 1.0.
          extensionOptions: collectorOptions(collector, VRM_EXTENSION_NAMES, format === 'vrm1' ? ['VRM'] : []),
          onParsed: (data) => listUsedExtensions(data.json as Parameters<typeof listUsedExtensions>[0], VRM_EXTENSION_NAMES),
        },
      },
    })
    if (!collector.core) {
      throw new AvatarLoadError(AvatarLoadErrorCode.broken, 'The VRM data of this file was not read; the file may be damaged.')
    }
    // The container then owns every node of the avatar, so disposing it releases everything.
    container.transformNodes.push(root, space, ...collector.extraNodes)
    container.addAllToScene()
    return assembleModel({ root, container, core: collector.core, springs: collector.springs ?? [] })
  } catch (err) {
    if (container) container.dispose()
    else disposeFailedLoad(collector)
    for (const node of collector.extraNodes) node.dispose()
    root.dispose(false, true)
    throw err
  }
}

/**
 * The avatar's root (hidden until the caller shows it) and, under it, the node that holds the glTF
 * scene in the format's orientation (see vrm/coordinates.ts). Both are made outside the scene, like
 * the loader's own objects, so the whole avatar joins the scene at once on success.
 */
function createRoot(scene: Scene, name: string, format: AvatarModel['format']): { root: TransformNode; space: TransformNode } {
  scene._blockEntityCollection = true
  const root = new TransformNode(`avatar: ${name}`, scene)
  const space = new TransformNode(`avatar: ${name} (glTF space)`, scene)
  scene._blockEntityCollection = false
  root.setEnabled(false)
  space.parent = root
  space.rotationQuaternion = Quaternion.RotationYawPitchRoll((GLTF_SPACE[format].yawDeg * Math.PI) / 180, 0, 0)
  space.scaling.set(...GLTF_SPACE[format].scale)
  return { root, space }
}
