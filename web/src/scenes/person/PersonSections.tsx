/**
 * The parts of the person page: the accounts with their provenance, the timeline, the
 * cases, the reviewers' decisions and the intake photo. Names are shown exactly as their
 * source wrote them, in their own direction (`dir="auto"`), with the normalised form small
 * beside them; every timeline event names the account it comes from.
 */
import type {
  PersonAccount,
  PersonCase,
  PersonDecision,
  PersonIntake,
  TimelineEvent,
} from '../../api/persons.api.js'
import { intakePhotoUrl } from '../../api/persons.api.js'
import { Link } from '../../components/Link.js'
import { isMessageKey } from '../../i18n/messages.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import { dualDateText, numericDate, readableDate } from './person-dates.js'

/**
 * A date in both forms, each kept on one line: the numerals left to right in either
 * language (so 2013-05-04 never reorders inside Arabic text), then the readable form.
 */
function DualDate({ value }: { value: string }) {
  const { language } = useLanguage()
  const readable = readableDate(value, language)
  const numeric = numericDate(value)
  if (readable === '') return <bdi dir="auto">{value}</bdi>
  return (
    <span className="dual-date">
      <time dateTime={numeric} dir="ltr" className="date-part">
        {numeric}
      </time>
      {readable !== numeric && (
        <>
          {' · '}
          <span className="date-part">{readable}</span>
        </>
      )}
    </span>
  )
}

/** Labels of accounts by record id: "Account 1 · Register". */
export type AccountLabels = ReadonlyMap<string, string>

function useSourceKind(): (kind: string) => string {
  const t = useT()
  return (kind) => {
    const key = `sourceKind.${kind}`
    return isMessageKey(key) ? t(key) : kind
  }
}

export function useAccountLabels(accounts: readonly PersonAccount[]): AccountLabels {
  const t = useT()
  const sourceKind = useSourceKind()
  return new Map(
    accounts.map((a, i) => [
      a.recordId,
      `${t('personPage.account', { n: i + 1 })} · ${sourceKind(a.sourceKind)}`,
    ]),
  )
}

const SHOWN_FIELDS = [
  'birth_date',
  'birth_place',
  'sex',
  'age',
  'national_id',
  'last_seen_date',
  'last_seen_place',
  'detention_place',
  'notes',
] as const
const DATE_FIELDS = new Set(['birth_date', 'last_seen_date'])
// Free text may be in either script: its direction follows its own letters.
const TEXT_FIELDS = new Set(['birth_place', 'last_seen_place', 'detention_place', 'notes'])

function fieldText(
  key: (typeof SHOWN_FIELDS)[number],
  value: unknown,
  t: ReturnType<typeof useT>,
): string | undefined {
  if (value === undefined || value === null || value === '') return undefined
  if (key === 'sex' && (value === 'M' || value === 'F')) return t(`personPage.sex.${value}`)
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value : ''
  if (text === '') return undefined
  return text
}

