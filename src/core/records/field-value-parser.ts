/**
 * Reading the typed cells of a person record (dates, sex, age, national number) as people
 * write them, into the spec's forms (shared/spec/record-csv.md). Each parser returns a value
 * or a reason a person can act on; none throws. Names are not touched here: originals are
 * sacred, normalisation belongs to the name engine.
 */
import type { Sex } from './record-fields.js'

/** A parsed value, possibly read in a tolerant way (then `note` says how, for a warning). */
export type ParsedValue<T> =
  { ok: true; value: T; note?: string | undefined } | { ok: false; reason: string }

const ARABIC_DIGIT = /[\u0660-\u0669\u06f0-\u06f9]/
const ARABIC_INDIC_ZERO = 0x0660
const EXTENDED_ARABIC_INDIC_ZERO = 0x06f0

/** Replace Arabic-Indic (٠-٩) and extended Arabic-Indic (۰-۹) digits with ASCII digits. */
export function toAsciiDigits(text: string): string {
  if (!ARABIC_DIGIT.test(text)) return text
  return text.replace(/[\u0660-\u0669\u06f0-\u06f9]/g, (d) => {
    const code = d.charCodeAt(0)
    const zero = code >= EXTENDED_ARABIC_INDIC_ZERO ? EXTENDED_ARABIC_INDIC_ZERO : ARABIC_INDIC_ZERO
    return String(code - zero)
  })
}

const DATE_HELP = 'Write the date as YYYY, YYYY-MM or YYYY-MM-DD (for example 1990-12-31).'
const MIN_YEAR = 1800
const MAX_YEAR = 2100

/** Options of {@link parsePartialDate}. */
export interface DateParseOptions {
  /** Read `31/12/1990` as day/month/year (Syrian usage) instead of refusing it. */
  acceptDayFirst: boolean
}

/**
 * Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (the spec), keeping the precision written. Also
 * accepted: one-digit month/day (`1990-1-5`), `YYYY/MM/DD`, a midnight time after the date
 * (spreadsheet exports), and, when allowed, day-first `DD/MM/YYYY` and `MM/YYYY` with a note.
 */
export function parsePartialDate(text: string, options: DateParseOptions): ParsedValue<string> {
  const t = toAsciiDigits(text.trim())
  let m = /^(\d{4})(?:[-/.](\d{1,2})(?:[-/.](\d{1,2})(?:[T ]00:00(?::00(?:\.0+)?)?Z?)?)?)?$/.exec(t)
  if (m !== null) return checkDate(m[1]!, m[2], m[3], undefined)

  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(t)
  if (m !== null) {
    if (!options.acceptDayFirst) {
      return { ok: false, reason: `"${t}" is not in the format of the file. ${DATE_HELP}` }
    }
    const parsed = checkDate(m[3]!, m[2], m[1], 'read as day/month/year')
    if (!parsed.ok) return parsed
    return {
      ok: true,
      value: parsed.value,
      note: `"${t}" was read as day/month/year: ${parsed.value}.`,
    }
  }

  m = /^(\d{1,2})[/.-](\d{4})$/.exec(t)
  if (m !== null) {
    if (!options.acceptDayFirst) {
      return { ok: false, reason: `"${t}" is not in the format of the file. ${DATE_HELP}` }
    }
    const parsed = checkDate(m[2]!, m[1], undefined, 'read as month/year')
    if (!parsed.ok) return parsed
    return {
      ok: true,
      value: parsed.value,
      note: `"${t}" was read as month/year: ${parsed.value}.`,
    }
  }
  return { ok: false, reason: `"${text.trim()}" is not a date. ${DATE_HELP}` }
}

function checkDate(
  yearText: string,
  monthText: string | undefined,
  dayText: string | undefined,
  readAs: string | undefined,
): ParsedValue<string> {
  const how = readAs === undefined ? '' : ` (${readAs})`
  const year = Number(yearText)
  if (year < MIN_YEAR || year > MAX_YEAR) {
    return {
      ok: false,
      reason: `The year ${yearText}${how} is out of range (${MIN_YEAR}–${MAX_YEAR}). ${DATE_HELP}`,
    }
  }
  if (monthText === undefined) return { ok: true, value: yearText }
  const month = Number(monthText)
  if (month < 1 || month > 12) {
    return { ok: false, reason: `There is no month ${month}${how}. ${DATE_HELP}` }
  }
  const mm = String(month).padStart(2, '0')
  if (dayText === undefined) return { ok: true, value: `${yearText}-${mm}` }
  const day = Number(dayText)
  const last = daysInMonth(year, month)
  if (day < 1 || day > last) {
    return {
      ok: false,
      reason: `Day ${day} does not exist in ${yearText}-${mm}${how} (it has ${last} days). ${DATE_HELP}`,
    }
  }
  return { ok: true, value: `${yearText}-${mm}-${String(day).padStart(2, '0')}` }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28
  return [4, 6, 9, 11].includes(month) ? 30 : 31
}

