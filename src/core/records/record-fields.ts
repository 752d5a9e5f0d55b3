/**
 * The vocabulary of one person record: the columns of the interchange format
 * (shared/spec/record-csv.md, version 1). Domain records keep the spec's column names
 * as their keys so that importers, the linkage engine, exports and the generator speak
 * one language without a mapping layer (docs/decisions/0002-record-field-names.md).
 */
export const RECORD_FIELDS = [
  'record_id',
  'source',
  'full_name',
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
  'sex',
  'birth_date',
  'age',
  'recorded_on',
  'birth_place',
  'national_id',
  'last_seen_date',
  'last_seen_place',
  'detention_place',
  'notes',
] as const

export type RecordField = (typeof RECORD_FIELDS)[number]

/** The name-bearing fields, in Syrian order of the name chain. */
export const NAME_FIELDS = [
  'full_name',
  'first_name',
  'father_name',
  'grandfather_name',
  'family_name',
  'mother_name',
  'mother_family_name',
] as const satisfies readonly RecordField[]

export type Sex = 'M' | 'F'

/**
 * One account of one person from one source, as read from a file or a form.
 * A missing value is `undefined`, never an empty string (the spec: a blank cell means unknown).
 * Dates keep the precision that was written: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
 */
export interface PersonRecordFields {
  record_id: string
  source?: string | undefined
  full_name?: string | undefined
  first_name?: string | undefined
  father_name?: string | undefined
  grandfather_name?: string | undefined
  family_name?: string | undefined
  mother_name?: string | undefined
  mother_family_name?: string | undefined
  sex?: Sex | undefined
  birth_date?: string | undefined
  age?: number | undefined
  recorded_on?: string | undefined
  birth_place?: string | undefined
  national_id?: string | undefined
  last_seen_date?: string | undefined
  last_seen_place?: string | undefined
  detention_place?: string | undefined
  notes?: string | undefined
  /** Columns the spec does not name, kept verbatim (the spec: unknown columns are never an error). */
  extra: Record<string, string>
}

/** True when `name` is one of the spec's columns. */
export function isRecordField(name: string): name is RecordField {
  return (RECORD_FIELDS as readonly string[]).includes(name)
}
