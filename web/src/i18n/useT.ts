import { useContext } from 'react'
import { I18nContext, type I18nValue, type Translate } from './I18nProvider.js'

function useI18n(): I18nValue {
  const value = useContext(I18nContext)
  if (value === undefined) throw new Error('useT() used outside <I18nProvider>')
  return value
}

/** The translate function of the current language: t('login.title'). */
export function useT(): Translate {
  return useI18n().t
}

/** The current language and the setter the language switch calls. */
export function useLanguage(): Pick<I18nValue, 'language' | 'setLanguage'> {
  const { language, setLanguage } = useI18n()
  return { language, setLanguage }
}
