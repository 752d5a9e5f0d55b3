import type { Job } from '../../api/sources.api.js'
import { useT } from '../../i18n/useT.js'
import type { MessageKey } from '../../i18n/messages.js'
import { percentOf, stageKey } from './job-view.js'

/**
 * A job's progress: a real <progress> named by its label, and the stage in words. The live
 * region (which the caller keeps mounted) announces the stage, not every percent, so a screen
 * reader is not interrupted once a second.
 */
export function JobProgress({
  id,
  job,
  labelKey,
}: {
  id: string
  job: Job | undefined
  labelKey: MessageKey
}) {
  const t = useT()
  const percent = job === undefined ? 0 : percentOf(job)
  return (
    <div className="job-progress" data-testid={`${id}-progress`}>
      <label htmlFor={id}>{t(labelKey)}</label>
      <progress id={id} max={100} value={percent} aria-describedby={`${id}-stage`}>
        {t('sources.percent', { percent })}
      </progress>
      <p className="job-progress-text">
        <span id={`${id}-stage`} data-testid={`${id}-stage`}>
          {t(job === undefined ? 'sources.stage.queued' : stageKey(job))}
        </span>{' '}
        <span className="meta" data-testid={`${id}-percent`}>
          {t('sources.percent', { percent })}
        </span>
      </p>
    </div>
  )
}
