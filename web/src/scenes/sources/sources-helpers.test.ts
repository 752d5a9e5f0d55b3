/**
 * The sources screen's pure parts: reading jobs (progress, stage, outcome, the row-level
 * report of a refused file, a linkage summary), following a job until it ends, who sees
 * what, and the multipart upload with its CSRF header.
 * Run: node --import tsx --test web/src/scenes/sources/sources-helpers.test.ts
 */
import assert from 'node:assert/strict'
import { afterEach, describe, test } from 'node:test'
import type { ApiResult } from '../../api/http-client.js'
import { setCsrfToken } from '../../api/http-client.js'
import { startImport, type Job } from '../../api/sources.api.js'
import { ROLE_HOMES } from '../role-homes.js'
import { findRoute } from '../routes.js'
import { NETWORK_RETRIES, pollJob } from './job-polling.js'
import {
  formatOfFileName,
  issueKey,
  percentOf,
  readFailure,
  readImportOutcome,
  readLinkageSummary,
  shortHash,
  stageKey,
} from './job-view.js'
import { SOURCE_KINDS, kindKey, mayRunLinkage } from './source-rules.js'

function job(over: Partial<Job> = {}): Job {
  return {
    id: 'j1',
    kind: 'import',
    status: 'running',
    progress: 0.4,
    stage: 'store',
    result: null,
    createdAt: '2026-11-28T00:00:00Z',
    updatedAt: '2026-11-28T00:00:01Z',
    ...over,
  }
}

void describe('reading a job', () => {
  void test('progress is a whole percent, clamped, and 100 once the job succeeded', () => {
    assert.equal(percentOf(job({ progress: 0.404 })), 40)
    assert.equal(percentOf(job({ progress: 1.7 })), 100)
    assert.equal(percentOf(job({ progress: -1 })), 0)
    assert.equal(percentOf(job({ progress: Number.NaN })), 0)
    assert.equal(percentOf(job({ status: 'succeeded', progress: 0.95 })), 100)
  })

  void test('each stage the services report has its message; unknown ones say "working"', () => {
    assert.equal(stageKey(job({ stage: 'parse' })), 'sources.stage.parse')
    assert.equal(stageKey(job({ stage: 'train and score' })), 'sources.stage.train')
    assert.equal(stageKey(job({ stage: 'store and cluster' })), 'sources.stage.cluster')
    assert.equal(stageKey(job({ stage: 'something new' })), 'sources.stage.working')
    assert.equal(stageKey(job({ stage: null })), 'sources.stage.working')
    assert.equal(stageKey(job({ status: 'queued', stage: null })), 'sources.stage.queued')
  })

  void test('an import outcome is read, and anything else is not trusted', () => {
    const outcome = readImportOutcome({
      batchId: 'b1',
      alreadyImported: true,
      recordCount: 3,
      warnings: [{ code: 'date_read_day_first', row: 2, reason: 'read day first' }],
      format: 'csv',
      fileSha256: 'ab'.repeat(32),
    })
    assert.equal(outcome?.alreadyImported, true)
    assert.equal(outcome?.recordCount, 3)
    assert.equal(outcome?.warnings.length, 1)
    assert.equal(readImportOutcome(null), undefined)
    assert.equal(readImportOutcome({ recordCount: '3', fileSha256: 'x' }), undefined)
  })

  void test("a refused file's problems become rows: row, column, value, code and reason, by row", () => {
    const failure = readFailure({
      code: 'import_rejected',
      message: 'Nothing was imported: 2 problem(s)',
      problems: [
        {
          field: 'birth_date',
          message: 'not a date',
          reason: 'invalid_date',
          row: 4,
          value: '2019-13-45',
        },
        { field: 'file', message: 'mixed lines', reason: 'mixed_encoding' },
        { field: 'sex', message: 'not a sex', reason: 'invalid_sex', row: 2, value: 'X' },
      ],
    })
    assert.equal(failure.code, 'import_rejected')
    assert.deepEqual(
      failure.rows.map((r) => [r.row, r.column, r.value, r.code]),
      [
        [undefined, undefined, undefined, 'mixed_encoding'],
        [2, 'sex', 'X', 'invalid_sex'],
        [4, 'birth_date', '2019-13-45', 'invalid_date'],
      ],
    )
    assert.equal(failure.rows[2]?.message, 'not a date')
    assert.deepEqual(readFailure('boom'), { code: 'internal', rows: [] })
    assert.deepEqual(readFailure({ code: 'internal', message: 'failed' }).rows, [])
  })

  void test('known problem codes are translated; others fall back to the server text', () => {
    assert.equal(issueKey('invalid_date'), 'sources.issue.invalid_date')
    assert.equal(issueKey('not_a_code_we_know'), undefined)
    assert.equal(issueKey(undefined), undefined)
  })

  void test('a linkage summary needs its four figures', () => {
    const summary = readLinkageSummary({
      runId: 'r1',
      records: 300,
      candidatePairs: 1200,
      storedPairs: 80,
      autoLinks: 40,
      reviewPairs: 25,
      persons: 250,
      modelSource: 'trained',
    })
    assert.deepEqual(
      [summary?.records, summary?.candidatePairs, summary?.autoLinks, summary?.reviewPairs],
      [300, 1200, 40, 25],
    )
    assert.equal(readLinkageSummary({ records: 1 }), undefined)
  })

  void test('hashes are shortened for a table; file names suggest a format', () => {
    assert.equal(shortHash('0123456789abcdef'), '0123456789ab…')
    assert.equal(shortHash('abc'), 'abc')
    assert.equal(formatOfFileName('List.XLSX'), 'xlsx')
    assert.equal(formatOfFileName('persons.xml'), 'pfif')
    assert.equal(formatOfFileName('a.csv'), 'csv')
    assert.equal(formatOfFileName('scan.pdf'), undefined)
  })
})

