// Which morph targets and material changes make each VRM expression of the anchor.
import type { ExpressionSpec, MorphRef } from './scene.ts'

/** The mesh holding every face morph. */
export const FEATURES_MESH = 'FaceFeatures'

const m = (morph: string, weight = 1): MorphRef => ({ mesh: FEATURES_MESH, morph, weight })

type Override = ExpressionSpec['overrideBlink']

interface Options {
  readonly materialColors?: ExpressionSpec['materialColors']
  readonly textureTransforms?: ExpressionSpec['textureTransforms']
  readonly isBinary?: boolean
  readonly blink?: Override
  readonly lookAt?: Override
  readonly mouth?: Override
}

function expression(name: string, preset: boolean, morphs: MorphRef[], o: Options = {}): ExpressionSpec {
  return {
    name,
    preset,
    morphs,
    materialColors: o.materialColors ?? [],
    textureTransforms: o.textureTransforms ?? [],
    isBinary: o.isBinary ?? false,
    overrideBlink: o.blink ?? 'none',
    overrideLookAt: o.lookAt ?? 'none',
    overrideMouth: o.mouth ?? 'none',
  }
}

/** The blush material at full strength: the `happy` flush. */
const BLUSH_ON = { material: 'Blush', type: 'color' as const, target: [1, 1, 1, 0.85] as const }

/**
 * Every expression: the 18 VRM 1.0 presets, then the custom ones. Emotions keep lip-sync
 * working (overrideMouth none) except `surprised`, whose round mouth would fight the visemes.
 */
export function buildExpressions(): ExpressionSpec[] {
  return [
    expression('aa', true, [m('Mouth_A')]),
    expression('ih', true, [m('Mouth_I')]),
    expression('ou', true, [m('Mouth_U')]),
    expression('ee', true, [m('Mouth_E')]),
    expression('oh', true, [m('Mouth_O')]),
    expression('blink', true, [m('Eye_Close_L'), m('Eye_Close_R')]),
    expression('blinkLeft', true, [m('Eye_Close_L')]),
    expression('blinkRight', true, [m('Eye_Close_R')]),
    // Closed ^^ eyes: blinking on top would close them twice.
    expression('happy', true, [m('Eye_Joy_L'), m('Eye_Joy_R'), m('Brow_Joy'), m('Mouth_Joy')], { materialColors: [BLUSH_ON], blink: 'block' }),
    expression('angry', true, [m('Eye_Angry'), m('Brow_Angry'), m('Mouth_Angry')], { blink: 'blend' }),
    expression('sad', true, [m('Eye_Sorrow'), m('Brow_Sorrow'), m('Mouth_Sorrow')], { blink: 'blend' }),
    expression('relaxed', true, [m('Eye_Relax'), m('Brow_Joy', 0.4), m('Mouth_Relax')], { blink: 'blend' }),
    // Wide eyes with shrunken irises: the iris texture is scaled up 1.35× about its centre.
    expression('surprised', true, [m('Eye_Surprised'), m('Brow_Surprised'), m('Mouth_Surprised')], {
      textureTransforms: [{ material: 'Iris', scale: [1.35, 1.35], offset: [-0.175, -0.175] }],
      blink: 'block',
      mouth: 'blend',
    }),
    expression('lookUp', true, [m('Iris_Up')]),
    expression('lookDown', true, [m('Iris_Down')]),
    expression('lookLeft', true, [m('Iris_Left')]),
    expression('lookRight', true, [m('Iris_Right')]),
    expression('neutral', true, [m('Mouth_Neutral')]),
    // Custom: a playful wink, right eye closed in an arc, a small smile.
    expression('wink', false, [m('Eye_Joy_R'), m('Brow_Joy', 0.5), m('Mouth_Joy', 0.5)], { materialColors: [{ ...BLUSH_ON, target: [1, 1, 1, 0.5] }], blink: 'block' }),
  ]
}
