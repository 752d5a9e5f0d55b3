import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import Database from 'better-sqlite3'
import { runCli } from '../support/cli.js'
import { main } from '../../src/cli/main.js'
import { setIO } from '../../src/cli/io.js'

describe('athar CLI', () => {
  let dir = ''
  let db = ''
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'athar-cli-'))
    db = join(dir, 'athar.db')
  })

  it('documents itself in --help', async () => {
    const r = await runCli(['--help'])
    assert.equal(r.code, 0)
    for (const cmd of ['serve', 'demo', 'migrate', 'user', 'verify', 'import']) {
      assert.match(r.stdout, new RegExp(`\\b${cmd}\\b`))
    }
  })

  it('migrates a new database and says so in JSON', async () => {
    const r = await runCli(['migrate', '--db', db, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const data = JSON.parse(r.stdout) as { applied: string[]; dialect: string }
    assert.equal(data.dialect, 'sqlite')
    assert.ok(data.applied.includes('0001_create_access'))
    const again = JSON.parse((await runCli(['migrate', '--db', db, '--json'])).stdout) as {
      applied: string[]
    }
    assert.deepEqual(again.applied, [])
  })

  it('takes the database from DATABASE_URL when --db is absent', async () => {
    const other = join(dir, 'from-env.db')
    const r = await runCli(['migrate', '--json'], { DATABASE_URL: other })
    assert.equal(r.code, 0, r.stderr)
    assert.equal((JSON.parse(r.stdout) as { database: string }).database, other)
  })

  it('adds, lists and disables users; prints a generated password once', async () => {
    const add = await runCli([
      'user',
      'add',
      'amal',
      '--role',
      'investigator',
      '--org',
      'Team A',
      '--db',
      db,
      '--json',
    ])
    assert.equal(add.code, 0, add.stderr)
    const created = JSON.parse(add.stdout) as { username: string; password: string; role: string }
    assert.equal(created.role, 'investigator')
    assert.ok(created.password.length >= 12)
    const list = await runCli(['user', 'list', '--db', db, '--json'])
    const users = list.stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { username: string; disabled: boolean })
    assert.ok(users.some((u) => u.username === 'amal' && !u.disabled))
    await runCli(['user', 'add', 'temp-user', '--role', 'viewer', '--org', 'Team A', '--db', db])
    const dis = await runCli(['user', 'disable', 'temp-user', '--db', db])
    assert.equal(dis.code, 0)
    const after = (await runCli(['user', 'list', '--db', db, '--json'])).stdout
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l) as { username: string; disabled: boolean })
    assert.ok(after.some((u) => u.username === 'temp-user' && u.disabled))
  })

  it('fails with one line and a non-zero code on bad input', async () => {
    const r = await runCli(['user', 'add', 'x', '--role', 'king', '--org', 'Team A', '--db', db])
    assert.notEqual(r.code, 0)
    assert.equal(r.stderr.trim().split('\n').length, 1)
    assert.match(r.stderr, /^athar: .*role/)
    const missing = await runCli(['import', join(dir, 'nope.csv'), '--user', 'amal', '--db', db])
    assert.equal(missing.code, 66)
    assert.match(missing.stderr, /no such file/)
  })

  it('imports a file, refuses a broken one whole with a row-level report, and is a no-op on re-import', async () => {
    const good = join(dir, 'good.csv')
    writeFileSync(
      good,
      'record_id;الاسم;اسم الأب;الشهرة\nk1;محمد;خالد;الحلبي\nk2;سامر;علي;الحمصي\n',
    )
    const r = await runCli([
      'import',
      good,
      '--user',
      'amal',
      '--source',
      'ngo-list',
      '--db',
      db,
      '--json',
    ])
    assert.equal(r.code, 0, r.stderr)
    assert.equal(
      (JSON.parse(r.stdout.trim().split('\n').pop() ?? '{}') as { recordCount: number })
        .recordCount,
      2,
    )
    const again = await runCli(['import', good, '--user', 'amal', '--db', db])
    assert.match(again.stdout, /already imported/)
    const bad = join(dir, 'bad.csv')
    writeFileSync(bad, 'record_id,first_name,birth_date\nq1,علي,2019-13-45\n')
    const b = await runCli(['import', bad, '--user', 'amal', '--db', db])
    assert.equal(b.code, 65)
    assert.match(b.stderr, /row 2, column "birth_date", value "2019-13-45"/)
    const sqlite = new Database(db, { readonly: true })
    const n = (sqlite.prepare('select count(*) as n from person_record').get() as { n: number }).n
    sqlite.close()
    assert.equal(n, 2)
  })

  it('verifies the audit chain and exits 1 naming the first broken entry after tampering', async () => {
    const ok = await runCli(['verify', '--db', db])
    assert.equal(ok.code, 0, ok.stderr)
    assert.match(ok.stdout, /intact/)
    const sqlite = new Database(db)
    sqlite.prepare("update audit_entry set action = 'forged' where seq = 3").run()
    sqlite.close()
    const broken = await runCli(['verify', '--db', db])
    assert.equal(broken.code, 1)
    assert.match(broken.stderr, /broken at entry 3/)
  })
})