function AccountCard({ account, label }: { account: PersonAccount; label: string }) {
  const t = useT()
  const sourceKind = useSourceKind()
  const p = account.provenance
  const facts = SHOWN_FIELDS.flatMap((key) => {
    const text = fieldText(key, account.fields[key], t)
    return text === undefined ? [] : [[key, text] as const]
  })
  return (
    <li className="person-account" data-testid="person-account" id={`account-${account.recordId}`}>
      <p className="person-account-label">{label}</p>
      <h3 className="person-name">
        <bdi dir="auto" data-testid="name-written">
          {account.names.written ?? t('personPage.unnamed')}
        </bdi>
        {account.names.normalised !== null && (
          <small className="person-name-normalised" dir="auto" data-testid="name-normalised">
            {t('personPage.normalised', { name: account.names.normalised })}
          </small>
        )}
      </h3>
      {account.names.motherWritten !== null && (
        <p className="meta">
          {t('personPage.mother')}: <bdi dir="auto">{account.names.motherWritten}</bdi>
        </p>
      )}
      {account.deceased && <p className="person-deceased">{t('personPage.deceased')}</p>}
      {facts.length > 0 && (
        <dl className="person-facts" aria-label={t('personPage.fields')}>
          {facts.map(([key, text]) => (
            <div key={key}>
              <dt>{t(`personPage.field.${key}`)}</dt>
              <dd dir={TEXT_FIELDS.has(key) ? 'auto' : undefined}>
                {DATE_FIELDS.has(key) ? <DualDate value={text} /> : text}
              </dd>
            </div>
          ))}
        </dl>
      )}
      <details className="person-provenance" data-testid="provenance" open>
        <summary>{t('personPage.provenance')}</summary>
        <dl className="person-facts">
          <div>
            <dt>{t('personPage.prov.sourceKind')}</dt>
            <dd>{sourceKind(p.source_kind)}</dd>
          </div>
          {p.document !== undefined && (
            <div>
              <dt>{t('personPage.prov.document')}</dt>
              <dd dir="auto">{p.document}</dd>
            </div>
          )}
          <div>
            <dt>{t('personPage.prov.organisation')}</dt>
            <dd dir="auto">{p.source_organisation}</dd>
          </div>
          {p.file_sha256 !== '' && (
            <div>
              <dt>{t('personPage.prov.file')}</dt>
              <dd>
                <code className="person-hash" data-testid="file-sha256">
                  {p.file_sha256}
                </code>
              </dd>
            </div>
          )}
          {p.row_number > 0 && (
            <div>
              <dt>{t('personPage.prov.row')}</dt>
              <dd>{p.row_number}</dd>
            </div>
          )}
          <div>
            <dt>{t('personPage.prov.importedBy')}</dt>
            <dd dir="auto">{p.imported_by}</dd>
          </div>
          <div>
            <dt>{t('personPage.prov.importedAt')}</dt>
            <dd>
              <DualDate value={p.imported_at} />
            </dd>
          </div>
        </dl>
      </details>
    </li>
  )
}

export function PersonAccounts({
  accounts,
  labels,
}: {
  accounts: readonly PersonAccount[]
  labels: AccountLabels
}) {
  const t = useT()
  return (
    <section className="person-section" aria-labelledby="person-accounts-title">
      <h2 className="section-title" id="person-accounts-title">
        {t('personPage.accounts')}
      </h2>
      <p className="meta">{t('personPage.accountsHint')}</p>
      <ul className="person-accounts">
        {accounts.map((a) => (
          <AccountCard key={a.recordId} account={a} label={labels.get(a.recordId) ?? ''} />
        ))}
      </ul>
    </section>
  )
}

function EventItem({ event, labels }: { event: TimelineEvent; labels: AccountLabels }) {
  const t = useT()
  const when = event.date ?? event.dateText
  return (
    <li
      className={event.disagrees ? 'timeline-event timeline-disagrees' : 'timeline-event'}
      data-testid="timeline-event"
      data-kind={event.kind}
    >
      {when !== null && (
        <p className="timeline-date">
          {event.date !== null ? <DualDate value={event.date} /> : <bdi dir="auto">{when}</bdi>}
        </p>
      )}
      <p className="timeline-kind">
        {t(`personPage.event.${event.kind}`)}
        {event.place !== null && (
          <>
            {' — '}
            <bdi dir="auto">{event.place}</bdi>
          </>
        )}
      </p>
      {event.disagrees && (
        <p className="timeline-flag" data-testid="timeline-disagrees">
          {t('personPage.disagrees')}
        </p>
      )}
      <p className="meta">
        <a href={`#account-${event.recordId}`}>
          {t('personPage.from', {
            account: labels.get(event.recordId) ?? t('personPage.otherAccount'),
          })}
        </a>
      </p>
    </li>
  )
}

