/**
 * The curated variant table: frequent Syrian names, each an Arabic form with the Latin
 * spellings that Wikidata person labels attest for it. The data file is the project's own,
 * derived by scripts/derive-variant-table.ts from NETransliteration-COLING2018 (CC0); its
 * header names the source, the licence and the filter.
 */
import table from './data/name-variants.json' with { type: 'json' }
import { splitNameUnits } from './name-tokenizer.js'

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

/** The group with this id, for display and for generators of synthetic spellings. */
export function findVariantGroup(id: number): VariantGroup | undefined {
  const g = GROUPS[id - 1]
  return g?.id === id ? g : undefined
}

/** Number of groups in the table. */
export const VARIANT_GROUP_COUNT: number = GROUPS.length
