/**
 * Jobs: long work (bulk import, batch linkage) runs in the background of the server
 * process with its progress persisted, so a page can show a progress bar and a reload
 * does not lose it. Jobs are visible to the organisation that started them.
 */
import { randomUUID } from 'node:crypto'
import * as repo from '../db/job.repository.js'
import type { Actor } from '../core/access/policy.js'
import { DomainError } from '../core/errors.js'
import type { ServiceContext } from './context.js'

export type JobStatus = 'queued' | 'running' | 'succeeded' | 'failed'

export interface Job {
  id: string
  kind: string
  status: JobStatus
  progress: number
  stage: string | null
  result: unknown
  createdAt: string
  updatedAt: string
}

export interface JobHandle {
  id: string
  progress(fraction: number, stage: string): void
}

/** Start `work` as a job; returns at once with the job id. */
export async function startJob(
  ctx: ServiceContext,
  actor: Actor,
  kind: string,
  work: (job: JobHandle) => Promise<unknown>,
): Promise<{ id: string; done: Promise<void> }> {
  const id = randomUUID()
  const at = ctx.clock().toISOString()
  await repo.insertJob(ctx.handle.db, {
    id,
    kind,
    organisation_id: actor.organisationId,
    created_by: actor.userId,
    status: 'queued',
    progress: 0,
    stage: null,
    result: null,
    created_at: at,
    updated_at: at,
  })
  let lastWrite = 0
  let pending: Promise<void> = Promise.resolve()
  const handle: JobHandle = {
    id,
    progress(fraction, stage) {
      const now = Date.now()
      // At most a few writes a second: progress is for people, not a log.
      if (now - lastWrite < 200 && fraction < 1) return
      lastWrite = now
      pending = pending
        .then(() =>
          repo.updateJob(ctx.handle.db, id, {
            status: 'running',
            progress: Math.max(0, Math.min(1, fraction)),
            stage,
            updated_at: ctx.clock().toISOString(),
          }),
        )
        .catch(() => undefined)
    },
  }
  const done = (async () => {
    await repo.updateJob(ctx.handle.db, id, {
      status: 'running',
      updated_at: ctx.clock().toISOString(),
    })
    try {
      const result = await work(handle)
      await pending
      await repo.updateJob(ctx.handle.db, id, {
        status: 'succeeded',
        progress: 1,
        stage: 'done',
        result: JSON.stringify(result ?? null),
        updated_at: ctx.clock().toISOString(),
      })
    } catch (error) {
      await pending
      const problem =
        error instanceof DomainError
          ? { code: error.code, message: error.message, problems: error.problems.slice(0, 1000) }
          : { code: 'internal', message: 'The job failed; see the server log.' }
      await repo.updateJob(ctx.handle.db, id, {
        status: 'failed',
        stage: 'failed',
        result: JSON.stringify(problem),
        updated_at: ctx.clock().toISOString(),
      })
    }
  })()
  return { id, done }
}

export async function getJob(ctx: ServiceContext, actor: Actor, id: string): Promise<Job> {
  const row = await repo.findJob(ctx.handle.db, id)
  // A job's report can quote cells of an imported file: only whoever started it, and the
  // organisation's coordinators, may read it.
  const visible =
    row !== undefined &&
    row.organisation_id === actor.organisationId &&
    (row.created_by === actor.userId || actor.role === 'coordinator')
  if (!row || !visible) throw new DomainError('not_found', 'No such job.')
  return {
    id: row.id,
    kind: row.kind,
    status: row.status as JobStatus,
    progress: row.progress,
    stage: row.stage,
    result: row.result ? (JSON.parse(row.result) as unknown) : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}
