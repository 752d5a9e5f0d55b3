/**
 * The two message catalogues and the pure lookup behind useT(). Arabic is the first
 * language; English is complete too (i18n.test.ts checks both files have the same keys).
 */
import ar from './ar.json'
import en from './en.json'

export type Language = 'ar' | 'en'
export type MessageKey = keyof typeof en
export type Messages = Record<MessageKey, string>

export const LANGUAGES: readonly Language[] = ['ar', 'en']
export const DEFAULT_LANGUAGE: Language = 'ar'

// Typed as Messages so a key missing from ar.json fails the type check, not just the test.
const CATALOGUES: Record<Language, Messages> = { ar: ar satisfies Messages, en }

/** Text direction of a language: Arabic is written right to left. */
export function directionOf(language: Language): 'rtl' | 'ltr' {
  return language === 'ar' ? 'rtl' : 'ltr'
}

/** The language other than `language` (the language switch offers it). */
export function otherLanguage(language: Language): Language {
  return language === 'ar' ? 'en' : 'ar'
}

export function isLanguage(value: unknown): value is Language {
  return value === 'ar' || value === 'en'
}

export function isMessageKey(value: string): value is MessageKey {
  return Object.hasOwn(en, value)
}

/** Looks a key up and fills `{name}` placeholders; unknown placeholders stay visible. */
export function translate(
  language: Language,
  key: MessageKey,
  values?: Record<string, string | number>,
): string {
  const template = CATALOGUES[language][key]
  if (values === undefined) return template
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name]
    return value === undefined ? whole : String(value)
  })
}
