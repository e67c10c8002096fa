import { describe, expect, it } from 'vitest'
import {
  FAVOURITES_STORAGE_KEY, FavouritesError, favouritesToJson, loadFavourites, parseFavourites, saveFavourites,
  type FaceFavourite, type KeyValueStore,
} from '../../../systems/face/index.ts'

const z = (v: number, n = 100) => Array.from({ length: n }, () => v)
const memory = (): KeyValueStore & { map: Map<string, string> } => {
  const map = new Map<string, string>()
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) }
}

describe('face favourites', () => {
  const list: FaceFavourite[] = [{ name: 'Mika', z: z(0.25), seed: 12 }, { name: 'Between', z: z(-1), seed: null }]

  it('round-trips through JSON', () => {
    expect(parseFavourites(favouritesToJson(list, 100), 100)).toEqual(list)
  })

  it('trims names', () => {
    const text = favouritesToJson([{ name: '  Ai  ', z: z(0), seed: null }], 100)
    expect(parseFavourites(text, 100)[0].name).toBe('Ai')
  })

  const refusals: [string, string, RegExp][] = [
    ['text that is not JSON', '{nope', /not JSON/],
    ['another kind of file', JSON.stringify({ format: 'other' }), /not a GenAnchor face favourites file/],
    ['another version', JSON.stringify({ format: 'genanchor-face-favourites', version: 3, nz: 100, favourites: [] }), /version 3/],
    ['favourites for another generator', favouritesToJson(list, 128), /128 latent numbers; the loaded one has 100/],
    ['a short z', favouritesToJson([{ name: 'a', z: z(0, 99), seed: null }], 100), /list of 100 numbers/],
    ['a z that is not finite', JSON.stringify({ format: 'genanchor-face-favourites', version: 1, nz: 100, favourites: [{ name: 'a', z: z(0), seed: null }] }).replace('"z":[0,', '"z":[1e999,'), /not a number between/],
    ['an outlandish z', favouritesToJson([{ name: 'a', z: z(50), seed: null }], 100), /between −8 and 8/],
    ['an empty name', favouritesToJson([{ name: '   ', z: z(0), seed: null }], 100), /name of 1 to 80/],
    ['a negative seed', favouritesToJson([{ name: 'a', z: z(0), seed: -4 }], 100), /seed/],
  ]
  for (const [what, text, message] of refusals) {
    it(`refuses ${what}`, () => {
      expect(() => parseFavourites(text, 100)).toThrow(FavouritesError)
      expect(() => parseFavourites(text, 100)).toThrow(message)
    })
  }

  it('keeps favourites in a store and loads them back', () => {
    const store = memory()
    saveFavourites(store, list, 100)
    expect(store.map.has(FAVOURITES_STORAGE_KEY)).toBe(true)
    expect(loadFavourites(store, 100)).toEqual({ favourites: list, problem: null })
  })

  it('loads nothing from an empty store, and says why a damaged entry was skipped', () => {
    const store = memory()
    expect(loadFavourites(store, 100)).toEqual({ favourites: [], problem: null })
    store.setItem(FAVOURITES_STORAGE_KEY, '{"format":"genanchor-face-favourites"')
    const loaded = loadFavourites(store, 100)
    expect(loaded.favourites).toEqual([])
    expect(loaded.problem).toMatch(/Saved favourites could not be read/)
  })
})
