import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import { buildFixtureFamilies } from '../../core/linkage/linkage-fixtures.js'
import { writeRecordsCsv } from '../../jobs/linkage/link-pipeline.test.js'
import { main } from '../main.js'

function capture(): {
  io: { out: { write(t: string): boolean }; err: { write(t: string): boolean } }
  out: () => string
  err: () => string
} {
  let out = ''
  let err = ''
  return {
    io: {
      out: { write: (t: string) => ((out += t), true) },
      err: { write: (t: string) => ((err += t), true) },
    },
    out: () => out,
    err: () => err,
  }
}

describe('athar link / model show / explain', () => {
  let dir = ''
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'athar-cli-link-'))
    await writeRecordsCsv(
      join(dir, 'records.csv'),
      buildFixtureFamilies(4).map((r) => r.input),
    )
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('links a CSV file and prints a JSON summary', async () => {
    const c = capture()
    const code = await main(
      [
        'link',
        join(dir, 'records.csv'),
        '--out',
        join(dir, 'p.csv'),
        '--clusters',
        join(dir, 'c.csv'),
        '--model-out',
        join(dir, 'm.json'),
        '--threads',
        '0',
        '--json',
      ],
      c.io,
    )
    assert.equal(code, 0, c.err())
    const summary = JSON.parse(c.out()) as {
      records: number
      candidatePairs: number
      clusters: number
      stageMs: Record<string, number>
    }
    assert.equal(summary.records, 48)
    assert.ok(summary.candidatePairs > 0)
    assert.ok(summary.clusters < 48)
    assert.deepEqual(Object.keys(summary.stageMs), [
      'load',
      'normalise',
      'block',
      'train',
      'score',
      'cluster',
      'write',
    ])
    assert.match(
      await readFile(join(dir, 'p.csv'), 'utf8'),
      /^left_id,right_id,match_probability,match_weight/,
    )
  })

  it('prints a human summary and scores with a saved model', async () => {
    const c = capture()
    const code = await main(
      [
        'link',
        join(dir, 'records.csv'),
        '--out',
        join(dir, 'p2.csv'),
        '--clusters',
        join(dir, 'c2.csv'),
        '--model',
        join(dir, 'm.json'),
        '--threads',
        '0',
        '--no-progress',
      ],
      c.io,
    )
    assert.equal(code, 0, c.err())
    assert.match(c.out(), /records: 48/)
    assert.match(c.out(), /candidate pairs: \d+ in blocks/)
    assert.match(c.out(), /stages \(ms\): load/)
  })

  it('shows a model', async () => {
    const c = capture()
    assert.equal(await main(['model', 'show', join(dir, 'm.json')], c.io), 0)
    assert.match(c.out(), /prior: λ = /)
    assert.match(c.out(), /first_name:\n {2}exact/)
  })

  it('explains a pair as a waterfall', async () => {
    const c = capture()
    const code = await main(
      ['explain', 'r1', 'r3', '--input', join(dir, 'records.csv'), '--model', join(dir, 'm.json')],
      c.io,
    )
    assert.equal(code, 0, c.err())
    assert.match(c.out(), /^r1 ~ r3\n {2}prior/)
    assert.match(c.out(), /total +[+-]\d+\.\d+ {2}→ match probability/)
  })

  it('fails in one line: missing file, no record_id column, empty file, unknown record, bad option', async () => {
    await writeFile(join(dir, 'noid.csv'), 'first_name\nx\n')
    await writeFile(join(dir, 'empty.csv'), '')
    const cases: Array<[string[], RegExp]> = [
      [['link', join(dir, 'absent.csv'), '--threads', '0'], /no such file/],
      [['link', join(dir, 'noid.csv'), '--threads', '0'], /no record_id column/],
      [['link', join(dir, 'empty.csv'), '--threads', '0'], /empty file/],
      [['link', join(dir, 'records.csv'), '--min-probability', '2'], /--min-probability must be/],
      [
        [
          'explain',
          'r1',
          'nope',
          '--input',
          join(dir, 'records.csv'),
          '--model',
          join(dir, 'm.json'),
        ],
        /record nope is not in the input files/,
      ],
      [['model', 'show', join(dir, 'records.csv')], /not valid JSON/],
    ]
    for (const [argv, pattern] of cases) {
      const c = capture()
      const code = await main(argv, c.io)
      assert.notEqual(code, 0)
      assert.match(c.err(), pattern)
      assert.equal(c.err().trim().split('\n').length, 1, c.err())
    }
  })
})
