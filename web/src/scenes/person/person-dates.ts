/**
 * Dates on the person page in two forms side by side, "2013-05-04 · 4 May 2013" /
 * "2013-05-04 · 4 أيار 2013": the Gregorian numerals people compare with paper, and a
 * readable form with Levantine month names in Arabic. A partial date keeps the precision
 * its source wrote (2013-05 is "May 2013", never a made-up day). Same format as the case
 * screens (scenes/cases/case-dates.ts).
 */
import type { Language } from '../../i18n/messages.js'

const LOCALES: Record<Language, string> = {
  ar: 'ar-SY-u-ca-gregory-nu-latn',
  en: 'en-GB-u-ca-gregory-nu-latn',
}

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

/** The readable form of a partial date or an ISO timestamp; '' when the value is neither. */
export function readableDate(value: string, language: Language): string {
  const partial = PARTIAL.exec(value)
  if (partial) {
    const [, y, m, d] = partial
    const date = new Date(Date.UTC(Number(y), Number(m ?? '1') - 1, Number(d ?? '1')))
    if (Number.isNaN(date.getTime())) return ''
    return new Intl.DateTimeFormat(LOCALES[language], {
      year: 'numeric',
      timeZone: 'UTC',
      ...(m === undefined ? {} : { month: 'long' }),
      ...(d === undefined ? {} : { day: 'numeric' }),
    }).format(date)
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(value)) return ''
  const at = new Date(value)
  if (Number.isNaN(at.getTime())) return ''
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(at)
}

/** The numeric form: the partial date as written, or a timestamp's UTC day. */
export function numericDate(value: string): string {
  return /^\d{4}-\d{2}-\d{2}T/.test(value) ? value.slice(0, 10) : value
}

/** "2013-05-04 · 4 May 2013"; one form when the other adds nothing (a year, or not a date). */
export function dualDateText(value: string, language: Language): string {
  const readable = readableDate(value, language)
  const numeric = numericDate(value)
  if (readable === '') return value
  return readable === numeric ? numeric : `${numeric} · ${readable}`
}
