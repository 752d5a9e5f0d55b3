/**
 * Which records make a linkage conclusion sensitive. A match to a deceased record would
 * tell a family their relative is dead, so such a "same" needs two different reviewers
 * (docs/access.md, reviewer row) and is never linked automatically.
 *
 * "Deceased" is recognised conservatively — a false alarm costs one more review, a miss
 * could cost a family wrong news — from any of:
 * - the kind of source (`source_kind` or `source`): morgue, mortuary, forensic, death
 *   register, and their Arabic words (مشرحة، الطب الشرعي، وفيات، وفاة);
 * - an extra column about fate or status (`status`, `fate`, `vital_status`, `الحالة` …)
 *   whose value says dead (`deceased`, `dead`, `died`, `believed_dead`, `متوفى` …);
 * - PFIF notes whose status is `believed_dead` (PFIF 1.4 note status values);
 * - the free-text notes naming death (`deceased`, `died`, `death`, متوفى، توفي، وفاة).
 */
import type { PersonRecordFields } from '../core/records/record-fields.js'

const DEATH_SOURCE = /morgue|mortuary|forensic|death|deceased|مشرح|الطب الشرعي|وفي?ات|وفاة/i
const STATUS_KEY = /status|fate|vital|alive|dead|death|الحالة|المصير|وفاة/i
const DEAD_VALUE =
  /^\s*(deceased|dead|died|believed[_ ]dead|killed|متوف[ىياة]+|ميت|قتيل|شهيد|توفي)\s*$/i
const DEATH_NOTE = /\b(deceased|died|death)\b|متوف[ىياة]|توفي|توفّي|وفاة|believed_dead/i

/** True when a record says (or its source implies) that the person is dead. */
export function isDeceasedRecord(record: {
  sourceKind: string
  fields: PersonRecordFields
}): boolean {
  const f = record.fields
  if (
    DEATH_SOURCE.test(record.sourceKind) ||
    (f.source !== undefined && DEATH_SOURCE.test(f.source))
  ) {
    return true
  }
  for (const [key, value] of Object.entries(f.extra)) {
    if (key === 'pfif.notes') {
      if (value.includes('believed_dead')) return true
      continue
    }
    if (STATUS_KEY.test(key) && DEAD_VALUE.test(value)) return true
  }
  return f.notes !== undefined && DEATH_NOTE.test(f.notes)
}
