/**
 * Dates on the case screens, in two forms side by side: the Gregorian numerals people
 * compare with paper (2013-05-04) and a readable form (4 May 2013 / 4 أيار 2013).
 * Dates keep the precision they were written with (YYYY, YYYY-MM, YYYY-MM-DD); a
 * timestamp is shown as its UTC day plus the time, so every screen shows the same day.
 */
import type { Language } from '../../i18n/messages.js'

const LOCALES: Record<Language, string> = {
  ar: 'ar-SY-u-ca-gregory-nu-latn',
  en: 'en-GB-u-ca-gregory-nu-latn',
}

const PARTIAL = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/

export interface DualDate {
  /** Digits as on paper: YYYY, YYYY-MM, YYYY-MM-DD, or YYYY-MM-DD HH:MM for timestamps. */
  numeric: string
  /** Month names in the language; empty when the value is not a date. */
  readable: string
}

/** Both forms of a date or timestamp; an unreadable value is shown as written. */
export function dualDate(value: string, language: Language): DualDate {
  const partial = PARTIAL.exec(value)
  if (partial) {
    const [, y, m, d] = partial
    const date = new Date(Date.UTC(Number(y), Number(m ?? '1') - 1, Number(d ?? '1')))
    const options: Intl.DateTimeFormatOptions = {
      year: 'numeric',
      timeZone: 'UTC',
      ...(m === undefined ? {} : { month: 'long' }),
      ...(d === undefined ? {} : { day: 'numeric' }),
    }
    return {
      numeric: value,
      readable: new Intl.DateTimeFormat(LOCALES[language], options).format(date),
    }
  }
  // Only ISO timestamps: Date() reads loose text such as "about 2012" as a date.
  const at = /^\d{4}-\d{2}-\d{2}T/.test(value) ? new Date(value) : new Date(Number.NaN)
  if (Number.isNaN(at.getTime())) return { numeric: value, readable: '' }
  const iso = at.toISOString()
  return {
    numeric: `${iso.slice(0, 10)} ${iso.slice(11, 16)}`,
    readable: new Intl.DateTimeFormat(LOCALES[language], {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    }).format(at),
  }
}

/** One line: "2013-05-04 · 4 May 2013" (the numeric form alone when there is no other). */
export function dualDateText(value: string, language: Language): string {
  const { numeric, readable } = dualDate(value, language)
  return readable === '' ? numeric : `${numeric} · ${readable}`
}

/** A short day label for chart axes: "4 May" / "4 أيار". */
export function shortDay(day: string, language: Language): string {
  const at = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(at.getTime())) return day
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'short',
    timeZone: 'UTC',
  }).format(at)
}
