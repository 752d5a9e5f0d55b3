import { otherLanguage } from '../i18n/messages.js'
import { useLanguage, useT } from '../i18n/useT.js'

/**
 * One button offering the other language, its name written in that language. The visible
 * name is the accessible name (WCAG 2.5.3 label in name); the longer phrase is a description.
 */
export function LanguageSwitch() {
  const t = useT()
  const { language, setLanguage } = useLanguage()
  const next = otherLanguage(language)
  return (
    <button
      type="button"
      className="button button-quiet language-switch"
      lang={next}
      title={t('lang.switchLabel')}
      data-testid="language-switch"
      onClick={() => setLanguage(next)}
    >
      {t('lang.other')}
    </button>
  )
}
