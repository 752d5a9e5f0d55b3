/**
 * The curated variant table: frequent Syrian names, each an Arabic form with the Latin
 * spellings that Wikidata person labels attest for it. The data file is the project's own,
 * derived by scripts/derive-variant-table.ts from NETransliteration-COLING2018 (CC0); its
 * header names the source, the licence and the filter.
 */
import table from './data/name-variants.json' with { type: 'json' }
import { unitKey } from './cross-script-key.js'
import { splitNameUnits } from './name-tokenizer.js'
import { levenshteinDistance } from './string-distance.js'

/** One group of the variant table: one name, its Arabic forms and attested Latin spellings. */
export interface VariantGroup {
  readonly id: number
  readonly arabic: readonly string[]
  /** Latin spelling and the number of Wikidata labels that attest it (0 = curated addition). */
  readonly latin: ReadonlyArray<readonly [string, number]>
}

const GROUPS: readonly VariantGroup[] = table.groups as unknown as VariantGroup[]

const NO_GROUPS: readonly number[] = []

/** Canonical unit form → ids of the groups that list it (a Latin spelling may be shared). */
const INDEX: ReadonlyMap<string, readonly number[]> = buildIndex()

function buildIndex(): Map<string, number[]> {
  const index = new Map<string, number[]>()
  const add = (form: string, id: number): void => {
    const ids = index.get(form)
    if (ids === undefined) index.set(form, [id])
    else if (!ids.includes(id)) ids.push(id)
  }
  for (const g of GROUPS) {
    for (const a of g.arabic) add(a, g.id)
    for (const [l] of g.latin) add(l, g.id)
  }
  // The most attested group first, so variantGroup() returns the dominant reading.
  for (const ids of index.values()) ids.sort((x, y) => weight(y) - weight(x))
  return index
}

function weight(id: number): number {
  const g = GROUPS[id - 1]
  return g === undefined ? 0 : g.latin.reduce((n, [, c]) => n + c, 0)
}

/** All groups of an already canonical unit (normalizeName form of one name). */
export function variantGroupsOfUnit(unit: string): readonly number[] {
  return INDEX.get(unit) ?? NO_GROUPS
}

/** The id of the curated variant group a single name token belongs to, if any. */
export function variantGroup(token: string): number | undefined {
  const units = splitNameUnits(token)
  if (units.length !== 1) return undefined
  return variantGroupsOfUnit(units[0]!.norm)[0]
}

/** Skeleton key of a group's Arabic forms → the groups sharing it, for keys shared by two or more. */
let sharedKeys: ReadonlyMap<string, readonly number[]> | undefined

function groupsSharingKey(key: string): readonly number[] | undefined {
  if (sharedKeys === undefined) {
    const byKey = new Map<string, number[]>()
    for (const g of GROUPS) {
      for (const a of g.arabic) {
        const k = unitKey(a, true)
        const ids = byKey.get(k) ?? []
        if (!ids.includes(g.id)) ids.push(g.id)
        byKey.set(k, ids)
      }
    }
    sharedKeys = new Map([...byKey].filter(([, ids]) => ids.length > 1))
  }
  return sharedKeys.get(key)
}

/** Answers of nearestGroupOfLatinSpelling (−1 = none); bounded, cleared when full. */
const nearestMemo = new Map<string, number>()

/**
 * For a Latin spelling the table does not list, whose skeleton several listed names share
 * (Djamal: جمال or جميل? Husein: حسين or حسن?), the group whose attested spellings are
 * nearest by edit distance (jamal, husein ~ hussein); undefined when the skeleton is not
 * shared or two groups are equally near. The vowels the skeleton drops tell these apart.
 */
export function nearestGroupOfLatinSpelling(unit: string, key: string): number | undefined {
  const ids = groupsSharingKey(key)
  if (ids === undefined) return undefined
  const memoKey = unit + '|' + key
  const known = nearestMemo.get(memoKey)
  if (known !== undefined) return known < 0 ? undefined : known
  const found = nearestAmong(ids, unit)
  if (nearestMemo.size >= 100_000) nearestMemo.clear()
  nearestMemo.set(memoKey, found ?? -1)
  return found
}

function nearestAmong(ids: readonly number[], unit: string): number | undefined {
  let best: number | undefined
  let bestDistance = Infinity
  let tie = false
  for (const id of ids) {
    const g = GROUPS[id - 1]
    if (g === undefined) continue
    for (const [latin] of g.latin) {
      const d = levenshteinDistance(unit, latin)
      if (d < bestDistance) {
        bestDistance = d
        best = id
        tie = false
      } else if (d === bestDistance && best !== id) tie = true
    }
  }
  return tie ? undefined : best
}

/** The group with this id, for display and for generators of synthetic spellings. */
export function findVariantGroup(id: number): VariantGroup | undefined {
  const g = GROUPS[id - 1]
  return g?.id === id ? g : undefined
}

/** Number of groups in the table. */
export const VARIANT_GROUP_COUNT: number = GROUPS.length
