/**
 * Import of PFIF 1.1–1.4 XML (persons and their notes, nested or top-level) into person
 * records. Field names of older versions are read as their 1.4 names; PFIF fields we have no
 * column for are kept in `extra` under `pfif.<field>`; the description block that our own
 * exporter writes (pfif-exporter.ts) is read back into our fields. All-or-nothing like CSV.
 */
import { hashBytes } from './csv-record-importer.js'
import { parseAge, parseNationalId, parsePartialDate, parseSex } from './field-value-parser.js'
import { IssueCollector, type ImportIssue, type ImportIssueCode } from './import-issue.js'
import { isNoteStatus, type PersonNote } from './person-note.js'
import {
  ATHAR_DESCRIPTION_MARKER,
  PFIF_EXTRA_PREFIX,
  PFIF_RENAMED_FIELDS,
  PFIF_VERSIONS,
  pfifNamespace,
} from './pfif-fields.js'
import { parseXmlTree, type XmlElement } from './pfif-xml.js'
import type { ImportedRecord, ImportMeta, RecordImportResult } from './record-import-result.js'
import { isRecordField, type PersonRecordFields } from './record-fields.js'
import { decodeText } from './text-decoder.js'

/** Options of the PFIF importer. */
export interface PfifImportOptions {
  /**
   * Our own PFIF domain: ids `<localDomain>/<id>` become `<id>` (records we exported come
   * back with their ids). Ids of other domains are kept whole.
   */
  localDomain?: string | undefined
  /** Errors and warnings kept in the result (all are counted). Default 1000. */
  maxIssues?: number | undefined
}

// PFIF person fields that map onto ours (the rest goes to extra as pfif.<field>).
const CONSUMED_PERSON_FIELDS = new Set([
  'person_record_id',
  'full_name',
  'given_name',
  'family_name',
  'description',
  'sex',
  'date_of_birth',
  'age',
  'source_date',
  'note',
])