void describe('following a job', () => {
  const noWait = () => Promise.resolve()

  void test('asks until the job ends, reporting every state on the way', async () => {
    const answers: ApiResult<Job>[] = [
      { ok: true, value: job({ status: 'queued', progress: 0 }) },
      { ok: true, value: job({ progress: 0.5 }) },
      { ok: true, value: job({ status: 'succeeded', progress: 1, stage: 'done' }) },
    ]
    const seen: number[] = []
    const outcome = await pollJob(
      () => Promise.resolve(answers.shift() as ApiResult<Job>),
      (j) => seen.push(percentOf(j)),
      noWait,
      () => false,
    )
    assert.deepEqual(seen, [0, 50, 100])
    assert.equal(outcome?.ok, true)
    assert.equal(answers.length, 0)
  })

  void test('a failed job ends the loop with the job, not a problem', async () => {
    const outcome = await pollJob(
      () => Promise.resolve({ ok: true, value: job({ status: 'failed' }) }),
      () => undefined,
      noWait,
      () => false,
    )
    assert.ok(outcome?.ok === true && outcome.job.status === 'failed')
  })

  void test('rides out a few dropped connections, then reports the problem', async () => {
    let calls = 0
    const outcome = await pollJob(
      () => {
        calls++
        return Promise.resolve({
          ok: false,
          problem: { type: 'about:blank', status: 0, code: 'network', title: 'network' },
        })
      },
      () => undefined,
      noWait,
      () => false,
    )
    assert.equal(calls, NETWORK_RETRIES + 1)
    assert.ok(outcome?.ok === false && outcome.problem.code === 'network')
  })

  void test('another problem (the job is not ours) ends at once', async () => {
    let calls = 0
    const outcome = await pollJob(
      () => {
        calls++
        return Promise.resolve({
          ok: false,
          problem: { type: 'about:blank', status: 404, code: 'not_found', title: 'x' },
        })
      },
      () => undefined,
      noWait,
      () => false,
    )
    assert.equal(calls, 1)
    assert.equal(outcome?.ok, false)
  })

  void test('stops without a word once the page has gone', async () => {
    let cancelled = false
    let calls = 0
    const outcome = await pollJob(
      () => {
        calls++
        return Promise.resolve({ ok: true, value: job() })
      },
      () => undefined,
      () => {
        cancelled = true
        return Promise.resolve()
      },
      () => cancelled,
    )
    assert.equal(outcome, undefined)
    assert.equal(calls, 1)
  })
})

