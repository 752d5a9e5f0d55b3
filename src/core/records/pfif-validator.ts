/**
 * Checks a PFIF 1.4 document against the rules of the format (zesty.ca/pfif/1.4; Person
 * Finder app/pfif.py): root and namespace, known fields only, standard field order, no field
 * twice, required fields, record id form, sex and note status enumerations, date, datetime
 * and age formats, and nested notes pointing at their person. Used by the exporter's tests.
 */
import {
  PFIF14_NOTE_FIELDS,
  PFIF14_PERSON_FIELDS,
  PFIF14_REQUIRED_NOTE_FIELDS,
  PFIF14_REQUIRED_PERSON_FIELDS,
  PFIF_AGE,
  PFIF_DATE_OF_BIRTH,
  PFIF_DATETIME,
  PFIF_RECORD_ID,
  PFIF_SEX_VALUES,
  pfifNamespace,
} from './pfif-fields.js'
import { isNoteStatus } from './person-note.js'
import { parseXmlTree, type XmlElement } from './pfif-xml.js'

/** One rule broken: where (`person[2]/note[1]/status`) and what. */
export interface PfifValidationIssue {
  path: string
  message: string
}

const NAMESPACE = pfifNamespace('1.4')
const DATETIME_FIELDS = new Set(['entry_date', 'expiry_date', 'source_date'])

/** Validate PFIF 1.4 XML; an empty list means valid. */
export function validatePfif14(xml: string): PfifValidationIssue[] {
  const tree = parseXmlTree(xml)
  if (!tree.ok) {
    return [
      {
        path: '',
        message: `not well-formed XML${tree.line === undefined ? '' : ` (line ${tree.line})`}: ${tree.message}`,
      },
    ]
  }
  const root = tree.root
  if (root.name !== 'pfif' || root.namespace !== NAMESPACE) {
    return [
      {
        path: root.name,
        message: `root must be <pfif> in ${NAMESPACE}, found <${root.name}> in "${root.namespace}"`,
      },
    ]
  }
  const issues: PfifValidationIssue[] = []
  let persons = 0
  let notes = 0
  for (const child of root.children) {
    if (child.namespace !== NAMESPACE) continue // other namespaces are extensions
    if (child.name === 'person') {
      persons++
      checkRecord(
        child,
        `person[${persons}]`,
        PFIF14_PERSON_FIELDS,
        PFIF14_REQUIRED_PERSON_FIELDS,
        issues,
      )
    } else if (child.name === 'note') {
      notes++
      checkRecord(child, `note[${notes}]`, PFIF14_NOTE_FIELDS, PFIF14_REQUIRED_NOTE_FIELDS, issues)
      if (fieldText(child, 'person_record_id') === undefined) {
        issues.push({
          path: `note[${notes}]`,
          message: 'a top-level note needs a person_record_id',
        })
      }
    } else {
      issues.push({ path: child.name, message: `unknown element <${child.name}> under <pfif>` })
    }
  }
  return issues
}

function checkRecord(
  element: XmlElement,
  path: string,
  order: readonly string[],
  required: readonly string[],
  issues: PfifValidationIssue[],
): void {
  const isPerson = element.name === 'person'
  let last = -1
  let afterNotes = false
  let noteCount = 0
  const seen = new Set<string>()
  for (const child of element.children) {
    if (child.namespace !== NAMESPACE) continue
    if (isPerson && child.name === 'note') {
      noteCount++
      afterNotes = true
      const notePath = `${path}/note[${noteCount}]`
      checkRecord(child, notePath, PFIF14_NOTE_FIELDS, PFIF14_REQUIRED_NOTE_FIELDS, issues)
      const about = fieldText(child, 'person_record_id')
      const personId = fieldText(element, 'person_record_id')
      if (about !== undefined && personId !== undefined && about !== personId) {
        issues.push({
          path: `${notePath}/person_record_id`,
          message: `a nested note must be about its person (${personId}), not ${about}`,
        })
      }
      continue
    }
    const at = order.indexOf(child.name)
    const fieldPath = `${path}/${child.name}`
    if (at === -1) {
      issues.push({
        path: fieldPath,
        message: `<${child.name}> is not a PFIF 1.4 ${element.name} field`,
      })
      continue
    }
    if (seen.has(child.name)) issues.push({ path: fieldPath, message: 'field appears twice' })
    else if (at < last) {
      issues.push({
        path: fieldPath,
        message: `out of order: must come before <${order[last] ?? ''}>`,
      })
    }
    if (afterNotes) {
      issues.push({ path: fieldPath, message: 'person fields must come before the nested notes' })
    }
    seen.add(child.name)
    last = Math.max(last, at)
    checkValue(child.name, child.text.trim(), fieldPath, isPerson, issues)
  }
  for (const name of required) {
    const value = fieldText(element, name)
    // PFIF requires the element; ids, names and dates must also hold a value.
    if (value === undefined && !(name === 'text' && hasField(element, name))) {
      issues.push({ path: `${path}/${name}`, message: 'required field missing or empty' })
    }
  }
}

function checkValue(
  name: string,
  value: string,
  path: string,
  isPerson: boolean,
  issues: PfifValidationIssue[],
): void {
  if (value === '') return
  const fail = (message: string): void =>
    void issues.push({ path, message: `${message}: "${value}"` })
  if (DATETIME_FIELDS.has(name)) {
    if (!PFIF_DATETIME.test(value)) fail('not a UTC datetime yyyy-mm-ddThh:mm:ssZ')
  } else if (name.endsWith('record_id')) {
    if (!PFIF_RECORD_ID.test(value)) fail('not a record id of the form domain/local-id')
  } else if (isPerson && name === 'sex') {
    if (!(PFIF_SEX_VALUES as readonly string[]).includes(value)) {
      fail('sex must be female, male or other')
    }
  } else if (name === 'date_of_birth') {
    if (!PFIF_DATE_OF_BIRTH.test(value)) fail('date_of_birth must be YYYY, YYYY-MM or YYYY-MM-DD')
  } else if (name === 'age') {
    if (!PFIF_AGE.test(value)) fail('age must be NN or NN-MM')
  } else if (name === 'status') {
    if (!isNoteStatus(value)) fail('unknown note status')
  } else if (name === 'author_made_contact') {
    if (value !== 'true' && value !== 'false') fail('author_made_contact must be true or false')
  }
}

function hasField(element: XmlElement, name: string): boolean {
  return element.children.some((c) => c.namespace === NAMESPACE && c.name === name)
}

function fieldText(element: XmlElement, name: string): string | undefined {
  const child = element.children.find((c) => c.namespace === NAMESPACE && c.name === name)
  const value = child?.text.trim()
  return value === undefined || value === '' ? undefined : value
}