/** Fold a word for comparison: NFD without marks (tashkeel, hamza), lower case, ى→ي, ة→ه. */
function foldWord(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Mn}/gu, '')
    .replace(/\u0640/g, '')
    .toLowerCase()
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .trim()
}

const SEX_WORDS: ReadonlyMap<string, Sex> = new Map(
  (
    [
      ['m', 'M'],
      ['male', 'M'],
      ['man', 'M'],
      ['boy', 'M'],
      ['ذكر', 'M'],
      ['مذكر', 'M'],
      ['رجل', 'M'],
      ['ولد', 'M'],
      ['ذ', 'M'],
      ['f', 'F'],
      ['female', 'F'],
      ['woman', 'F'],
      ['girl', 'F'],
      ['أنثى', 'F'],
      ['انثى', 'F'],
      ['أنثي', 'F'],
      ['مؤنث', 'F'],
      ['امرأة', 'F'],
      ['بنت', 'F'],
      ['ث', 'F'],
    ] as const
  ).map(([word, sex]) => [foldWord(word), sex]),
)

/** Parse sex: `M`/`F` and common words in English and Arabic (male, ذكر, أنثى …). */
export function parseSex(text: string): ParsedValue<Sex> {
  const sex = SEX_WORDS.get(foldWord(text))
  if (sex !== undefined) return { ok: true, value: sex }
  return {
    ok: false,
    reason: `"${text.trim()}" is not a sex the format knows. Write M or F (or male/female, ذكر/أنثى); leave the cell blank when it is unknown.`,
  }
}

/** A parsed age: whole years, and the range as written when a range was given. */
export interface ParsedAge {
  age: number
  /** `NN-MM` as written (normalised digits) when the source gave a range; `age` is then its midpoint. */
  range?: string | undefined
}

const MAX_AGE = 130
const AGE_UNITS = /\s*(?:years?|yrs?|y|سنة|سنه|سنوات|عام|عاما|عامًا)$/i

/**
 * Parse an age in whole years (`45`, `45.0`, `45 سنة`). A range `30-35` (as PFIF allows)
 * gives its midpoint, rounded down, with a note; the range is kept by the caller.
 */
export function parseAge(text: string): ParsedValue<ParsedAge> {
  const t = toAsciiDigits(text.trim()).replace(AGE_UNITS, '')
  const help =
    'Write the age as a whole number of years (for example 34), or a range such as 30-35.'
  let m = /^(\d{1,3})(?:\.0+)?$/.exec(t)
  if (m !== null) {
    const age = Number(m[1])
    if (age > MAX_AGE) return { ok: false, reason: `${age} years is not a possible age. ${help}` }
    return { ok: true, value: { age } }
  }
  m = /^(\d{1,3})\s*[-–]\s*(\d{1,3})$/.exec(t)
  if (m !== null) {
    const low = Number(m[1])
    const high = Number(m[2])
    if (low > high || high > MAX_AGE) {
      return { ok: false, reason: `"${text.trim()}" is not a possible age range. ${help}` }
    }
    const age = Math.floor((low + high) / 2)
    return {
      ok: true,
      value: { age, range: `${low}-${high}` },
      note: `The age range ${low}-${high} was stored as ${age} (its midpoint); the range is kept.`,
    }
  }
  return { ok: false, reason: `"${text.trim()}" is not an age. ${help}` }
}

/** The length of a Syrian national number (shared/spec/record-csv.md). */
export const NATIONAL_ID_LENGTH = 11

/**
 * Parse a national number: digits (ASCII or Arabic-Indic), spaces and hyphens between groups
 * removed. Another length than 11 is kept with a note (the spec: it may carry a typing error,
 * and a spreadsheet may have dropped a leading zero); letters or scientific notation are refused.
 */
export function parseNationalId(text: string): ParsedValue<string> {
  const t = toAsciiDigits(text.trim())
  if (/^\d[\d.]*e\+?\d+$/i.test(t)) {
    return {
      ok: false,
      reason: `"${t}" is a number in scientific notation: the spreadsheet rounded the national number. Format the column as text and export the file again.`,
    }
  }
  const digits = t.replace(/[\s-]/g, '')
  if (!/^\d+$/.test(digits)) {
    return {
      ok: false,
      reason: `"${t}" is not a national number: it may only hold digits (${NATIONAL_ID_LENGTH} of them).`,
    }
  }
  if (digits.length !== NATIONAL_ID_LENGTH) {
    return {
      ok: true,
      value: digits,
      note: `The national number has ${digits.length} digits instead of ${NATIONAL_ID_LENGTH}; it was kept as written. Check it against the document.`,
    }
  }
  return { ok: true, value: digits }
}
