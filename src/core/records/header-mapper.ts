/**
 * Maps the header row of a table (CSV or XLSX) to the spec's fields
 * (shared/spec/record-csv.md): the spec's own names, Arabic and English aliases that lists
 * and registers use, and an explicit mapping from the caller, which wins. Unknown columns are
 * kept as extra attributes under their header as written, never an error.
 */
import type { ImportIssue } from './import-issue.js'
import type { HeaderMappingEntry } from './record-import-result.js'
import { isRecordField, RECORD_FIELDS, type RecordField } from './record-fields.js'

/**
 * Header aliases by field, as people write them. Compared after {@link normalizeHeaderText},
 * so case, spacing, `_`/`-`, apostrophes, tashkeel, tatweel and hamza forms do not matter
 * (`اسم الأب` = `اسم الاب`, `Father's name` = `fathers_name`).
 */
export const HEADER_ALIASES: Readonly<Record<RecordField, readonly string[]>> = {
  record_id: [
    'id',
    'record',
    'record no',
    'record number',
    'serial',
    'serial number',
    'رقم السجل',
    'المعرف',
    'معرف',
    'الرقم التسلسلي',
    'تسلسل',
    'التسلسل',
  ],
  source: ['source kind', 'source type', 'المصدر', 'نوع المصدر'],
  full_name: [
    'full name',
    'complete name',
    'name',
    'الاسم',
    'اسم',
    'الاسم الكامل',
    'الاسم الثلاثي',
    'الاسم الرباعي',
    'الاسم والشهرة',
    'الاسم والكنية',
  ],
  first_name: ['first name', 'firstname', 'given name', 'forename', 'الاسم الأول', 'الاسم الاول'],
  father_name: ["father's name", 'father name', 'father', 'اسم الأب', 'اسم الاب', 'الأب', 'الاب'],
  grandfather_name: ["grandfather's name", 'grandfather name', 'grandfather', 'اسم الجد', 'الجد'],
  family_name: [
    'surname',
    'last name',
    'lastname',
    'family name',
    'family',
    'الشهرة',
    'الكنية',
    'العائلة',
    'اسم العائلة',
    'النسبة',
    'اللقب',
  ],
  mother_name: ["mother's name", 'mother name', 'mother', 'اسم الأم', 'اسم الام', 'الأم', 'الام'],
  mother_family_name: [
    "mother's family name",
    "mother's surname",
    'mother family name',
    'mother surname',
    'كنية الأم',
    'نسبة الأم',
    'شهرة الأم',
    'عائلة الأم',
  ],
  sex: ['gender', 'الجنس'],
  birth_date: [
    'dob',
    'date of birth',
    'birth date',
    'birthdate',
    'born',
    'تاريخ الولادة',
    'تاريخ الميلاد',
    'المواليد',
    'مواليد',
    'التولد',
    'تولد',
  ],
  age: ['age (years)', 'العمر', 'السن'],
  recorded_on: [
    'recorded on',
    'date recorded',
    'report date',
    'registration date',
    'تاريخ التسجيل',
    'تاريخ الإبلاغ',
    'تاريخ البلاغ',
    'تاريخ التقرير',
  ],
  birth_place: [
    'place of birth',
    'birth place',
    'birthplace',
    'pob',
    'مكان الولادة',
    'مكان الميلاد',
    'محل الولادة',
    'محل الميلاد',
  ],
  national_id: [
    'national id',
    'national number',
    'national id number',
    'nid',
    'الرقم الوطني',
    'رقم وطني',
    'الرقم الوطني السوري',
  ],
  last_seen_date: [
    'last seen date',
    'date last seen',
    'date of disappearance',
    'disappearance date',
    'تاريخ آخر مشاهدة',
    'تاريخ الاختفاء',
    'تاريخ الفقدان',
  ],
  last_seen_place: [
    'last seen place',
    'place last seen',
    'last seen',
    'آخر مكان شوهد فيه',
    'مكان آخر مشاهدة',
    'مكان الاختفاء',
    'مكان الفقدان',
  ],
  detention_place: [
    'detention place',
    'place of detention',
    'detention',
    'prison',
    'مكان الاحتجاز',
    'مكان الاعتقال',
    'السجن',
    'الفرع',
    'الفرع الأمني',
  ],
  notes: ['note', 'comments', 'comment', 'remarks', 'ملاحظات', 'ملاحظة'],
}

