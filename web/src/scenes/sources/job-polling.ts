/**
 * Following a background job until it ends: ask for it, report it, wait, again. The waiting
 * and the fetching are passed in, so the loop is tested without timers or a server, and the
 * screen can stop it when it goes away.
 */
import type { Problem } from '../../../../src/contract/auth.contract.js'
import type { ApiResult } from '../../api/http-client.js'
import type { Job } from '../../api/sources.api.js'
import { isFinished } from './job-view.js'

export type PollOutcome = { ok: true; job: Job } | { ok: false; problem: Problem }

/** A dropped connection is retried this many times in a row before the screen says so. */
export const NETWORK_RETRIES = 3

export async function pollJob(
  fetchJob: () => Promise<ApiResult<Job>>,
  onUpdate: (job: Job) => void,
  wait: () => Promise<void>,
  isCancelled: () => boolean,
): Promise<PollOutcome | undefined> {
  let networkFailures = 0
  for (;;) {
    const result = await fetchJob()
    if (isCancelled()) return undefined
    if (!result.ok) {
      // The job goes on on the server whatever happens to this page's connection.
      if (result.problem.code === 'network' && networkFailures < NETWORK_RETRIES) {
        networkFailures++
      } else {
        return { ok: false, problem: result.problem }
      }
    } else {
      networkFailures = 0
      onUpdate(result.value)
      if (isFinished(result.value)) return { ok: true, job: result.value }
    }
    await wait()
    if (isCancelled()) return undefined
  }
}
