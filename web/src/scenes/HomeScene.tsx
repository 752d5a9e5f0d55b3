import type { SessionUser } from '../../../src/contract/auth.contract.js'
import { PageHeading } from '../components/PageHeading.js'
import { WorkAreaCard } from '../components/WorkAreaCard.js'
import { formatDate } from '../i18n/format.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { ROLE_HOMES } from './role-homes.js'

/** The home of the signed-in user's role: its purpose and its work areas. */
export function HomeScene({ user }: { user: SessionUser }) {
  const t = useT()
  const { language } = useLanguage()
  const areas = ROLE_HOMES[user.role]
  const viewerOnly = areas.every((area) => area.kind === 'count')
  return (
    <section className="home" data-testid={`home-${user.role}`} data-role={user.role}>
      <PageHeading>{t(`home.${user.role}.title`)}</PageHeading>
      <p className="lead">{t(`home.${user.role}.purpose`)}</p>
      <p className="meta">{t('home.today', { date: formatDate(new Date(), language) })}</p>
      <h2 className="section-title" id="work-areas">
        {t(viewerOnly ? 'home.counts' : 'home.workAreas')}
      </h2>
      <ul className={`cards${viewerOnly ? ' cards-counts' : ''}`} aria-labelledby="work-areas">
        {areas.map((area) => (
          <WorkAreaCard key={area.id} area={area} />
        ))}
      </ul>
    </section>
  )
}
