import { useCallback, useEffect, useState } from 'react'
import type { Problem, SessionUser } from '../../../src/contract/auth.contract.js'
import { listImports, type ImportBatch } from '../api/sources.api.js'
import { PageHeading } from '../components/PageHeading.js'
import { ProblemMessage } from '../components/ProblemMessage.js'
import { formatDate, formatNumber } from '../i18n/format.js'
import { useLanguage, useT } from '../i18n/useT.js'
import { ImportPanel } from './sources/ImportPanel.js'
import { LinkagePanel } from './sources/LinkagePanel.js'
import { kindKey, mayRunLinkage } from './sources/source-rules.js'
import { shortHash } from './sources/job-view.js'
import '../styles/sources.css'

/** The organisation's import batches, newest first, each with its file's fingerprint. */
function BatchTable({ batches, userId }: { batches: readonly ImportBatch[]; userId: string }) {
  const t = useT()
  const { language } = useLanguage()
  if (batches.length === 0) return <p className="empty">{t('sources.batches.empty')}</p>
  return (
    <div
      className="table-scroll"
      tabIndex={0}
      role="group"
      aria-label={t('sources.batches.caption')}
    >
      <table className="sources-table" data-testid="batch-table">
        <caption>{t('sources.batches.caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('sources.batches.file')}</th>
            <th scope="col">{t('sources.batches.kind')}</th>
            <th scope="col">{t('sources.batches.document')}</th>
            <th scope="col">{t('sources.batches.rows')}</th>
            <th scope="col">{t('sources.batches.when')}</th>
            <th scope="col">{t('sources.batches.by')}</th>
            <th scope="col">{t('sources.batches.sha256')}</th>
          </tr>
        </thead>
        <tbody>
          {batches.map((b) => {
            const kind = kindKey(b.sourceKind)
            return (
              <tr key={b.id} data-testid="batch-row">
                <td data-testid="batch-file">
                  <bdi>{b.fileName}</bdi>
                </td>
                <td>{kind === undefined ? <bdi>{b.sourceKind}</bdi> : t(kind)}</td>
                <td>{b.document === null ? t('sources.report.none') : <bdi>{b.document}</bdi>}</td>
                <td className="number">
                  {formatNumber(b.rowCount, language)}
                  {b.warningCount > 0 ? (
                    <span className="meta">
                      {' '}
                      {t('sources.batches.warnings', {
                        count: formatNumber(b.warningCount, language),
                      })}
                    </span>
                  ) : null}
                </td>
                <td>
                  <time dateTime={b.importedAt} title={b.importedAt}>
                    {formatDate(new Date(b.importedAt), language)}
                  </time>
                </td>
                <td>
                  {b.importedBy === userId ? (
                    t('sources.batches.byYou')
                  ) : b.importedByName ? (
                    <bdi>{b.importedByName}</bdi>
                  ) : (
                    t('sources.batches.byOther')
                  )}
                </td>
                <td>
                  <code dir="ltr" title={b.fileSha256} data-testid="batch-sha256">
                    {shortHash(b.fileSha256)}
                  </code>
                </td>
              </tr>
            )
          })}
        </tbody>
      </table>
    </div>
  )
}

/**
 * Sources and lists: import a list as a job with its progress and row-level report, the
 * organisation's import batches, and (for the roles that may) a linkage run over all records.
 */
export function SourcesScene({ user }: { user: SessionUser }) {
  const t = useT()
  const [batches, setBatches] = useState<ImportBatch[] | undefined>()
  const [problem, setProblem] = useState<Problem | undefined>()
  const [reloads, setReloads] = useState(0)
  const reload = useCallback(() => setReloads((n) => n + 1), [])

  useEffect(() => {
    let live = true
    void listImports().then((result) => {
      if (!live) return
      if (result.ok) {
        setBatches(result.value)
        setProblem(undefined)
      } else setProblem(result.problem)
    })
    return () => {
      live = false
    }
  }, [reloads])

  return (
    <section className="scene sources-scene" data-testid="sources-scene">
      <PageHeading>{t('sources.title')}</PageHeading>
      <p className="lead">{t('sources.lead')}</p>
      <ImportPanel onImported={reload} />
      {mayRunLinkage(user.role) ? <LinkagePanel /> : null}
      <section className="sources-panel" aria-labelledby="batches-title">
        <h2 id="batches-title" className="section-title">
          {t('sources.batches.title')}
        </h2>
        <ProblemMessage problem={problem} />
        {batches === undefined ? (
          problem === undefined ? (
            <p className="meta" role="status">
              {t('sources.batches.loading')}
            </p>
          ) : null
        ) : (
          <BatchTable batches={batches} userId={user.id} />
        )}
      </section>
    </section>
  )
}
