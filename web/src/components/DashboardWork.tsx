import { useEffect, useState } from 'react'
import type { Role } from '../../../src/contract/auth.contract.js'
import { listCases, listTasks, type TaskView } from '../api/cases.api.js'
import { formatNumber } from '../i18n/format.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { dualDateText } from '../scenes/cases/case-dates.js'
import { mayReadTasks } from '../scenes/cases/case-rules.js'
import { ROLE_HOMES } from '../scenes/role-homes.js'
import { Link } from './Link.js'

/**
 * "Work waiting for you": the user's open tasks with links to their cases, and for
 * reviewers the number of pairs to decide. Only roles that may read tasks ask for them;
 * a refusal or failure hides the list instead of breaking the home.
 */
export function DashboardWork({ role, pairs }: { role: Role; pairs: number | undefined }) {
  const t = useT()
  const { language } = useLanguage()
  const readsTasks = mayReadTasks(role)
  const [tasks, setTasks] = useState<TaskView[] | undefined>()
  const [names, setNames] = useState<ReadonlyMap<string, string>>(new Map())

  useEffect(() => {
    if (!readsTasks) return
    let live = true
    void (async () => {
      const result = await listTasks('open')
      if (!live) return
      setTasks(result.ok ? result.value : [])
      if (!result.ok || result.value.length === 0) return
      // The person's name as written makes a task recognisable; without it, the case link stays.
      const cases = await listCases()
      if (live && cases.ok) {
        setNames(new Map(cases.value.flatMap((c) => (c.personName ? [[c.id, c.personName]] : []))))
      }
    })()
    return () => {
      live = false
    }
  }, [readsTasks])

  const reviewer = role === 'reviewer'
  if (!readsTasks && !reviewer) return null
  const reviewPath = ROLE_HOMES[role].find((a) => a.id === 'reviewQueue')?.path
  const open = tasks ?? []
  const nothing = (tasks !== undefined || !readsTasks) && open.length === 0 && !(pairs ?? 0)

  return (
    <section className="dash-work" aria-labelledby="dash-work-title" data-testid="dash-work">
      <h2 className="section-title" id="dash-work-title">
        {t('dash.work')}
      </h2>
      {reviewer && pairs !== undefined && pairs > 0 ? (
        <p className="dash-pairs" data-testid="dash-work-pairs">
          {t('dash.work.pairs', { count: formatNumber(pairs, language) })}{' '}
          {reviewPath === undefined ? null : (
            <Link href={reviewPath}>{t('dash.work.openReview')}</Link>
          )}
        </p>
      ) : null}
      {open.length > 0 ? (
        <ul className="task-list" data-testid="dash-work-tasks">
          {open.map((task) => {
            const name = names.get(task.caseId)
            return (
              <li key={task.id} className="task" data-testid="dash-task">
                <span className="task-kind">
                  {t(task.kind === 'inform_family' ? 'case.task.inform_family' : 'case.task.other')}
                </span>
                <Link href={`/cases/${encodeURIComponent(task.caseId)}`} className="task-case">
                  {name === undefined ? t('dash.work.openCase') : <bdi>{name}</bdi>}
                </Link>
                {task.dueAt === null ? null : (
                  <span className="task-due">
                    {t('dash.work.due', { date: dualDateText(task.dueAt, language) })}
                  </span>
                )}
              </li>
            )
          })}
        </ul>
      ) : null}
      {nothing ? <p className="meta">{t('dash.work.none')}</p> : null}
    </section>
  )
}