export function PersonTimeline({
  events,
  labels,
}: {
  events: readonly TimelineEvent[]
  labels: AccountLabels
}) {
  const t = useT()
  const dated = events.filter((e) => e.date !== null || e.dateText !== null)
  const undated = events.filter((e) => e.date === null && e.dateText === null)
  return (
    <section className="person-section" aria-labelledby="person-timeline-title">
      <h2 className="section-title" id="person-timeline-title">
        {t('personPage.timeline')}
      </h2>
      <p className="meta">{t('personPage.timelineHint')}</p>
      {events.length === 0 ? (
        <p>{t('personPage.timelineEmpty')}</p>
      ) : (
        <ol className="timeline" data-testid="timeline">
          {dated.map((e, i) => (
            <EventItem key={`d${i}`} event={e} labels={labels} />
          ))}
        </ol>
      )}
      {undated.length > 0 && (
        <>
          <h3 className="person-subtitle">{t('personPage.undated')}</h3>
          <ul className="timeline timeline-undated">
            {undated.map((e, i) => (
              <EventItem key={`u${i}`} event={e} labels={labels} />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

export function PersonCases({ cases }: { cases: readonly PersonCase[] }) {
  const t = useT()
  const { language } = useLanguage()
  return (
    <section className="person-section" aria-labelledby="person-cases-title">
      <h2 className="section-title" id="person-cases-title">
        {t('personPage.cases')}
      </h2>
      {cases.length === 0 ? (
        <p className="meta">{t('personPage.casesEmpty')}</p>
      ) : (
        <ul className="person-list">
          {cases.map((c) => {
            const key = `personPage.caseStatus.${c.status}`
            return (
              <li key={c.id} data-testid="person-case">
                <Link href={`/cases/${encodeURIComponent(c.id)}`}>
                  {t('personPage.caseLink', { date: dualDateText(c.createdAt, language) })}
                </Link>{' '}
                <span className={`person-status person-status-${c.status}`}>
                  {isMessageKey(key) ? t(key) : c.status}
                </span>
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

export function PersonDecisions({
  decisions,
  labels,
}: {
  decisions: readonly PersonDecision[]
  labels: AccountLabels
}) {
  const t = useT()
  const { language } = useLanguage()
  const label = (id: string) => labels.get(id) ?? t('personPage.otherAccount')
  return (
    <section className="person-section" aria-labelledby="person-decisions-title">
      <h2 className="section-title" id="person-decisions-title">
        {t('personPage.decisions')}
      </h2>
      {decisions.length === 0 ? (
        <p className="meta">{t('personPage.decisionsEmpty')}</p>
      ) : (
        <ul className="person-list">
          {decisions.map((d, i) => {
            const verdict = `personPage.verdict.${d.verdict}`
            return (
              <li key={i} data-testid="person-decision">
                <p>
                  <strong>{isMessageKey(verdict) ? t(verdict) : d.verdict}</strong>
                  {' — '}
                  {t('personPage.decisionPair', { left: label(d.leftId), right: label(d.rightId) })}
                </p>
                <p className="meta">
                  {t('personPage.decidedBy', {
                    reviewer: d.reviewer ?? t('personPage.otherReviewer'),
                    date: dualDateText(d.decidedAt, language),
                  })}
                </p>
                {d.note !== null && d.note !== '' && (
                  <p className="person-note" dir="auto">
                    {d.note}
                  </p>
                )}
              </li>
            )
          })}
        </ul>
      )}
    </section>
  )
}

export function PersonPhoto({ intake }: { intake: PersonIntake }) {
  const t = useT()
  const { language } = useLanguage()
  const date = dualDateText(intake.registeredAt, language)
  return (
    <figure className="person-photo" data-testid="person-photo">
      <img
        src={intakePhotoUrl(intake.intakeId)}
        alt={t('personPage.photoAlt', { date })}
        width={160}
        loading="lazy"
      />
      <figcaption className="meta">{t('personPage.photo')}</figcaption>
    </figure>
  )
}
