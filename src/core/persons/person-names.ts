/**
 * A person's names as the page shows them: always the name as written in its source,
 * and beside it the normalised form the linkage engine compares (never in its place).
 */
import { detectScript, normalizeName } from '../names/index.js'
import type { PersonRecordFields } from '../records/record-fields.js'

const CHAIN = ['first_name', 'father_name', 'grandfather_name', 'family_name'] as const

export interface NameForms {
  /** As written: the full name, or the name chain in Syrian order. Null when unnamed. */
  written: string | null
  /** The normalised form; null when it would read the same as the written one. */
  normalised: string | null
  /** Script of the written name (`arabic`, `latin`, `mixed`, …) for the `dir`/`lang` attributes. */
  script: string | null
  motherWritten: string | null
}

/** The written and normalised forms of a record's name. */
export function nameForms(fields: PersonRecordFields): NameForms {
  const full = fields.full_name?.trim()
  const written =
    full !== undefined && full !== ''
      ? full
      : CHAIN.map((k) => fields[k]?.trim())
          .filter((v): v is string => v !== undefined && v !== '')
          .join(' ') || null
  const mother =
    [fields.mother_name, fields.mother_family_name]
      .map((v) => v?.trim())
      .filter((v): v is string => v !== undefined && v !== '')
      .join(' ') || null
  if (written === null) return { written, normalised: null, script: null, motherWritten: mother }
  const normalised = normalizeName(written)
  return {
    written,
    normalised: normalised === '' || normalised === written ? null : normalised,
    script: detectScript(written),
    motherWritten: mother,
  }
}
