import { describe, expect, it } from 'vitest'
import { fillCondition } from '../../../systems/face/conditionVector.ts'
import type { ConditionField } from '../../../systems/face/sidecar.ts'
import { ExpressionWeights } from '../../../systems/avatar/index.ts'

const FIELDS: ConditionField[] = ['aa', 'ih', 'ou', 'ee', 'oh', 'blinkLeft', 'blinkRight', 'happy', 'surprised', 'angry']
  .map((name) => ({ name, neutral: 0 }))

/** Mixed weights as the mixer leaves them: `resolved` filled for the avatar's names. */
function resolved(values: Record<string, number>) {
  const weights = new ExpressionWeights(Object.keys(values))
  for (const [name, w] of Object.entries(values)) weights.resolved.values[weights.slotOf(name)] = w
  return weights.resolved
}

describe('the expression vector c', () => {
  it('takes each field from the expression of the same name, in sidecar order', () => {
    const weights = resolved({ aa: 0.7, happy: 0.25, angry: 1, sad: 0.9 })
    const c = new Float32Array(FIELDS.length)
    fillCondition(c, FIELDS, (n) => weights.get(n))
    expect(Array.from(c)).toEqual([0.699999988079071, 0, 0, 0, 0, 0, 0, 0.25, 0, 1])
  })

  it('closes both eyes for VRM blink, the expression idle life writes', () => {
    const weights = resolved({ blink: 0.8, blinkLeft: 0.3, blinkRight: 0 })
    const c = new Float32Array(FIELDS.length)
    fillCondition(c, FIELDS, (n) => weights.get(n))
    expect(c[5]).toBeCloseTo(0.8)
    expect(c[6]).toBeCloseTo(0.8)
  })

  it('keeps the larger of a one-eyed blink and blink', () => {
    const weights = resolved({ blink: 0.2, blinkLeft: 1 })
    const c = new Float32Array(FIELDS.length)
    fillCondition(c, FIELDS, (n) => weights.get(n))
    expect(c[5]).toBe(1)
    expect(c[6]).toBeCloseTo(0.2)
  })

  it('uses the neutral value for expressions the avatar does not have', () => {
    const fields: ConditionField[] = [{ name: 'aa', neutral: 0 }, { name: 'mouthWide', neutral: 0.5 }]
    const c = new Float32Array(2)
    fillCondition(c, fields, () => undefined)
    expect(Array.from(c)).toEqual([0, 0.5])
  })

  it('clamps weights to 0..1', () => {
    const c = new Float32Array(1)
    fillCondition(c, [{ name: 'aa', neutral: 0 }], () => 1.7)
    expect(c[0]).toBe(1)
  })

  it('says whether anything changed, so a still face is not generated again', () => {
    const c = new Float32Array(FIELDS.length).fill(Number.NaN)
    let aa = 0.5
    expect(fillCondition(c, FIELDS, (n) => (n === 'aa' ? aa : 0))).toBe(true)
    expect(fillCondition(c, FIELDS, (n) => (n === 'aa' ? aa : 0))).toBe(false)
    aa = 0.6
    expect(fillCondition(c, FIELDS, (n) => (n === 'aa' ? aa : 0))).toBe(true)
  })
})