describe('athar export and search', () => {
  it('exports with provenance in each format, neutralises formulas, and refuses unknown formats', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'athar-export-'))
    const db = join(dir, 'x.db')
    await runCli(['user', 'add', 'inv', '--role', 'investigator', '--org', 'Team B', '--db', db])
    const f = join(dir, 'in.csv')
    writeFileSync(
      f,
      'record_id,first_name,family_name,notes\ne1,محمد,الحلبي,"=HYPERLINK(""http://x"",""click"")"\n',
    )
    assert.equal((await runCli(['import', f, '--user', 'inv', '--db', db])).code, 0)
    const csv = await runCli(['export', '--format', 'csv', '--user', 'inv', '--db', db])
    assert.equal(csv.code, 0, csv.stderr)
    assert.match(csv.stdout, /'=HYPERLINK/)
    assert.match(csv.stdout, /provenance_file_sha256/)
    const jsonl = await runCli(['export', '--format', 'jsonl', '--user', 'inv', '--db', db])
    const line = JSON.parse(jsonl.stdout.trim().split('\n')[0] ?? '{}') as {
      first_name: string
      provenance: { source_kind: string }
    }
    assert.equal(line.first_name, 'محمد')
    assert.equal(line.provenance.source_kind, 'register')
    const pfifFile = join(dir, 'out.xml')
    const pfif = await runCli([
      'export',
      '--format',
      'pfif',
      '--out',
      pfifFile,
      '--user',
      'inv',
      '--db',
      db,
    ])
    assert.equal(pfif.code, 0, pfif.stderr)
    const { readFileSync } = await import('node:fs')
    const { validatePfif14 } = await import('../../src/core/records/pfif-validator.js')
    const xml = readFileSync(pfifFile, 'utf8')
    assert.deepEqual(validatePfif14(xml), [])
    const bad = await runCli(['export', '--format', 'xls', '--user', 'inv', '--db', db])
    assert.equal(bad.code, 64)
  })

  it('searches across scripts and prints JSON Lines with record_id and score', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'athar-search-'))
    const db = join(dir, 'x.db')
    await runCli(['user', 'add', 'cw', '--role', 'caseworker', '--org', 'Team C', '--db', db])
    const f = join(dir, 'in.csv')
    writeFileSync(
      f,
      'record_id,first_name,father_name,family_name\ns1,محمد,خالد,الحلبي\ns2,سامر,علي,الحمصي\n',
    )
    await runCli(['import', f, '--user', 'cw', '--db', db])
    const r = await runCli(['search', 'halabi mohamad', '--user', 'cw', '--db', db, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const first = JSON.parse(r.stdout.trim().split('\n')[0] ?? '{}') as {
      record_id: string
      score: number
    }
    assert.equal(first.record_id, 's1')
    assert.ok(first.score > 0)
    const short = await runCli(['search', 'م', '--user', 'cw', '--db', db])
    assert.equal(short.code, 64)
  })

  it('serves searches from search threads (--search-threads), and refuses a bad count', async () => {
    const { db, password } = await serveFixture()
    const bad = await runCli(['serve', '--db', db, '--search-threads', 'two'])
    assert.equal(bad.code, 64)
    assert.match(bad.stderr, /--search-threads/)
    assert.deepEqual(
      await serveAndSearch(db, password, 'Halabi Mohamad', ['--search-threads', '2'], undefined),
      { threads: 2, first: 's1' },
    )
  })

  it('serves with one search thread unless told otherwise (ATHAR_SEARCH_THREADS, --search-threads)', async () => {
    const { db, password } = await serveFixture()
    const q = 'سامر الحمصي'
    assert.deepEqual(await serveAndSearch(db, password, q, [], undefined), {
      threads: 1,
      first: 's2',
    })
    assert.deepEqual(await serveAndSearch(db, password, q, [], '0'), { threads: 0, first: 's2' })
    assert.deepEqual(await serveAndSearch(db, password, q, ['--search-threads', '1'], '0'), {
      threads: 1,
      first: 's2',
    })
  })
})

