/**
 * Export of person records and their notes as PFIF 1.4 XML (zesty.ca/pfif/1.4), streamed as
 * string chunks. Required fields are always present, fields in the standard order, datetimes
 * UTC `yyyy-mm-ddThh:mm:ssZ`. Our fields that PFIF has no element for (father's, mother's and
 * grandfather's names, national number, places, last-seen date, source kind, extra columns)
 * are written as `key: value` lines below a marker line in `description`, which PFIF readers
 * show as text and our importer reads back (pfif-importer.ts).
 */
import { escapeXmlText } from './pfif-xml.js'
import {
  ATHAR_DESCRIPTION_MARKER,
  PFIF14_NOTE_FIELDS,
  PFIF14_PERSON_FIELDS,
  PFIF_EXTRA_PREFIX,
  pfifNamespace,
  type Pfif14NoteField,
  type Pfif14PersonField,
} from './pfif-fields.js'
import type { PersonNote } from './person-note.js'
import type { PersonRecordFields, RecordField } from './record-fields.js'

/** One person to export, with its notes. */
export interface PfifExportItem {
  record: PersonRecordFields
  notes?: readonly PersonNote[] | undefined
}

/** Options of {@link exportPfif14}. */
export interface PfifExportOptions {
  /** Our PFIF domain (`athar.example.org`): ids are written `<domain>/<record_id>`. */
  domain: string
  /** The export time, UTC `yyyy-mm-ddThh:mm:ssZ` (core has no clock: the caller passes it). */
  exportedAt: string
  /** `source_name` of records that do not carry one; default the domain. */
  sourceName?: string | undefined
}

// Our fields with no PFIF element, written into the description block, in this order.
const DESCRIPTION_FIELDS = [
  'source',
  'father_name',
  'grandfather_name',
  'mother_name',
  'mother_family_name',
  'birth_place',
  'national_id',
  'last_seen_date',
  'last_seen_place',
  'detention_place',
] as const satisfies readonly RecordField[]

// pfif.<field> extras written back as PFIF elements.
const PASSTHROUGH_FIELDS: ReadonlySet<string> = new Set([
  'entry_date',
  'expiry_date',
  'author_name',
  'author_email',
  'author_phone',
  'source_name',
  'source_url',
  'alternate_names',
  'home_street',
  'home_neighborhood',
  'home_city',
  'home_state',
  'home_postal_code',
  'home_country',
  'photo_url',
  'profile_urls',
])
// pfif.<field> extras that the mapping itself consumes (see personElements).
const CONSUMED_EXTRAS: ReadonlySet<string> = new Set(['full_name', 'sex', 'age', 'source_date'])

// A domain has a dot (`example.org`); `2024/15` is a local id, not a PFIF id.
const FOREIGN_PFIF_ID = /^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+\/\S/

/** The PFIF id of a record id: kept when it is already `<domain>/<id>`, else prefixed with ours. */
export function toPfifRecordId(id: string, domain: string): string {
  return FOREIGN_PFIF_ID.test(id) ? id : `${domain}/${id}`
}

/** Stream PFIF 1.4 XML for the records (an iterable or async iterable), chunk by chunk. */
export async function* exportPfif14(
  items: Iterable<PfifExportItem> | AsyncIterable<PfifExportItem>,
  options: PfifExportOptions,
): AsyncGenerator<string> {
  yield `<?xml version="1.0" encoding="UTF-8"?>\n<pfif:pfif xmlns:pfif="${pfifNamespace('1.4')}">\n`
  for await (const item of items) yield personXml(item, options)
  yield '</pfif:pfif>\n'
}

function personXml(item: PfifExportItem, options: PfifExportOptions): string {
  const personId = toPfifRecordId(item.record.record_id, options.domain)
  let xml = '  <pfif:person>\n'
  const values = personElements(item.record, personId, options)
  for (const field of PFIF14_PERSON_FIELDS) {
    const value = values.get(field)
    if (value !== undefined) xml += `    <pfif:${field}>${escapeXmlText(value)}</pfif:${field}>\n`
  }
  for (const note of item.notes ?? []) xml += noteXml(note, personId, options)
  return `${xml}  </pfif:person>\n`
}

