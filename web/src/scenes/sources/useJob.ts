import { useEffect, useState } from 'react'
import type { Problem } from '../../../../src/contract/auth.contract.js'
import { getJob, type Job } from '../../api/sources.api.js'
import { pollJob } from './job-polling.js'
import { POLL_INTERVAL_MS } from './job-view.js'

/**
 * The latest state of a job, asked for about once a second until it ends. A new id starts
 * over; leaving the page stops asking (the job itself goes on on the server).
 */
export function useJob(jobId: string | undefined): { job?: Job; problem?: Problem } {
  const [state, setState] = useState<{ id?: string; job?: Job; problem?: Problem }>({})
  useEffect(() => {
    if (jobId === undefined) return
    let live = true
    void pollJob(
      () => getJob(jobId),
      (job) => setState({ id: jobId, job }),
      () => new Promise((resolve) => setTimeout(resolve, POLL_INTERVAL_MS)),
      () => !live,
    ).then((outcome) => {
      if (live && outcome !== undefined && !outcome.ok) {
        setState({ id: jobId, problem: outcome.problem })
      }
    })
    return () => {
      live = false
    }
  }, [jobId])
  // The state of a previous job is not this one's.
  if (jobId === undefined || state.id !== jobId) return {}
  return {
    ...(state.job === undefined ? {} : { job: state.job }),
    ...(state.problem === undefined ? {} : { problem: state.problem }),
  }
}
