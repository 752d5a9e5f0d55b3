/** The blocks of the case page: person, history, consent, reporter, moves and tasks. */
import { useState } from 'react'
import type { Problem, Role } from '../../../../src/contract/auth.contract.js'
import {
  completeTask,
  CONSENT_PURPOSES,
  revealReporter,
  transitionCase,
  withdrawConsent,
  type CaseStatus,
  type CaseView,
  type ConsentPurpose,
  type Reporter,
  type TaskView,
} from '../../api/cases.api.js'
import { Link } from '../../components/Link.js'
import { ProblemMessage } from '../../components/ProblemMessage.js'
import { isMessageKey } from '../../i18n/messages.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import { dualDateText } from './case-dates.js'
import { nextStatuses, refusalOf } from './case-rules.js'
import { writtenNameParts } from './person-names.js'

const DETAIL_FIELDS = [
  ['sex', 'case.sex'],
  ['age', 'case.age'],
  ['birth_date', 'case.birthDate'],
  ['last_seen_date', 'case.lastSeenDate'],
  ['last_seen_place', 'case.lastSeenPlace'],
  ['detention_place', 'case.detentionPlace'],
  ['notes', 'case.notes'],
] as const
const DATE_FIELDS = new Set<string>(['birth_date', 'last_seen_date'])

/** A date in both forms, in a <time> element. */
function When({ value }: { value: string }) {
  const { language } = useLanguage()
  return <time dateTime={value}>{dualDateText(value, language)}</time>
}

/** The person as the family described them, every name exactly as written. */
export function CasePerson({ view }: { view: CaseView }) {
  const t = useT()
  const fields = view.person
  const parts = writtenNameParts(fields)
  const full = typeof fields?.full_name === 'string' ? fields.full_name : undefined
  return (
    <section className="case-block" aria-labelledby="case-person-title" data-testid="case-person">
      <h2 className="case-block-title" id="case-person-title">
        {t('case.person')}
      </h2>
      <p className="field-hint">{t('case.asWritten')}</p>
      <dl className="case-facts">
        {full === undefined ? null : (
          <div>
            <dt>{t('case.name.full_name')}</dt>
            <dd>
              <bdi>{full}</bdi>
            </dd>
          </div>
        )}
        {parts.map(([key, value]) => (
          <div key={key}>
            <dt>{t(`case.name.${key}`)}</dt>
            <dd data-testid={`case-name-${key}`}>
              <bdi>{value}</bdi>
            </dd>
          </div>
        ))}
        {DETAIL_FIELDS.map(([key, label]) => {
          const value = fields?.[key]
          if (typeof value !== 'string' && typeof value !== 'number') return null
          const text = String(value)
          if (text.trim() === '') return null
          return (
            <div key={key}>
              <dt>{t(label)}</dt>
              <dd>
                {key === 'sex' ? (
                  t(text === 'F' ? 'case.sex.F' : 'case.sex.M')
                ) : DATE_FIELDS.has(key) ? (
                  <When value={text} />
                ) : (
                  <bdi>{text}</bdi>
                )}
              </dd>
            </div>
          )
        })}
      </dl>
      {view.personId ? (
        <p>
          <Link
            href={`/persons/${encodeURIComponent(view.personId)}`}
            data-testid="case-person-link"
          >
            {t('case.personLink')}
          </Link>
        </p>
      ) : null}
    </section>
  )
}

/** The dated history as a vertical timeline, oldest first. */
export function CaseHistory({ view }: { view: CaseView }) {
  const t = useT()
  return (
    <section className="case-block" aria-labelledby="case-history-title">
      <h2 className="case-block-title" id="case-history-title">
        {t('case.history')}
      </h2>
      <ol className="timeline" data-testid="case-history">
        {view.history.map((item, i) => {
          const to = item.to ?? ''
          const toKey = `case.status.${to}`
          const status = isMessageKey(toKey) ? t(toKey) : to
          const causeKey = `case.cause.${item.cause}`
          return (
            <li
              key={`${item.at}-${i}`}
              className={`timeline-item${item.kind === 'deceased_vote' ? ' timeline-vote' : ''}`}
              data-testid="history-item"
            >
              <span className="timeline-dot" aria-hidden="true" />
              <p className="timeline-what">
                {item.kind === 'deceased_vote' ? t('case.history.deceasedVote') : status}
              </p>
              <p className="timeline-meta">
                <When value={item.at} />
                {isMessageKey(causeKey) ? <span> · {t(causeKey)}</span> : null}
                {item.actorName ? (
                  <span data-testid="history-actor">
                    {' · '}
                    <bdi>{item.actorName}</bdi>
                  </span>
                ) : null}
              </p>
            </li>
          )
        })}
      </ol>
    </section>
  )
}

