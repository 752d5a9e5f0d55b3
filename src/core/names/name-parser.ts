/**
 * Splitting a whole name (`full_name`) into first / father / grandfather / family, in the
 * Syrian order of civil and security records (record-csv.md): first, father, (grandfather),
 * family. Compounds are one part (عبد الرحمن, Abdul Rahman, Nour al-Din, أبو بكر, Al Halabi).
 */
import { splitNameUnits } from './name-tokenizer.js'
import type { NameUnit } from './name-tokenizer.js'

/** A whole name split into its parts; `original` is always the text as given. */
export interface ParsedName {
  original: string
  first_name?: string | undefined
  father_name?: string | undefined
  grandfather_name?: string | undefined
  family_name?: string | undefined
}

/**
 * Second words that make a compound given name with محمد / Mohammad (محمد نور, محمد خير,
 * Mhd Kheir): frequent Syrian compounds. Joined only when the name has at least four parts,
 * because with three parts the second word is as likely the father's name.
 */
const MUHAMMAD_COMPOUND_SECONDS: ReadonlySet<string> = new Set([
  'نور',
  'خير',
  'nour',
  'nur',
  'noor',
  'kheir',
  'khair',
  'khayr',
  'kher',
])

const MUHAMMAD_FORMS: ReadonlySet<string> = new Set([
  'محمد',
  'mohammad',
  'mohammed',
  'mohamed',
  'mohamad',
  'muhammad',
  'muhammed',
  'mouhammad',
  'mouhamad',
])

/** Join محمد + نور/خير into one unit when the name is long enough (see above). */
function joinMuhammadCompound(units: NameUnit[], original: string): NameUnit[] {
  if (units.length < 4) return units
  const first = units[0]!
  const second = units[1]!
  if (!MUHAMMAD_FORMS.has(first.norm) || !MUHAMMAD_COMPOUND_SECONDS.has(second.norm)) return units
  const start = original.indexOf(first.raw)
  const end = original.indexOf(second.raw, start + first.raw.length) + second.raw.length
  const raw = start >= 0 && end > start ? original.slice(start, end) : `${first.raw} ${second.raw}`
  return [{ norm: first.norm + second.norm, raw, arabic: first.arabic }, ...units.slice(2)]
}

/**
 * Split a whole name into its parts when a record only has `full_name`. Keeps the original.
 * - 1 part → first; 2 → first, family; 3 → first, father, family; 4 → first, father,
 *   grandfather, family;
 * - 5 or more → first, father, grandfather and the last part as family; the parts between
 *   (great-grandfathers' names or a second family word) stay only in `original`;
 * - "FAMILY, First Father" (comma after the first part, as lists print it) → family first;
 * - parts keep their original spelling (ALL CAPS, diacritics); compounds and a separate
 *   article stay with their name (`Al Halabi`, `عبد الرحمن`).
 */
export function parseFullName(fullName: string): ParsedName {
  const parsed: ParsedName = { original: fullName }
  const comma = /[,،]/.exec(fullName)
  if (comma !== null) {
    const family = splitNameUnits(fullName.slice(0, comma.index))
    const given = splitNameUnits(fullName.slice(comma.index + 1))
    if (family.length >= 1 && given.length >= 1) {
      parsed.family_name = fullName.slice(0, comma.index).trim()
      parsed.first_name = given[0]!.raw
      if (given.length >= 2) parsed.father_name = given[1]!.raw
      if (given.length >= 3) parsed.grandfather_name = given[2]!.raw
      return parsed
    }
  }
  const units = joinMuhammadCompound(splitNameUnits(fullName), fullName)
  const n = units.length
  if (n === 0) return parsed
  parsed.first_name = units[0]!.raw
  if (n === 1) return parsed
  parsed.family_name = units[n - 1]!.raw
  if (n >= 3) parsed.father_name = units[1]!.raw
  if (n >= 4) parsed.grandfather_name = units[2]!.raw
  return parsed
}
