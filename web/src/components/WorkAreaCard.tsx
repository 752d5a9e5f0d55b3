import type { WorkArea } from '../scenes/role-homes.js'
import { useT } from '../i18n/useT.js'
import { Link } from './Link.js'

/**
 * A card for one work area of a role. Areas not built yet are plain cards marked "coming"
 * (no link: a dead link would mislead people at work). When a scene exists, giving the area
 * a `path` in role-homes.ts turns its card into a link.
 */
export function WorkAreaCard({ area, value }: { area: WorkArea; value?: string | undefined }) {
  const t = useT()
  const titleId = `area-${area.id}-title`
  const title = t(`area.${area.id}.title`)
  // A count is not a place to work: it is never "coming", it shows its figure once loaded.
  const coming = area.kind !== 'count' && area.path === undefined
  const className = `card${area.primary === true ? ' card-primary' : ''}${coming ? ' card-coming' : ''}`
  return (
    <li className={className} data-testid={`area-${area.id}`}>
      {area.kind === 'count' ? (
        <p className="count" data-testid={`count-${area.id}`} aria-hidden={value === undefined}>
          {value ?? '—'}
        </p>
      ) : null}
      <h3 id={titleId} className="card-title">
        {area.path === undefined ? title : <Link href={area.path}>{title}</Link>}
      </h3>
      <p className="card-text">{t(`area.${area.id}.desc`)}</p>
      {coming ? <span className="badge">{t('area.coming')}</span> : null}
    </li>
  )
}