/** Parse PFIF XML (1.1–1.4) into person records with their notes, all or nothing. Never throws on input. */
export function parsePfif(bytes: Uint8Array, options: PfifImportOptions = {}): RecordImportResult {
  const issues = new IssueCollector(options.maxIssues)
  const meta: ImportMeta = {
    format: 'pfif',
    sha256: hashBytes(bytes),
    byteLength: bytes.byteLength,
    rowCount: 0,
    headerMapping: [],
    errorCount: 0,
    warningCount: 0,
  }
  const records: ImportedRecord[] = []
  const unattachedNotes: PersonNote[] = []
  const finish = (): RecordImportResult => {
    meta.errorCount = issues.errorCount
    meta.warningCount = issues.warningCount
    if (issues.isTruncated()) {
      const note: ImportIssue = {
        code: 'too_many_issues',
        reason: `Only the first problems are listed: ${issues.errorCount} errors and ${issues.warningCount} warnings in all.`,
      }
      if (issues.hasErrors()) issues.errors.push(note)
      else issues.warnings.push(note)
    }
    if (issues.hasErrors()) {
      return { ok: false, errors: issues.errors, warnings: issues.warnings, meta }
    }
    return { ok: true, records, warnings: issues.warnings, unattachedNotes, meta }
  }

  const decoded = decodeText(bytes)
  if (!decoded.ok) {
    issues.addError(decoded.issue)
    return finish()
  }
  meta.encoding = decoded.encoding
  meta.bom = decoded.bom
  if (decoded.text.trim() === '') {
    issues.addError({ code: 'empty_file', reason: 'The file is empty.' })
    return finish()
  }
  const tree = parseXmlTree(decoded.text)
  if (!tree.ok) {
    issues.addError({
      code: 'invalid_xml',
      row: tree.line,
      reason: `The file is not well-formed XML${tree.line === undefined ? '' : ` (line ${tree.line})`}: ${tree.message}`,
    })
    return finish()
  }
  const root = tree.root
  const version = PFIF_VERSIONS.find((v) => root.namespace === pfifNamespace(v))
  if (root.name !== 'pfif' || version === undefined) {
    issues.addError({
      code: 'not_pfif',
      reason: `This XML is not PFIF: the root element must be <pfif> in the namespace ${pfifNamespace('1.4')} (or 1.1–1.3); it is <${root.name}>${root.namespace === '' ? '' : ` in ${root.namespace}`}.`,
    })
    return finish()
  }
  meta.pfifVersion = version
  const ns = root.namespace

  const byPfifId = new Map<string, ImportedRecord>()
  const seenIds = new Map<string, number>()
  const seenNotes = new Set<string>()
  let personIndex = 0
  for (const element of root.children) {
    if (element.namespace !== ns || element.name !== 'person') continue
    personIndex++
    const row = personIndex
    const fields = readFields(element, ns)
    const pfifId = fields.get('person_record_id')
    const record = toRecord(fields, row, options, issues)
    const notes: PersonNote[] = []
    for (const child of element.children) {
      if (child.namespace !== ns || child.name !== 'note') continue
      const note = toNote(readFields(child, ns), row, pfifId, seenNotes, issues)
      if (note !== undefined) notes.push(note)
    }
    if (record === undefined) continue
    const first = seenIds.get(record.record_id)
    if (first !== undefined) {
      issues.addError({
        code: 'duplicate_record_id',
        row,
        column: 'person_record_id',
        value: pfifId,
        reason: `The person_record_id "${pfifId ?? ''}" is already used by person ${first}. Every person needs its own id.`,
      })
      continue
    }
    seenIds.set(record.record_id, row)
    const imported: ImportedRecord = { row, record, notes }
    if (pfifId !== undefined) byPfifId.set(pfifId, imported)
    records.push(imported)
  }
  meta.rowCount = personIndex

  for (const element of root.children) {
    if (element.namespace !== ns || element.name !== 'note') continue
    const note = toNote(readFields(element, ns), undefined, undefined, seenNotes, issues)
    if (note === undefined) continue
    const person =
      note.person_record_id === undefined ? undefined : byPfifId.get(note.person_record_id)
    if (person !== undefined) {
      person.notes.push(note)
      continue
    }
    unattachedNotes.push(note)
    issues.addWarning({
      code: 'note_without_person',
      column: 'person_record_id',
      value: note.person_record_id,
      reason: `The note "${note.note_record_id}" is about a person who is not in this file; it is kept apart.`,
    })
  }
  if (personIndex === 0 && unattachedNotes.length === 0 && !issues.hasErrors()) {
    issues.addError({ code: 'header_only', reason: 'The PFIF file holds no person and no note.' })
  }
  if (issues.hasErrors()) records.length = 0
  return finish()
}

/** The fields of a PFIF element by 1.4 name (first occurrence wins), text trimmed, blanks dropped. */
function readFields(element: XmlElement, ns: string): Map<string, string> {
  const fields = new Map<string, string>()
  for (const child of element.children) {
    if (child.name === 'note' && child.namespace === ns) continue
    const name =
      child.namespace === ns ? (PFIF_RENAMED_FIELDS[child.name] ?? child.name) : child.name
    const value = child.text.trim()
    if (value !== '' && !fields.has(name)) fields.set(name, value)
  }
  return fields
}

