import { Link } from '../components/Link.js'
import { PageHeading } from '../components/PageHeading.js'
import { useT } from '../i18n/useT.js'

export function NotFoundScene() {
  const t = useT()
  return (
    <section data-testid="not-found">
      <PageHeading>{t('notFound.title')}</PageHeading>
      <p>
        <Link href="/">{t('notFound.back')}</Link>
      </p>
    </section>
  )
}
