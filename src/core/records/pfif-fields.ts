/**
 * PFIF vocabulary (zesty.ca/pfif/1.4; Person Finder app/pfif.py, as summarised in
 * shared/reference/tracing-anchors.md §1.1): field lists in standard order, renames between
 * versions, enumerations and value formats.
 */

/** PFIF namespace URI of a version: `http://zesty.ca/pfif/1.4`. */
export function pfifNamespace(version: string): string {
  return `http://zesty.ca/pfif/${version}`
}

/** The PFIF versions read. */
export const PFIF_VERSIONS = ['1.1', '1.2', '1.3', '1.4'] as const

/** PFIF 1.4 person fields, in the standard order. */
export const PFIF14_PERSON_FIELDS = [
  'person_record_id',
  'entry_date',
  'expiry_date',
  'author_name',
  'author_email',
  'author_phone',
  'source_name',
  'source_date',
  'source_url',
  'full_name',
  'given_name',
  'family_name',
  'alternate_names',
  'description',
  'sex',
  'date_of_birth',
  'age',
  'home_street',
  'home_neighborhood',
  'home_city',
  'home_state',
  'home_postal_code',
  'home_country',
  'photo_url',
  'profile_urls',
] as const

/** A PFIF 1.4 person field. */
export type Pfif14PersonField = (typeof PFIF14_PERSON_FIELDS)[number]

/** PFIF 1.4 note fields, in the standard order. */
export const PFIF14_NOTE_FIELDS = [
  'note_record_id',
  'person_record_id',
  'linked_person_record_id',
  'entry_date',
  'author_name',
  'author_email',
  'author_phone',
  'source_date',
  'author_made_contact',
  'status',
  'email_of_found_person',
  'phone_of_found_person',
  'last_known_location',
  'text',
  'photo_url',
] as const

/** A PFIF 1.4 note field. */
export type Pfif14NoteField = (typeof PFIF14_NOTE_FIELDS)[number]

/** Mandatory fields of PFIF 1.3+ (person) and of notes. */
export const PFIF14_REQUIRED_PERSON_FIELDS = [
  'person_record_id',
  'source_date',
  'full_name',
] as const
export const PFIF14_REQUIRED_NOTE_FIELDS = [
  'note_record_id',
  'author_name',
  'source_date',
  'text',
] as const

/**
 * Older names and their PFIF 1.4 names (1.2 renamed home_zip; 1.4 renamed first_name,
 * last_name, other, found). Applied to every version on import.
 */
export const PFIF_RENAMED_FIELDS: Readonly<Record<string, string>> = {
  first_name: 'given_name',
  last_name: 'family_name',
  other: 'description',
  home_zip: 'home_postal_code',
  found: 'author_made_contact',
}

/** PFIF person sex values (without the empty value). */
export const PFIF_SEX_VALUES = ['female', 'male', 'other'] as const

/** UTC datetime `yyyy-mm-ddThh:mm:ssZ`. */
export const PFIF_DATETIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\dZ$/
/** Date of birth `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. */
export const PFIF_DATE_OF_BIRTH = /^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/
/** Age `NN` or an inclusive range `NN-MM`. */
export const PFIF_AGE = /^\d+(-\d+)?$/
/** Record id `<domain>/<local-id>`. */
export const PFIF_RECORD_ID = /^[^/\s]+\/\S.*$/

/** The prefix of PFIF fields kept in a record's `extra`. */
export const PFIF_EXTRA_PREFIX = 'pfif.'

/**
 * The line that opens, in a PFIF `description`, the fields of ours that PFIF has no element
 * for (`father_name: …`). Everything above it is the record's `notes`.
 */
export const ATHAR_DESCRIPTION_MARKER = '--- athar record fields ---'
