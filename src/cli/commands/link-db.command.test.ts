import { describe, it, before } from 'node:test'
import assert from 'node:assert/strict'
import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { runCli } from '../../../test/support/cli.js'
import {
  formatRecordHeader,
  formatRecordRow,
  generateRecords,
} from '../../../bench/generator/index.js'

describe('athar link-db', () => {
  let dir = ''
  let db = ''
  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'athar-link-db-'))
    db = join(dir, 'athar.db')
    const file = join(dir, 'records.csv')
    writeFileSync(
      file,
      formatRecordHeader() +
        [...generateRecords({ seed: 4, records: 150 })]
          .map((g) => formatRecordRow(g.fields))
          .join(''),
    )
    for (const [name, role] of [
      ['lina', 'coordinator'],
      ['rami', 'reviewer'],
    ]) {
      const r = await runCli([
        'user',
        'add',
        name as string,
        '--role',
        role as string,
        '--org',
        'Team L',
        '--password',
        'a long enough password',
        '--db',
        db,
      ])
      assert.equal(r.code, 0, r.stderr)
    }
    const imported = await runCli(['import', file, '--user', 'lina', '--db', db])
    assert.equal(imported.code, 0, imported.stderr)
  })

  it('links the stored records and reports pairs and persons', async () => {
    const r = await runCli(['link-db', '--user', 'lina', '--seed', '7', '--db', db, '--json'])
    assert.equal(r.code, 0, r.stderr)
    const s = JSON.parse(r.stdout) as {
      records: number
      storedPairs: number
      autoLinks: number
      persons: number
      modelSource: string
    }
    assert.ok(s.records >= 150)
    assert.ok(s.storedPairs > 0 && s.autoLinks > 0)
    assert.ok(s.persons < s.records)
    assert.equal(s.modelSource, 'trained')
    const again = await runCli(['link-db', '--user', 'lina', '--reuse-model', '--db', db])
    assert.equal(again.code, 0, again.stderr)
    assert.match(again.stdout, /model reused/)
    assert.match(
      again.stdout,
      /0 new, 0 merged, 0 split/,
      'a re-run over the same records keeps every person id',
    )
  })

  it('refuses a user without linkage.run, and bad thresholds', async () => {
    const denied = await runCli(['link-db', '--user', 'rami', '--db', db])
    assert.equal(denied.code, 77)
    const bad = await runCli(['link-db', '--user', 'lina', '--auto-link', '1.5', '--db', db])
    assert.equal(bad.code, 64)
    assert.match(bad.stderr, /--auto-link/)
  })
})
