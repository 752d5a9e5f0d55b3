import { useEffect, useRef, useState } from 'react'
import type { FormEvent } from 'react'
import type { Problem } from '../../../../src/contract/auth.contract.js'
import { startImport, type ImportIssue } from '../../api/sources.api.js'
import { FieldMessage, TextField } from '../../components/FormField.js'
import { ProblemMessage } from '../../components/ProblemMessage.js'
import { formatNumber } from '../../i18n/format.js'
import { useLanguage, useT } from '../../i18n/useT.js'
import type { MessageKey } from '../../i18n/messages.js'
import { JobProgress } from './JobProgress.js'
import {
  formatOfFileName,
  issueKey,
  readFailure,
  readImportOutcome,
  stageKey,
  type ReportRow,
} from './job-view.js'
import { useJob } from './useJob.js'
import { SOURCE_KINDS, SOURCE_KIND_KEYS } from './source-rules.js'

/** Where (row, column), what was written and why: a table a person can correct the file from. */
export function IssueTable({
  rows,
  captionKey,
  testId,
}: {
  rows: readonly ReportRow[]
  captionKey: MessageKey
  testId: string
}) {
  const t = useT()
  const { language } = useLanguage()
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label={t(captionKey)}>
      <table className="sources-table" data-testid={testId}>
        <caption>{t(captionKey)}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.report.row')}</th>
            <th scope="col">{t('sources.report.column')}</th>
            <th scope="col">{t('sources.report.value')}</th>
            <th scope="col">{t('sources.report.reason')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => {
            const key = issueKey(r.code)
            return (
              <tr key={i} data-testid={`${testId}-row`}>
                <td data-testid="report-row">
                  {r.row === undefined
                    ? t('sources.report.wholeFile')
                    : formatNumber(r.row, language)}
                </td>
                <td data-testid="report-column">
                  {r.column === undefined ? t('sources.report.none') : <bdi>{r.column}</bdi>}
                </td>
                <td data-testid="report-value">
                  {r.value === undefined || r.value === '' ? (
                    t('sources.report.empty')
                  ) : (
                    // A short value (a date, a code) is kept on one line; a long one wraps.
                    <bdi className={r.value.length <= 24 ? 'cell-value cell-short' : 'cell-value'}>
                      {r.value}
                    </bdi>
                  )}
                </td>
                <td data-testid="report-reason" data-code={r.code}>
                  {key === undefined ? (
                    <span lang="en" dir="ltr">
                      {r.message}
                    </span>
                  ) : (
                    t(key)
                  )}
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

function warningRows(warnings: readonly ImportIssue[]): ReportRow[] {
  return warnings.map((w) => ({
    row: w.row,
    column: w.column,
    value: w.value,
    code: w.code,
    message: w.reason,
  }))
}

/** Upload a list and follow its import job; `onImported` is told when a batch was stored. */
export function ImportPanel({ onImported }: { onImported: () => void }) {
  const t = useT()
  const { language } = useLanguage()
  const fileInput = useRef<HTMLInputElement>(null)
  const [file, setFile] = useState<File | undefined>()
  const [fileMissing, setFileMissing] = useState(false)
  const [kind, setKind] = useState<string>('register')
  const [documentTitle, setDocumentTitle] = useState('')
  const [sheet, setSheet] = useState('')
  const [sending, setSending] = useState(false)
  const [problem, setProblem] = useState<Problem | undefined>()
  const [jobId, setJobId] = useState<string | undefined>()
  const { job, problem: pollProblem } = useJob(jobId)

  const running =
    sending ||
    (jobId !== undefined &&
      job?.status !== 'succeeded' &&
      job?.status !== 'failed' &&
      pollProblem === undefined)
  const outcome = job?.status === 'succeeded' ? readImportOutcome(job.result) : undefined
  const failure = job?.status === 'failed' ? readFailure(job.result) : undefined

  // The batch list is refreshed once per finished job, not on every poll.
  const notified = useRef<string | undefined>(undefined)
  useEffect(() => {
    if (job?.status === 'succeeded' && notified.current !== job.id) {
      notified.current = job.id
      onImported()
    }
  }, [job, onImported])

  async function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault()
    if (running) return
    if (file === undefined) {
      setFileMissing(true)
      fileInput.current?.focus()
      return
    }
    setFileMissing(false)
    setProblem(undefined)
    setJobId(undefined)
    setSending(true)
    const result = await startImport({
      file,
      sourceKind: kind,
      document: documentTitle,
      sheet: formatOfFileName(file.name) === 'xlsx' ? sheet : undefined,
    })
    setSending(false)
    if (!result.ok) {
      setProblem(result.problem)
      return
    }
    setJobId(result.value.jobId)
  }

  let status = ''
  if (sending) status = t('sources.stage.sending')
  else if (outcome !== undefined) {
    status = outcome.alreadyImported
      ? t('sources.result.already')
      : t('sources.result.imported', { count: formatNumber(outcome.recordCount, language) })
  } else if (failure !== undefined) {
    status = t('sources.result.nothingImported', {
      count: formatNumber(failure.rows.length, language),
    })
  } else if (jobId !== undefined && job !== undefined) status = t(stageKey(job))

  const isXlsx = file !== undefined && formatOfFileName(file.name) === 'xlsx'
  return (
    <section className="sources-panel" aria-labelledby="import-title" data-testid="import-panel">
      <h2 id="import-title" className="section-title">
        {t('sources.importTitle')}
      </h2>
      <form
        className="form"
        noValidate
        aria-describedby="import-problem"
        onSubmit={(event) => void handleSubmit(event)}
      >
        <div className="field">
          <label id="import-file-label" htmlFor="import-file">
            {t('sources.file')}
          </label>
          <p id="import-file-hint" className="field-hint">
            {t('sources.fileHint')}
          </p>
          {/* The native control speaks the browser's language; this one speaks the page's. */}
          <div className="file-picker">
            <input
              ref={fileInput}
              id="import-file"
              name="file"
              type="file"
              className="visually-hidden file-input"
              accept=".csv,.tsv,.txt,.xlsx,.xml,text/csv,application/xml,text/xml,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
              aria-labelledby="import-file-label"
              aria-invalid={fileMissing}
              aria-describedby={
                fileMissing
                  ? 'import-file-hint import-file-name import-file-error'
                  : 'import-file-hint import-file-name'
              }
              data-testid="import-file"
              onChange={(event) => {
                setFile(event.target.files?.[0])
                setFileMissing(false)
              }}
            />
            <label
              htmlFor="import-file"
              className="button button-quiet file-button"
              aria-hidden="true"
            >
              {t('sources.chooseFile')}
            </label>
            <span id="import-file-name" className="file-name" data-testid="import-file-name">
              {file === undefined ? t('sources.noFile') : <bdi>{file.name}</bdi>}
            </span>
          </div>
          <FieldMessage
            id="import-file"
            error={fileMissing ? { key: 'sources.fileRequired' } : undefined}
          />
        </div>
        <div className="field">
          <label htmlFor="import-kind">{t('sources.kind')}</label>
          <p id="import-kind-hint" className="field-hint">
            {t('sources.kindHint')}
          </p>
          <select
            id="import-kind"
            name="sourceKind"
            value={kind}
            aria-describedby="import-kind-hint"
            data-testid="import-kind"
            onChange={(event) => setKind(event.target.value)}
          >
            {SOURCE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(SOURCE_KIND_KEYS[k])}
              </option>
            ))}
          </select>
        </div>
        <TextField
          id="import-document"
          label={t('sources.document')}
          hint={t('sources.documentHint')}
          value={documentTitle}
          onChange={setDocumentTitle}
          maxLength={300}
        />
        {isXlsx ? (
          <TextField
            id="import-sheet"
            label={t('sources.sheet')}
            hint={t('sources.sheetHint')}
            value={sheet}
            onChange={setSheet}
            maxLength={100}
          />
        ) : null}
        <button
          type="submit"
          className="button button-primary"
          disabled={running}
          data-testid="import-submit"
        >
          {t(running ? 'sources.importing' : 'sources.submit')}
        </button>
      </form>
      <ProblemMessage id="import-problem" problem={problem ?? pollProblem} />
      <p className="visually-hidden" role="status" aria-live="polite" data-testid="import-status">
        {status}
      </p>
      {jobId !== undefined && job?.status !== 'failed' ? (
        <JobProgress id="import-job" job={job} labelKey="sources.progressImport" />
      ) : null}
      {outcome !== undefined ? (
        <div className="success" data-testid="import-success">
          <p>
            {outcome.alreadyImported
              ? t('sources.result.alreadyDetail', {
                  count: formatNumber(outcome.recordCount, language),
                })
              : t('sources.result.imported', {
                  count: formatNumber(outcome.recordCount, language),
                })}
          </p>
          <p>
            {t('sources.result.warnings', {
              count: formatNumber(outcome.warnings.length, language),
            })}
          </p>
          <p>
            {t('sources.result.sha256')}{' '}
            <code dir="ltr" data-testid="import-sha256">
              {outcome.fileSha256}
            </code>
          </p>
        </div>
      ) : null}
      {outcome !== undefined && outcome.warnings.length > 0 ? (
        <IssueTable
          rows={warningRows(outcome.warnings)}
          captionKey="sources.report.warningsCaption"
          testId="import-warnings"
        />
      ) : null}
      {failure !== undefined ? (
        <div className="import-failure" data-testid="import-failure">
          <p className="problem">
            {failure.code === 'import_rejected'
              ? t('sources.result.rejected', {
                  count: formatNumber(failure.rows.length, language),
                })
              : t('sources.result.failed')}
          </p>
          {failure.rows.length > 0 ? (
            <IssueTable
              rows={failure.rows}
              captionKey="sources.report.caption"
              testId="import-report"
            />
          ) : null}
        </div>
      ) : null}
    </section>
  )
}