/** Consent by purpose, its withdrawals, and (for caseworkers) withdrawing it. */
export function CaseConsent({
  view,
  role,
  onChanged,
}: {
  view: CaseView
  role: Role
  onChanged: () => void
}) {
  const t = useT()
  const { language } = useLanguage()
  const { consent } = view
  const [chosen, setChosen] = useState<ConsentPurpose[]>([])
  const [confirming, setConfirming] = useState(false)
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const purposes = (list: readonly ConsentPurpose[]) =>
    new Intl.ListFormat(language, { type: 'conjunction' }).format(
      list.map((p) => t(`case.purpose.${p}`)),
    )

  async function withdraw() {
    setPending(true)
    const result = await withdrawConsent(view.id, chosen)
    setPending(false)
    if (!result.ok) {
      setProblem(result.problem)
      return
    }
    setProblem(undefined)
    setConfirming(false)
    setChosen([])
    onChanged()
  }

  return (
    <section className="case-block" aria-labelledby="case-consent-title" data-testid="case-consent">
      <h2 className="case-block-title" id="case-consent-title">
        {t('case.consent')}
      </h2>
      <dl className="case-facts">
        <div>
          <dt>{t('case.consent.purposes')}</dt>
          <dd data-testid="consent-purposes">
            {consent.purposes.length === 0 ? t('case.consent.none') : purposes(consent.purposes)}
          </dd>
        </div>
        {consent.givenOn === '' ? null : (
          <div>
            <dt>{t('case.consent.givenOn')}</dt>
            <dd>
              <When value={consent.givenOn} />
            </dd>
          </div>
        )}
        {consent.withdrawals.map((w, i) => (
          <div key={`${w.at}-${i}`}>
            <dt>{t('case.consent.withdrawn')}</dt>
            <dd>
              {purposes(w.purposes)} · <When value={w.at} />
            </dd>
          </div>
        ))}
      </dl>
      {view.consentWithdrawnAt === null ? null : (
        <p className="notice" data-testid="consent-withdrawn-all">
          {t('case.consent.withdrawnAll')}
        </p>
      )}
      {role !== 'caseworker' || consent.purposes.length === 0 ? null : (
        <fieldset className="group consent-withdraw">
          <legend>{t('case.consent.withdrawLegend')}</legend>
          {CONSENT_PURPOSES.filter((p) => consent.purposes.includes(p)).map((p) => (
            <label key={p} className="check">
              <input
                type="checkbox"
                id={`withdraw-${p}`}
                checked={chosen.includes(p)}
                onChange={(event) => {
                  setConfirming(false)
                  setChosen((c) => (event.target.checked ? [...c, p] : c.filter((x) => x !== p)))
                }}
              />
              <span>{t(`case.purpose.${p}`)}</span>
            </label>
          ))}
          <p className="field-hint">{t('case.consent.withdrawHint')}</p>
          {confirming ? (
            <div className="actions">
              <button
                type="button"
                className="button button-danger"
                disabled={pending}
                data-testid="consent-confirm"
                onClick={() => void withdraw()}
              >
                {t('case.consent.confirm')}
              </button>
              <button
                type="button"
                className="button button-quiet"
                onClick={() => setConfirming(false)}
              >
                {t('case.cancel')}
              </button>
            </div>
          ) : (
            <button
              type="button"
              className="button button-quiet"
              disabled={chosen.length === 0}
              data-testid="consent-withdraw"
              onClick={() => setConfirming(true)}
            >
              {t('case.consent.withdraw')}
            </button>
          )}
          <ProblemMessage problem={problem} />
        </fieldset>
      )}
    </section>
  )
}