/** A database with a caseworker (its one-time password) and two imported records. */
async function serveFixture(): Promise<{ db: string; password: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'athar-serve-'))
  const db = join(dir, 'x.db')
  const add = await runCli([
    'user',
    'add',
    'cw',
    '--role',
    'caseworker',
    '--org',
    'T',
    '--db',
    db,
    '--json',
  ])
  const { password } = JSON.parse(add.stdout) as { password: string }
  const f = join(dir, 'in.csv')
  writeFileSync(f, 'record_id,first_name,family_name\ns1,محمد,الحلبي\ns2,سامر,الحمصي\n')
  await runCli(['import', f, '--user', 'cw', '--db', db])
  return { db, password }
}

/**
 * `athar serve` on `db` with `extra` options and ATHAR_SEARCH_THREADS set to `env` (unset when
 * undefined): the search threads it says it runs, and the first record a search for `q` finds.
 */
async function serveAndSearch(
  db: string,
  password: string,
  q: string,
  extra: string[],
  env: string | undefined,
): Promise<{ threads: number | undefined; first: string | undefined }> {
  const saved = process.env.ATHAR_SEARCH_THREADS
  if (env === undefined) delete process.env.ATHAR_SEARCH_THREADS
  else process.env.ATHAR_SEARCH_THREADS = env
  const out: string[] = []
  const serving = main(['serve', '--db', db, '--port', '0', '--json', ...extra], {
    out: { write: (s: string) => out.push(s) },
    err: { write: () => undefined },
  })
  try {
    let ready: { url?: string; searchThreads?: number } = {}
    for (let i = 0; i < 200 && ready.url === undefined; i++) {
      const line = out.join('').split('\n')[0] ?? ''
      if (line.startsWith('{')) ready = JSON.parse(line) as typeof ready
      else await new Promise((resolve) => setTimeout(resolve, 50))
    }
    assert.ok(ready.url, 'the server printed its address')
    const login = await fetch(`${ready.url}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'cw', password }),
    })
    assert.equal(login.status, 200)
    const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0] ?? ''
    const res = await fetch(`${ready.url}/api/records/search?q=${encodeURIComponent(q)}`, {
      headers: { cookie },
    })
    assert.equal(res.status, 200)
    const body = (await res.json()) as { results: { fields: { record_id: string } }[] }
    return { threads: ready.searchThreads, first: body.results[0]?.fields.record_id }
  } finally {
    process.emit('SIGINT')
    assert.equal(await serving, 0)
    setIO({ out: process.stdout, err: process.stderr })
    if (saved === undefined) delete process.env.ATHAR_SEARCH_THREADS
    else process.env.ATHAR_SEARCH_THREADS = saved
  }
}