function personElements(
  record: PersonRecordFields,
  personId: string,
  options: PfifExportOptions,
): Map<Pfif14PersonField, string> {
  const out = new Map<Pfif14PersonField, string>()
  const extra = record.extra
  const pfif = (name: string): string | undefined => extra[`${PFIF_EXTRA_PREFIX}${name}`]
  // PFIF requires some fields we may not have; those we make up are listed as `derived`
  // in the description so that our importer ignores them.
  const derived: string[] = []

  out.set('person_record_id', personId)
  for (const name of PASSTHROUGH_FIELDS) {
    const value = pfif(name)
    if (value !== undefined) out.set(name as Pfif14PersonField, value)
  }
  if (!out.has('entry_date')) {
    out.set('entry_date', options.exportedAt)
    derived.push('entry_date')
  }
  if (!out.has('source_name')) {
    out.set('source_name', options.sourceName ?? options.domain)
    derived.push('source_name')
  }

  const keptSourceDate = pfif('source_date')
  const recordedDay =
    record.recorded_on !== undefined && record.recorded_on.length === 10
      ? record.recorded_on
      : undefined
  if (
    keptSourceDate !== undefined &&
    recordedDay !== undefined &&
    keptSourceDate.startsWith(recordedDay)
  ) {
    out.set('source_date', keptSourceDate)
  } else if (recordedDay !== undefined) {
    out.set('source_date', `${recordedDay}T00:00:00Z`)
  } else {
    out.set('source_date', options.exportedAt)
    derived.push('source_date')
  }

  const keptFullNames = pfif('full_name')
  if (record.full_name !== undefined) {
    out.set(
      'full_name',
      keptFullNames?.split(/\r?\n/)[0]?.trim() === record.full_name
        ? keptFullNames
        : record.full_name,
    )
  } else {
    const parts = [
      record.first_name,
      record.father_name,
      record.grandfather_name,
      record.family_name,
    ]
    const composed = parts.filter((p) => p !== undefined).join(' ')
    out.set('full_name', composed === '' ? '(name unknown)' : composed)
    derived.push('full_name')
  }
  if (record.first_name !== undefined) out.set('given_name', record.first_name)
  if (record.family_name !== undefined) out.set('family_name', record.family_name)

  if (record.sex !== undefined) out.set('sex', record.sex === 'M' ? 'male' : 'female')
  else if (pfif('sex') === 'other') out.set('sex', 'other')
  if (record.birth_date !== undefined) out.set('date_of_birth', record.birth_date)
  if (record.age !== undefined) {
    const range = pfif('age')
    out.set(
      'age',
      range !== undefined && midpoint(range) === record.age ? range : String(record.age),
    )
  }

  const lines: string[] = []
  for (const field of DESCRIPTION_FIELDS) {
    const value = record[field]
    if (value !== undefined) lines.push(`${field}: ${escapeLine(value)}`)
  }
  if (record.recorded_on !== undefined && recordedDay === undefined) {
    lines.push(`recorded_on: ${escapeLine(record.recorded_on)}`)
  }
  for (const [key, value] of Object.entries(extra)) {
    if (key.startsWith(PFIF_EXTRA_PREFIX)) {
      const name = key.slice(PFIF_EXTRA_PREFIX.length)
      if (PASSTHROUGH_FIELDS.has(name) || CONSUMED_EXTRAS.has(name)) continue
    }
    lines.push(`extra.${key}: ${escapeLine(value)}`)
  }
  if (derived.length > 0) lines.push(`derived: ${derived.join(' ')}`)
  const description = [
    record.notes,
    lines.length > 0 ? [ATHAR_DESCRIPTION_MARKER, ...lines].join('\n') : undefined,
  ]
    .filter((p) => p !== undefined)
    .join('\n')
  if (description !== '') out.set('description', description)
  return out
}

function noteXml(note: PersonNote, personId: string, options: PfifExportOptions): string {
  const values = new Map<Pfif14NoteField, string>()
  values.set('note_record_id', toPfifRecordId(note.note_record_id, options.domain))
  values.set('person_record_id', personId)
  if (note.linked_person_record_id !== undefined) {
    values.set('linked_person_record_id', note.linked_person_record_id)
  }
  values.set('entry_date', note.entry_date ?? options.exportedAt)
  values.set('author_name', note.author_name ?? options.sourceName ?? options.domain)
  if (note.author_email !== undefined) values.set('author_email', note.author_email)
  if (note.author_phone !== undefined) values.set('author_phone', note.author_phone)
  values.set('source_date', note.source_date ?? note.entry_date ?? options.exportedAt)
  if (note.author_made_contact !== undefined) {
    values.set('author_made_contact', String(note.author_made_contact))
  }
  if (note.status !== undefined) values.set('status', note.status)
  if (note.email_of_found_person !== undefined) {
    values.set('email_of_found_person', note.email_of_found_person)
  }
  if (note.phone_of_found_person !== undefined) {
    values.set('phone_of_found_person', note.phone_of_found_person)
  }
  if (note.last_known_location !== undefined) {
    values.set('last_known_location', note.last_known_location)
  }
  values.set('text', note.text ?? '')
  if (note.photo_url !== undefined) values.set('photo_url', note.photo_url)
  let xml = '    <pfif:note>\n'
  for (const field of PFIF14_NOTE_FIELDS) {
    const value = values.get(field)
    if (value !== undefined) xml += `      <pfif:${field}>${escapeXmlText(value)}</pfif:${field}>\n`
  }
  return `${xml}    </pfif:note>\n`
}

function midpoint(range: string): number | undefined {
  const m = /^(\d+)-(\d+)$/.exec(range)
  return m === null ? undefined : Math.floor((Number(m[1]) + Number(m[2])) / 2)
}

/** Escape a description line value so that it stays on one line (`\n`, `\r`, `\\`). */
export function escapeLine(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
}
