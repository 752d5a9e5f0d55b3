/**
 * Dates and numbers for display.
 *
 * Decision: both languages show the Gregorian calendar with Latin digits (0-9), never
 * Arabic-Indic digits (٠-٩). Syrian civil documents, prison registers and the lists Athar
 * imports write dates in Gregorian with 0-9, and staff compare what is on screen with
 * what is on paper; one digit set avoids misreading. Arabic uses the ar-SY locale, so months
 * get their Levantine names (كانون الثاني …) as on Syrian documents.
 */
import type { Language } from './messages.js'

const LOCALES: Record<Language, string> = {
  ar: 'ar-SY-u-ca-gregory-nu-latn',
  en: 'en-GB-u-ca-gregory-nu-latn',
}

/** A calendar date, e.g. "27 تشرين الثاني 2026" / "27 November 2026", in the browser's time zone unless one is given. */
export function formatDate(date: Date, language: Language, timeZone?: string): string {
  return new Intl.DateTimeFormat(LOCALES[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    ...(timeZone === undefined ? {} : { timeZone }),
  }).format(date)
}

/** A count with grouping, Latin digits in both languages. */
export function formatNumber(value: number, language: Language): string {
  return new Intl.NumberFormat(LOCALES[language]).format(value)
}
