import { createContext, useCallback, useEffect, useMemo, useState } from 'react'
import type { ReactNode } from 'react'
import {
  DEFAULT_LANGUAGE,
  directionOf,
  isLanguage,
  translate,
  type Language,
  type MessageKey,
} from './messages.js'

// A language preference is not personal data, so localStorage is fine here (unlike the
// CSRF token, which stays in memory: ASVS 14.3.3).
const STORAGE_KEY = 'athar.language'

export type Translate = (key: MessageKey, values?: Record<string, string | number>) => string

export interface I18nValue {
  language: Language
  setLanguage: (language: Language) => void
  t: Translate
}

export const I18nContext = createContext<I18nValue | undefined>(undefined)

/** The stored language, or Arabic. */
export function readStoredLanguage(): Language {
  try {
    const stored = window.localStorage.getItem(STORAGE_KEY)
    return isLanguage(stored) ? stored : DEFAULT_LANGUAGE
  } catch {
    return DEFAULT_LANGUAGE // storage disabled: fall back silently
  }
}

/** Sets lang and dir on <html>, so the whole layout (logical CSS properties) mirrors. */
export function applyDocumentLanguage(language: Language): void {
  document.documentElement.lang = language
  document.documentElement.dir = directionOf(language)
}

export function I18nProvider({ children }: { children: ReactNode }) {
  const [language, setLanguageState] = useState<Language>(readStoredLanguage)

  useEffect(() => {
    applyDocumentLanguage(language)
  }, [language])

  const setLanguage = useCallback((next: Language) => {
    try {
      window.localStorage.setItem(STORAGE_KEY, next)
    } catch {
      // storage disabled: the choice lasts for this page only
    }
    setLanguageState(next)
  }, [])

  const value = useMemo<I18nValue>(
    () => ({ language, setLanguage, t: (key, values) => translate(language, key, values) }),
    [language, setLanguage],
  )
  return <I18nContext.Provider value={value}>{children}</I18nContext.Provider>
}