/** The reporter, masked; a caseworker may reveal the contact, and the reveal is recorded. */
export function CaseReporter({ view, role }: { view: CaseView; role: Role }) {
  const t = useT()
  const [revealed, setRevealed] = useState<Reporter | undefined>()
  const [pending, setPending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const reporter = revealed ?? view.reporter

  async function reveal() {
    setPending(true)
    const result = await revealReporter(view.id)
    setPending(false)
    if (result.ok) {
      setRevealed(result.value)
      setProblem(undefined)
    } else setProblem(result.problem)
  }

  const rows = [
    ['case.reporter.name', reporter.name],
    ['case.reporter.relation', reporter.relation],
    ['case.reporter.phone', reporter.phone],
    ['case.reporter.other', reporter.otherContact],
  ] as const
  return (
    <section
      className="case-block"
      aria-labelledby="case-reporter-title"
      data-testid="case-reporter"
      data-masked={reporter.masked}
    >
      <h2 className="case-block-title" id="case-reporter-title">
        {t('case.reporter')}
      </h2>
      <dl className="case-facts">
        {rows.map(([label, value]) =>
          value === null ? null : (
            <div key={label}>
              <dt>{t(label)}</dt>
              <dd data-testid={`reporter-${label.split('.').at(-1) ?? ''}`}>
                {reporter.masked ? (
                  <span className="masked">
                    <span aria-hidden="true">{value}</span>
                    <span className="visually-hidden">{t('case.reporter.hidden')}</span>
                  </span>
                ) : label === 'case.reporter.phone' ? (
                  // A phone number reads left to right in Arabic text too.
                  <bdi dir="ltr">{value}</bdi>
                ) : (
                  <bdi>{value}</bdi>
                )}
              </dd>
            </div>
          ),
        )}
      </dl>
      {reporter.masked ? (
        role === 'caseworker' ? (
          <div className="reveal">
            <p className="field-hint" id="reveal-note">
              {t('case.reporter.revealNote')}
            </p>
            <button
              type="button"
              className="button button-quiet"
              aria-describedby="reveal-note"
              disabled={pending}
              data-testid="reveal-reporter"
              onClick={() => void reveal()}
            >
              {t('case.reporter.reveal')}
            </button>
          </div>
        ) : (
          <p className="field-hint">{t('case.reporter.caseworkersOnly')}</p>
        )
      ) : (
        <p className="notice" role="status" data-testid="reveal-recorded">
          {t('case.reporter.recorded')}
        </p>
      )}
      <ProblemMessage problem={problem} />
    </section>
  )
}

/** The moves the role may ask for, as buttons; the server decides and says why it refuses. */
export function CaseMoves({
  view,
  role,
  onMoved,
}: {
  view: CaseView
  role: Role
  onMoved: () => void
}) {
  const t = useT()
  const [pending, setPending] = useState<CaseStatus | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()
  const [message, setMessage] = useState<string | undefined>()
  const moves = nextStatuses(role, view.status)
  const refusal = problem === undefined ? undefined : refusalOf(problem)

  async function move(to: CaseStatus) {
    setPending(to)
    setMessage(undefined)
    const result = await transitionCase(view.id, to)
    setPending(undefined)
    if (!result.ok) {
      setProblem(result.problem)
      // A refusal often means the page was out of date: show the case as it now stands.
      if (result.problem.code === 'conflict') onMoved()
      return
    }
    setProblem(undefined)
    setMessage(
      result.value.pendingReviewers > 0
        ? t('case.moves.pending')
        : t('case.moves.moved', { status: t(`case.status.${result.value.status}`) }),
    )
    onMoved()
  }

  return (
    <section className="case-block" aria-labelledby="case-moves-title" data-testid="case-moves">
      <h2 className="case-block-title" id="case-moves-title">
        {t('case.moves')}
      </h2>
      {moves.length === 0 ? (
        <p className="meta">{t('case.moves.none')}</p>
      ) : (
        <div className="actions">
          {moves.map((to) => (
            <button
              key={to}
              type="button"
              className={`button ${to === 'confirmed_deceased' ? 'button-danger' : 'button-primary'}`}
              disabled={pending !== undefined}
              data-testid={`move-${to}`}
              onClick={() => void move(to)}
            >
              {t('case.moveTo', { status: t(`case.status.${to}`) })}
            </button>
          ))}
        </div>
      )}
      <ul className="rules">
        <li>{t('case.moves.deceasedRule')}</li>
        <li>{t('case.moves.informRule')}</li>
      </ul>
      <div className="problem-region" role="alert" aria-live="assertive" aria-atomic="true">
        {refusal === undefined ? null : (
          <p className="problem" data-testid="move-refused" data-reason={refusal}>
            {t('case.moves.refused')} {t(`case.refusal.${refusal}`)}
          </p>
        )}
      </div>
      {refusal === undefined ? <ProblemMessage problem={problem} /> : null}
      <div role="status" className="status-region">
        {message === undefined ? null : (
          <p className="success" data-testid="move-done">
            {message}
          </p>
        )}
      </div>
    </section>
  )
}

/** The case's tasks; "mark done" on "inform the family" is the person who informed them. */
export function CaseTasks({ tasks, onDone }: { tasks: readonly TaskView[]; onDone: () => void }) {
  const t = useT()
  const [pending, setPending] = useState<string | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()

  async function done(id: string) {
    setPending(id)
    const result = await completeTask(id)
    setPending(undefined)
    if (!result.ok) {
      setProblem(result.problem)
      return
    }
    setProblem(undefined)
    onDone()
  }

  return (
    <section className="case-block" aria-labelledby="case-tasks-title" data-testid="case-tasks">
      <h2 className="case-block-title" id="case-tasks-title">
        {t('case.tasks')}
      </h2>
      {tasks.length === 0 ? (
        <p className="meta">{t('case.tasks.none')}</p>
      ) : (
        <ul className="task-list">
          {tasks.map((task) => (
            <li key={task.id} className="task" data-testid="case-task">
              <span className="task-kind">
                {t(task.kind === 'inform_family' ? 'case.task.inform_family' : 'case.task.other')}
              </span>
              {task.status === 'done' ? (
                <span className="task-due">
                  {t('case.task.doneOn')} <When value={task.doneAt ?? ''} />
                </span>
              ) : (
                <>
                  {task.dueAt === null ? null : (
                    <span className="task-due">
                      {t('case.task.due')} <When value={task.dueAt} />
                    </span>
                  )}
                  <button
                    type="button"
                    className="button button-primary"
                    disabled={pending !== undefined}
                    data-testid="task-done"
                    onClick={() => void done(task.id)}
                  >
                    {t('case.task.markDone')}
                  </button>
                </>
              )}
            </li>
          ))}
        </ul>
      )}
      <ProblemMessage problem={problem} />
    </section>
  )
}
