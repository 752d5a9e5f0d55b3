/**
 * A person's names as written in their source. Athar never shows only a normalised or
 * transliterated form: what the family or the register wrote comes first, letter for letter.
 */
import type { PersonFields } from '../../api/cases.api.js'

export const NAME_PARTS = [
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
] as const
export type NamePart = (typeof NAME_PARTS)[number]

function textOf(fields: PersonFields, key: string): string | undefined {
  const v = fields[key]
  return typeof v === 'string' && v.trim() !== '' ? v : undefined
}

/** The full name as written, or the name chain (first, father, grandfather, family) joined. */
export function nameAsWritten(fields: PersonFields | null): string | undefined {
  if (fields === null) return undefined
  const full = textOf(fields, 'full_name')
  if (full !== undefined) return full
  const chain = (['first_name', 'father_name', 'grandfather_name', 'family_name'] as const)
    .map((k) => textOf(fields, k))
    .filter((x): x is string => x !== undefined)
  return chain.length > 0 ? chain.join(' ') : undefined
}

/** The name parts that were written, in the order of the Syrian name chain. */
export function writtenNameParts(fields: PersonFields | null): Array<[NamePart, string]> {
  if (fields === null) return []
  return NAME_PARTS.flatMap((k) => {
    const v = textOf(fields, k)
    return v === undefined ? [] : [[k, v] as [NamePart, string]]
  })
}
