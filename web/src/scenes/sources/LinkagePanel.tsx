import { useEffect, useState } from 'react'
import type { Problem } from '../../../../src/contract/auth.contract.js'
import { getLinkageModel, startLinkageRun, type LinkageModelView } from '../../api/sources.api.js'
import { ProblemMessage } from '../../components/ProblemMessage.js'
import { formatNumber } from '../../i18n/format.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import { JobProgress } from './JobProgress.js'
import { readFailure, readLinkageSummary, stageKey } from './job-view.js'
import { useJob } from './useJob.js'

/** m, u and weight of every level of the current model: what the engine believes about each field. */
function ModelFigures({ view }: { view: LinkageModelView }) {
  const t = useT()
  const { language } = useLanguage()
  if (view.model === null) return null
  const fixed = (x: number, digits: number) =>
    new Intl.NumberFormat(language === 'ar' ? 'ar-SY-u-nu-latn' : 'en-GB', {
      maximumFractionDigits: digits,
      minimumFractionDigits: digits,
    }).format(x)
  return (
    <details className="model-figures" data-testid="model-figures">
      <summary>{t('sources.model.title')}</summary>
      <p className="meta">{t('sources.model.lead')}</p>
      {view.model.comparisons.map((c) => (
        <div key={c.name} className="table-scroll" tabIndex={0} role="group" aria-label={c.name}>
          <table className="sources-table">
            <caption>
              <bdi dir="ltr">{c.name}</bdi>
            </caption>
            <thead>
              <tr>
                <th scope="col">{t('sources.model.level')}</th>
                <th scope="col">{t('sources.model.m')}</th>
                <th scope="col">{t('sources.model.u')}</th>
                <th scope="col">{t('sources.model.weight')}</th>
              </tr>
            </thead>
            <tbody>
              {c.levels.map((l) => (
                <tr key={l.label}>
                  <td>
                    <bdi dir="ltr">{l.label}</bdi>
                  </td>
                  <td className="number">{fixed(l.m, 3)}</td>
                  <td className="number">{fixed(l.u, 4)}</td>
                  <td className="number">
                    <bdi dir="ltr">{fixed(l.weight, 2)}</bdi>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ))}
    </details>
  )
}

/** Run linkage over the organisation's records as a job, follow it, then show what it found. */
export function LinkagePanel() {
  const t = useT()
  const { language } = useLanguage()
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const [jobId, setJobId] = useState<string | undefined>()
  const [model, setModel] = useState<LinkageModelView | undefined>()
  const { job, problem: pollProblem } = useJob(jobId)
  const finished = job?.status === 'succeeded' || job?.status === 'failed'
  const running = sending || (jobId !== undefined && !finished && pollProblem === undefined)
  const summary = job?.status === 'succeeded' ? readLinkageSummary(job.result) : undefined
  const failed = job?.status === 'failed' ? readFailure(job.result) : undefined

  // The model as it stands, again after each finished run (a run trains a new one).
  useEffect(() => {
    let live = true
    void getLinkageModel().then((result) => {
      // Figures are an extra: without them the panel still works.
      if (live && result.ok) setModel(result.value)
    })
    return () => {
      live = false
    }
  }, [job?.status === 'succeeded' ? job.id : undefined])

  async function run() {
    if (running) return
    setProblem(undefined)
    setJobId(undefined)
    setSending(true)
    const result = await startLinkageRun()
    setSending(false)
    if (!result.ok) {
      setProblem(result.problem)
      return
    }
    setJobId(result.value.jobId)
  }

  let status = ''
  if (sending) status = t('sources.stage.sending')
  else if (summary !== undefined) status = t('sources.linkage.done')
  else if (failed !== undefined) status = t('sources.linkage.failed')
  else if (jobId !== undefined && job !== undefined) status = t(stageKey(job))

  const figure = (n: number) => formatNumber(n, language)
  return (
    <section className="sources-panel" aria-labelledby="linkage-title" data-testid="linkage-panel">
      <h2 id="linkage-title" className="section-title">
        {t('sources.linkage.title')}
      </h2>
      <p className="meta">{t('sources.linkage.lead')}</p>
      <button
        type="button"
        className="button button-primary"
        disabled={running}
        onClick={() => void run()}
        data-testid="linkage-run"
      >
        {t(running ? 'sources.linkage.running' : 'sources.linkage.run')}
      </button>
      <ProblemMessage problem={problem ?? pollProblem} />
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="linkage-status">
        {status}
      </p>
      {jobId !== undefined && failed === undefined ? (
        <JobProgress id="linkage-job" job={job} labelKey="sources.progressLinkage" />
      ) : null}
      {failed !== undefined ? <p className="problem">{t('sources.linkage.failed')}</p> : null}
      {summary !== undefined ? (
        <dl className="linkage-summary" data-testid="linkage-summary">
          <div>
            <dt>{t('sources.linkage.records')}</dt>
            <dd data-testid="linkage-records">{figure(summary.records)}</dd>
          </div>
          <div>
            <dt>{t('sources.linkage.candidatePairs')}</dt>
            <dd data-testid="linkage-candidates">{figure(summary.candidatePairs)}</dd>
          </div>
          <div>
            <dt>{t('sources.linkage.autoLinks')}</dt>
            <dd data-testid="linkage-auto">{figure(summary.autoLinks)}</dd>
          </div>
          <div>
            <dt>{t('sources.linkage.reviewPairs')}</dt>
            <dd data-testid="linkage-review">{figure(summary.reviewPairs)}</dd>
          </div>
        </dl>
      ) : null}
      {model !== undefined ? <ModelFigures view={model} /> : null}
    </section>
  )
}
