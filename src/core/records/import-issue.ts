/**
 * Problems found while reading a file of person records. Every problem names where it is
 * (row and column as a person sees them in a spreadsheet), the value, a stable `code` the
 * UI translates, and an English `reason` that says what to do about it.
 */

/** Stable codes of import problems; the UI keys its translations on these. */
export const IMPORT_ISSUE_CODES = [
  // whole-file problems
  'empty_file',
  'binary_file',
  'unknown_encoding',
  'header_only',
  'malformed_csv',
  'invalid_xlsx',
  'sheet_not_found',
  'invalid_xml',
  'not_pfif',
  'missing_record_id_column',
  'duplicate_column',
  'invalid_column_mapping',
  'mapping_column_not_found',
  'mixed_encoding',
  'too_many_issues',
  // row problems
  'too_many_cells',
  'missing_record_id',
  'duplicate_record_id',
  'invalid_date',
  'date_read_day_first',
  'invalid_sex',
  'invalid_age',
  'age_range_midpoint',
  'invalid_national_id',
  'unusual_national_id_length',
  'note_without_person',
  'missing_note_record_id',
  'duplicate_note_record_id',
  'invalid_note_status',
  'invalid_datetime',
] as const

/** One of {@link IMPORT_ISSUE_CODES}. */
export type ImportIssueCode = (typeof IMPORT_ISSUE_CODES)[number]

/** One problem of an import: an error (nothing is imported) or a warning (imported as noted). */
export interface ImportIssue {
  code: ImportIssueCode
  /** 1-based spreadsheet row (header = row 1); for PFIF the 1-based index of the person; absent for whole-file problems. */
  row?: number | undefined
  /** The column header as written in the file (PFIF: the field name); absent when no single column is at fault. */
  column?: string | undefined
  /** The offending value as written (trimmed, cut to 200 characters). */
  value?: string | undefined
  /** English, actionable: what is wrong and what to write instead. */
  reason: string
}

/** How many issues of each kind an import keeps before it only counts them. */
export const DEFAULT_MAX_ISSUES = 1000

const MAX_VALUE_LENGTH = 200

/**
 * Collects errors and warnings, keeping at most `maxIssues` of each (a million bad rows must
 * not become a million objects) while counting all of them.
 */
export class IssueCollector {
  readonly errors: ImportIssue[] = []
  readonly warnings: ImportIssue[] = []
  errorCount = 0
  warningCount = 0

  constructor(private readonly maxIssues: number = DEFAULT_MAX_ISSUES) {}

  /** Record an error: the import as a whole will be refused. */
  addError(issue: ImportIssue): void {
    this.errorCount++
    if (this.errors.length < this.maxIssues) this.errors.push(clipIssue(issue))
  }

  /** Record a warning: the row is imported as described by the reason. */
  addWarning(issue: ImportIssue): void {
    this.warningCount++
    if (this.warnings.length < this.maxIssues) this.warnings.push(clipIssue(issue))
  }

  /** True once any error was recorded. */
  hasErrors(): boolean {
    return this.errorCount > 0
  }

  /** True when some issues were counted but not kept. */
  isTruncated(): boolean {
    return this.errorCount > this.errors.length || this.warningCount > this.warnings.length
  }
}

function clipIssue(issue: ImportIssue): ImportIssue {
  const value = issue.value
  if (value === undefined || value.length <= MAX_VALUE_LENGTH) return issue
  return { ...issue, value: `${value.slice(0, MAX_VALUE_LENGTH)}…` }
}