void describe('who uses the sources screen', () => {
  void test('the importing roles reach /sources; only coordinator and investigator run linkage', () => {
    for (const role of ['coordinator', 'caseworker', 'investigator'] as const) {
      assert.equal(findRoute('/sources', role)?.route.scene, 'sources', role)
    }
    for (const role of ['viewer', 'reviewer', 'field_officer', 'admin'] as const) {
      assert.equal(findRoute('/sources', role), undefined, role)
    }
    assert.equal(mayRunLinkage('coordinator'), true)
    assert.equal(mayRunLinkage('investigator'), true)
    assert.equal(mayRunLinkage('caseworker'), false)
  })

  void test("the coordinator's and the investigator's sources cards open /sources", () => {
    for (const role of ['coordinator', 'investigator'] as const) {
      assert.equal(ROLE_HOMES[role].find((a) => a.id === 'sources')?.path, '/sources', role)
    }
  })

  void test('every kind of source offered has a name; kinds a file wrote are shown as written', () => {
    for (const kind of SOURCE_KINDS) assert.ok(kindKey(kind), kind)
    assert.equal(kindKey('intake'), 'sourceKind.intake')
    assert.equal(kindKey('hand-written ledger'), undefined)
    assert.equal(kindKey('toString'), undefined)
  })
})

void describe('uploading', () => {
  const realFetch = globalThis.fetch
  afterEach(() => {
    globalThis.fetch = realFetch
    setCsrfToken(undefined)
  })

  void test('sends the file as multipart with the CSRF header and lets the browser set the type', async () => {
    setCsrfToken('csrf-1')
    let seen: RequestInit | undefined
    let url = ''
    globalThis.fetch = (input: string | URL | Request, init?: RequestInit) => {
      url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url
      seen = init
      return Promise.resolve(
        new Response(JSON.stringify({ jobId: 'j9' }), {
          status: 202,
          headers: { 'content-type': 'application/json' },
        }),
      )
    }
    const file = new File(['record_id,first_name\n1,أحمد\n'], 'list.csv', { type: 'text/csv' })
    const result = await startImport({
      file,
      sourceKind: 'ngo-list',
      document: '  قائمة 1  ',
      sheet: '',
    })
    assert.deepEqual(result, { ok: true, value: { jobId: 'j9' } })
    assert.equal(url, '/api/imports')
    assert.equal(seen?.method, 'POST')
    const headers = seen?.headers as Record<string, string>
    assert.equal(headers['x-csrf-token'], 'csrf-1')
    assert.equal(headers['content-type'], undefined)
    const form = seen?.body as FormData
    assert.equal(form.get('sourceKind'), 'ngo-list')
    assert.equal(form.get('document'), 'قائمة 1')
    assert.equal(form.get('sheet'), null, 'an empty sheet is not sent')
    assert.equal((form.get('file') as File).name, 'list.csv')
  })

  void test('a refusal is a problem value', async () => {
    globalThis.fetch = () =>
      Promise.resolve(
        new Response(JSON.stringify({ code: 'forbidden', title: 'no', status: 403 }), {
          status: 403,
          headers: { 'content-type': 'application/problem+json' },
        }),
      )
    const result = await startImport({ file: new File(['x'], 'a.csv'), sourceKind: 'register' })
    assert.ok(!result.ok && result.problem.code === 'forbidden')
  })
})