function toRecord(
  source: ReadonlyMap<string, string>,
  row: number,
  options: PfifImportOptions,
  issues: IssueCollector,
): PersonRecordFields | undefined {
  const errorsBefore = issues.errorCount
  const fields = new Map(source)
  const description = splitDescription(fields.get('description'))
  for (const name of description.derived) fields.delete(name)

  const pfifId = fields.get('person_record_id')
  const record: PersonRecordFields = { record_id: '', extra: {} }
  if (pfifId === undefined) {
    issues.addError({
      code: 'missing_record_id',
      row,
      column: 'person_record_id',
      reason:
        'This person has no person_record_id. PFIF requires one, in the form domain/local-id.',
    })
  } else {
    const local = options.localDomain === undefined ? undefined : `${options.localDomain}/`
    record.record_id =
      local !== undefined && pfifId.startsWith(local) ? pfifId.slice(local.length) : pfifId
  }

  const fullName = fields.get('full_name')
  if (fullName !== undefined) {
    // PFIF full_name is one name per line; the first is the name, all are kept.
    const lines = fullName.split(/\r?\n/).map((l) => l.trim())
    const first = lines.find((l) => l !== '')
    if (first !== undefined) record.full_name = first
    if (lines.filter((l) => l !== '').length > 1) {
      record.extra[`${PFIF_EXTRA_PREFIX}full_name`] = fullName
    }
  }
  const given = fields.get('given_name')
  if (given !== undefined) record.first_name = given
  const family = fields.get('family_name')
  if (family !== undefined) record.family_name = family
  if (description.notes !== undefined) record.notes = description.notes

  const sex = fields.get('sex')
  if (sex === 'other') record.extra[`${PFIF_EXTRA_PREFIX}sex`] = sex
  else if (sex === 'male' || sex === 'female') record.sex = sex === 'male' ? 'M' : 'F'
  else if (sex !== undefined) {
    const tolerant = parseSex(sex)
    if (tolerant.ok) record.sex = tolerant.value
    else {
      issues.addError({
        code: 'invalid_sex',
        row,
        column: 'sex',
        value: sex,
        reason: 'PFIF sex must be female, male or other.',
      })
    }
  }

  const dob = fields.get('date_of_birth')
  if (dob !== undefined) {
    const date = parsePartialDate(dob, { acceptDayFirst: false })
    if (date.ok) record.birth_date = date.value
    else {
      issues.addError({
        code: 'invalid_date',
        row,
        column: 'date_of_birth',
        value: dob,
        reason: date.reason,
      })
    }
  }

  const age = fields.get('age')
  if (age !== undefined) {
    const parsed = parseAge(age)
    if (!parsed.ok) {
      issues.addError({
        code: 'invalid_age',
        row,
        column: 'age',
        value: age,
        reason: parsed.reason,
      })
    } else {
      record.age = parsed.value.age
      if (parsed.value.range !== undefined) {
        record.extra[`${PFIF_EXTRA_PREFIX}age`] = parsed.value.range
        issues.addWarning({
          code: 'age_range_midpoint',
          row,
          column: 'age',
          value: age,
          reason: parsed.note ?? '',
        })
      }
    }
  }

  const sourceDate = fields.get('source_date')
  if (sourceDate !== undefined) {
    const day = /^(\d{4}-\d{2}-\d{2})(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(sourceDate)
    const date = day === null ? undefined : parsePartialDate(day[1]!, { acceptDayFirst: false })
    if (date === undefined || !date.ok) {
      issues.addError({
        code: 'invalid_datetime',
        row,
        column: 'source_date',
        value: sourceDate,
        reason: 'PFIF source_date must be a UTC date and time: yyyy-mm-ddThh:mm:ssZ.',
      })
    } else {
      record.recorded_on = date.value
      // The time of day has no column of ours; keep the value unless it is only the day.
      if (sourceDate !== `${date.value}T00:00:00Z`) {
        record.extra[`${PFIF_EXTRA_PREFIX}source_date`] = sourceDate
      }
    }
  }

  for (const [name, value] of fields) {
    if (!CONSUMED_PERSON_FIELDS.has(name)) record.extra[`${PFIF_EXTRA_PREFIX}${name}`] = value
  }
  applyAtharFields(record, description.fields, row, issues)
  return issues.errorCount === errorsBefore ? record : undefined
}

/** Our description block read back: notes above the marker, `key: value` lines below. */
interface DescriptionParts {
  notes: string | undefined
  fields: [string, string][]
  /** PFIF fields the exporter made up because PFIF requires them (to be ignored). */
  derived: string[]
}

/** Split a PFIF description into the notes and the fields our exporter wrote below the marker. */
export function splitDescription(description: string | undefined): DescriptionParts {
  if (description === undefined) return { notes: undefined, fields: [], derived: [] }
  const lines = description.split(/\r?\n/)
  const at = lines.findIndex((l) => l.trim() === ATHAR_DESCRIPTION_MARKER)
  if (at === -1) return { notes: description, fields: [], derived: [] }
  const notes = lines.slice(0, at).join('\n').trim()
  const fields: [string, string][] = []
  let derived: string[] = []
  for (const line of lines.slice(at + 1)) {
    const colon = line.indexOf(': ')
    if (colon === -1) continue
    const key = line.slice(0, colon).trim()
    const value = unescapeLine(line.slice(colon + 2))
    if (key === 'derived') derived = value.split(/\s+/).filter((d) => d !== '')
    else fields.push([key, value])
  }
  return { notes: notes === '' ? undefined : notes, fields, derived }
}

/**
 * Our fields from the description block. They come from a file, so they are checked like a
 * CSV cell: a foreign feed could write the marker too.
 */
function applyAtharFields(
  record: PersonRecordFields,
  fields: readonly [string, string][],
  row: number,
  issues: IssueCollector,
): void {
  const fail = (code: ImportIssueCode, key: string, value: string, reason: string): void =>
    issues.addError({ code, row, column: `description (${key})`, value, reason })
  for (const [key, value] of fields) {
    if (key.startsWith('extra.')) {
      record.extra[key.slice('extra.'.length)] = value
    } else if (key === 'birth_date' || key === 'recorded_on' || key === 'last_seen_date') {
      const date = parsePartialDate(value, { acceptDayFirst: false })
      if (date.ok) record[key] = date.value
      else fail('invalid_date', key, value, date.reason)
    } else if (key === 'national_id') {
      const id = parseNationalId(value)
      if (id.ok) record.national_id = id.value
      else fail('invalid_national_id', key, value, id.reason)
    } else if (key === 'age') {
      const age = parseAge(value)
      if (age.ok) record.age = age.value.age
      else fail('invalid_age', key, value, age.reason)
    } else if (key === 'sex') {
      const sex = parseSex(value)
      if (sex.ok) record.sex = sex.value
      else fail('invalid_sex', key, value, sex.reason)
    } else if (isRecordField(key) && key !== 'record_id') {
      record[key as 'notes'] = value
    }
  }
}

/** Undo the escaping of a description line (`\n`, `\r`, `\\`). */
export function unescapeLine(value: string): string {
  return value.replace(/\\([\\nr])/g, (_, c: string) =>
    c === 'n' ? '\n' : c === 'r' ? '\r' : '\\',
  )
}

function toNote(
  fields: ReadonlyMap<string, string>,
  row: number | undefined,
  parentId: string | undefined,
  seen: Set<string>,
  issues: IssueCollector,
): PersonNote | undefined {
  const errorsBefore = issues.errorCount
  const id = fields.get('note_record_id')
  if (id === undefined) {
    issues.addError({
      code: 'missing_note_record_id',
      row,
      column: 'note_record_id',
      reason: 'A note has no note_record_id. PFIF requires one, in the form domain/local-id.',
    })
    return undefined
  }
  if (seen.has(id)) {
    issues.addError({
      code: 'duplicate_note_record_id',
      row,
      column: 'note_record_id',
      value: id,
      reason: `The note_record_id "${id}" is used twice. Every note needs its own id.`,
    })
    return undefined
  }
  seen.add(id)
  const note: PersonNote = { note_record_id: id }
  const status = fields.get('status')
  if (status !== undefined) {
    if (isNoteStatus(status)) note.status = status
    else {
      issues.addError({
        code: 'invalid_note_status',
        row,
        column: 'status',
        value: status,
        reason:
          'A note status must be information_sought, is_note_author, believed_alive, believed_missing or believed_dead.',
      })
    }
  }
  const contact = fields.get('author_made_contact')?.toLowerCase()
  if (contact === 'true' || contact === 'false') note.author_made_contact = contact === 'true'
  const text = (name: string): string | undefined => fields.get(name)
  note.person_record_id = text('person_record_id') ?? parentId
  note.linked_person_record_id = text('linked_person_record_id')
  note.entry_date = text('entry_date')
  note.author_name = text('author_name')
  note.author_email = text('author_email')
  note.author_phone = text('author_phone')
  note.source_date = text('source_date')
  note.email_of_found_person = text('email_of_found_person')
  note.phone_of_found_person = text('phone_of_found_person')
  note.last_known_location = text('last_known_location')
  note.text = text('text')
  note.photo_url = text('photo_url')
  for (const key of Object.keys(note) as (keyof PersonNote)[]) {
    if (note[key] === undefined) delete note[key]
  }
  return issues.errorCount === errorsBefore ? note : undefined
}