// Arabic tashkeel and Latin accents fall to NFD + dropping marks; that also folds أ/إ/آ to ا
// (Person Finder's text_query.normalize does the same; tracing-anchors §1.4).
const MARKS = /\p{Mn}/gu
const TATWEEL = /\u0640/g
const APOSTROPHES = /['’‘`ʼ]/g
const SEPARATORS = /[\s_\-./:()[\]#]+/g

/**
 * Headers that mean "the name": the whole name when the file has no other name column,
 * the given name when it also has a father's or family name column (Syrian lists write
 * `الاسم | اسم الأب | الكنية`).
 */
const AMBIGUOUS_NAME_HEADERS = new Set(['name', 'الاسم', 'اسم'].map(normalizeHeaderText))

/** Fold a header for comparison: case, spacing, separators, apostrophes, tashkeel, tatweel, hamza, ى/ي, ة/ه. */
export function normalizeHeaderText(text: string): string {
  return text
    .normalize('NFD')
    .replace(MARKS, '')
    .replace(TATWEEL, '')
    .replace(APOSTROPHES, '')
    .toLowerCase()
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(SEPARATORS, ' ')
    .trim()
}

const ALIAS_INDEX: ReadonlyMap<string, RecordField> = buildAliasIndex()

function buildAliasIndex(): Map<string, RecordField> {
  const index = new Map<string, RecordField>()
  for (const field of RECORD_FIELDS) {
    index.set(normalizeHeaderText(field), field)
    for (const alias of HEADER_ALIASES[field]) index.set(normalizeHeaderText(alias), field)
  }
  return index
}

/** The field a header names by the spec or an alias, or undefined (an extra column). */
export function findFieldForHeader(header: string): RecordField | undefined {
  return ALIAS_INDEX.get(normalizeHeaderText(header))
}

/** The header row understood: one entry per column, plus the problems found. */
export interface HeaderMapping {
  entries: HeaderMappingEntry[]
  errors: ImportIssue[]
  warnings: ImportIssue[]
}

/** Map a header row to spec fields; an explicit `columnMapping` wins over the spec names and aliases. */
export function mapHeaderRow(
  headers: readonly string[],
  columnMapping: Readonly<Record<string, string>> = {},
  headerRow = 1,
): HeaderMapping {
  const errors: ImportIssue[] = []
  const warnings: ImportIssue[] = []
  const mappingByText = new Map<string, string>()
  for (const [key, field] of Object.entries(columnMapping)) {
    mappingByText.set(key.trim(), field)
    mappingByText.set(normalizeHeaderText(key), field)
  }
  const usedMappingKeys = new Set<string>()

  const entries: HeaderMappingEntry[] = headers.map((raw, index) => {
    const column = raw.trim() === '' ? `column ${columnLetter(index)}` : raw.trim()
    const normalized = normalizeHeaderText(column)
    const mapped = mappingByText.get(column) ?? mappingByText.get(normalized)
    if (mapped !== undefined) {
      usedMappingKeys.add(normalized)
      if (isRecordField(mapped)) return { column, index, field: mapped, via: 'mapping' }
      errors.push({
        code: 'invalid_column_mapping',
        row: headerRow,
        column,
        value: mapped,
        reason: `The column mapping sends "${column}" to "${mapped}", which is not a field of the format. Use one of: ${RECORD_FIELDS.join(', ')}.`,
      })
      return { column, index, field: undefined, via: 'extra' }
    }
    const field = ALIAS_INDEX.get(normalized)
    if (field === undefined) return { column, index, field: undefined, via: 'extra' }
    return {
      column,
      index,
      field,
      via: normalized === normalizeHeaderText(field) ? 'spec' : 'alias',
    }
  })

  for (const key of Object.keys(columnMapping)) {
    if (!usedMappingKeys.has(normalizeHeaderText(key))) {
      warnings.push({
        code: 'mapping_column_not_found',
        row: headerRow,
        column: key,
        reason: `The column mapping names "${key}", but the file has no such column; the mapping for it was not used.`,
      })
    }
  }

  resolveAmbiguousName(entries)

  const byField = new Map<RecordField, HeaderMappingEntry>()
  for (const entry of entries) {
    if (entry.field === undefined) continue
    const first = byField.get(entry.field)
    if (first === undefined) {
      byField.set(entry.field, entry)
      continue
    }
    errors.push({
      code: 'duplicate_column',
      row: headerRow,
      column: entry.column,
      reason: `The columns "${first.column}" and "${entry.column}" both mean ${entry.field}. Delete or rename one of them, or give an explicit column mapping.`,
    })
  }

  // Two extra columns with the same header must not overwrite each other in `extra`.
  const seenExtra = new Map<string, number>()
  for (const entry of entries) {
    if (entry.field !== undefined) continue
    const count = (seenExtra.get(entry.column) ?? 0) + 1
    seenExtra.set(entry.column, count)
    if (count > 1) entry.column = `${entry.column} (${count})`
  }
  return { entries, errors, warnings }
}

function resolveAmbiguousName(entries: HeaderMappingEntry[]): void {
  const fields = new Set(entries.map((e) => e.field))
  const hasParts =
    fields.has('father_name') || fields.has('family_name') || fields.has('grandfather_name')
  if (!hasParts || fields.has('first_name')) return
  for (const entry of entries) {
    if (
      entry.via === 'alias' &&
      entry.field === 'full_name' &&
      AMBIGUOUS_NAME_HEADERS.has(normalizeHeaderText(entry.column))
    ) {
      entry.field = 'first_name'
      return
    }
  }
}

/** Spreadsheet column letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let n = index + 1
  let letters = ''
  while (n > 0) {
    const rem = (n - 1) % 26
    letters = String.fromCharCode(65 + rem) + letters
    n = Math.floor((n - 1) / 26)
  }
  return letters
}
