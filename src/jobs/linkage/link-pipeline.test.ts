import assert from 'node:assert/strict'
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { after, before, describe, it } from 'node:test'
import iconv from 'iconv-lite'
import { buildFixtureFamilies } from '../../core/linkage/linkage-fixtures.js'
import { LINKAGE_INPUT_FIELDS, type LinkageRecordInput } from '../../core/linkage/index.js'
import { LinkageInputError, loadRecordFile, scanCsv, fieldText } from './csv-record-loader.js'
import { linkFiles } from './link-pipeline.js'
import { PAIRS_HEADER } from './linkage-writers.js'

const COLUMNS = ['record_id', ...LINKAGE_INPUT_FIELDS, 'notes'] as const

function csvCell(value: string | number | undefined): string {
  if (value === undefined) return ''
  const text = String(value)
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** Write records as a spec CSV (BOM, CRLF, a quoted multi-line note). */
export async function writeRecordsCsv(
  path: string,
  records: readonly LinkageRecordInput[],
): Promise<void> {
  const lines = [COLUMNS.join(',')]
  records.forEach((r, k) => {
    const row = r as unknown as Record<string, string | number | undefined>
    const note = k === 0 ? 'said "see you", then\nleft, at night' : undefined
    lines.push(COLUMNS.map((c) => csvCell(c === 'notes' ? note : row[c])).join(','))
  })
  await writeFile(path, '\uFEFF' + lines.join('\r\n') + '\r\n')
}

function parseCsv(text: string): string[][] {
  const buf = Buffer.from(text)
  const rows: string[][] = []
  scanCsv(buf, (row) => {
    rows.push(Array.from({ length: row.count }, (_, c) => fieldText(buf, row, c)))
  })
  return rows
}

describe('file pipeline', () => {
  let dir = ''
  const fixture = buildFixtureFamilies(5)
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'athar-link-'))
    await writeRecordsCsv(
      join(dir, 'records.csv'),
      fixture.map((r) => r.input),
    )
  })
  after(async () => {
    await rm(dir, { recursive: true, force: true })
  })

  it('reads the spec CSV: BOM, CRLF, quoted cells with commas, quotes and newlines', async () => {
    const loaded = await loadRecordFile(join(dir, 'records.csv'))
    assert.equal(loaded.raw.count, fixture.length)
    assert.deepEqual(loaded.raw.recordIds.slice(0, 3), ['r1', 'r2', 'r3'])
    const first = loaded.raw.columns.first_name
    assert.equal(first?.values[first.rows[0] as number], fixture[0]?.input.first_name)
  })

  it('writes pairs.csv and clusters.csv exactly as the spec says', async () => {
    const pairsOut = join(dir, 'pairs.csv')
    const clustersOut = join(dir, 'clusters.csv')
    const result = await linkFiles({
      inputs: [join(dir, 'records.csv')],
      pairsOut,
      clustersOut,
      threads: 0,
      seed: 5,
    })
    const pairs = parseCsv(await readFile(pairsOut, 'utf8'))
    assert.deepEqual(pairs[0], PAIRS_HEADER.split(','))
    assert.deepEqual(pairs[0]?.slice(0, 4), [
      'left_id',
      'right_id',
      'match_probability',
      'match_weight',
    ])
    const seen = new Set<string>()
    for (const row of pairs.slice(1)) {
      const [left, right, p, w, prior, ...contributions] = row
      const key = [left, right].sort().join('|')
      assert.ok(!seen.has(key), `pair ${key} appears twice`)
      seen.add(key)
      assert.ok(Number(p) >= 0.01 && Number(p) <= 1)
      const sum = Number(prior) + contributions.reduce((s, c) => s + Number(c), 0)
      assert.ok(Math.abs(sum - Number(w)) < 0.01, 'prior + contributions = match_weight')
    }
    assert.equal(pairs.length - 1, result.pairsWritten)
    const clusters = parseCsv(await readFile(clustersOut, 'utf8'))
    assert.deepEqual(clusters[0], ['record_id', 'cluster_id'])
    const ids = clusters.slice(1).map((r) => r[0])
    assert.equal(ids.length, fixture.length)
    assert.equal(new Set(ids).size, fixture.length, 'every record exactly once')
    assert.ok(result.clusters < fixture.length, 'some records were linked')
  })

  it('rescales the prior of a saved model to the number of records it scores', async () => {
    const first = await linkFiles({
      inputs: [join(dir, 'records.csv')],
      pairsOut: join(dir, 'pairs-m1.csv'),
      threads: 0,
      seed: 5,
    })
    const trainedOn = first.model.training.records
    assert.equal(trainedOn, fixture.length)
    // As if the model had been trained on a list ten times as long.
    const bigger = structuredClone(first.model)
    bigger.training.records = trainedOn * 10
    const again = await linkFiles({
      inputs: [join(dir, 'records.csv')],
      pairsOut: join(dir, 'pairs-m2.csv'),
      threads: 0,
      model: bigger,
    })
    const expected = (first.model.prior.probability * (trainedOn * 10 - 1)) / (trainedOn - 1)
    assert.ok(Math.abs(again.model.prior.probability - Math.min(0.5, expected)) < 1e-12)
    assert.match(again.model.prior.method, /rescaled/)
    const same = await linkFiles({
      inputs: [join(dir, 'records.csv')],
      pairsOut: join(dir, 'pairs-m3.csv'),
      threads: 0,
      model: first.model,
    })
    assert.equal(same.model.prior.probability, first.model.prior.probability)
  })

  it('scores the same with worker threads as in the main thread', async () => {
    const a = join(dir, 'pairs-a.csv')
    const b = join(dir, 'pairs-b.csv')
    const inputs = [join(dir, 'records.csv')]
    await linkFiles({ inputs, pairsOut: a, threads: 0, seed: 5 })
    await linkFiles({ inputs, pairsOut: b, threads: 2, seed: 5 })
    assert.equal(await readFile(b, 'utf8'), await readFile(a, 'utf8'))
  })

  it('prefixes record ids with the file name when they collide across files', async () => {
    const second = join(dir, 'second.csv')
    await writeRecordsCsv(
      second,
      fixture.slice(0, 3).map((r) => r.input),
    )
    const clustersOut = join(dir, 'clusters-2.csv')
    const result = await linkFiles({
      inputs: [join(dir, 'records.csv'), second],
      clustersOut,
      threads: 0,
    })
    assert.equal(result.idsQualified, true)
    const ids = parseCsv(await readFile(clustersOut, 'utf8'))
      .slice(1)
      .map((r) => r[0])
    assert.ok(ids.includes('records.csv:r1') && ids.includes('second.csv:r1'))
    assert.equal(new Set(ids).size, fixture.length + 3)
  })

  it('decodes a Windows-1256 file', async () => {
    const path = join(dir, 'cp1256.csv')
    await writeFile(
      path,
      iconv.encode('record_id,first_name,family_name\r\nx1,محمد,الحلبي\r\n', 'windows-1256'),
    )
    const loaded = await loadRecordFile(path)
    assert.equal(loaded.encoding, 'windows-1256')
    const first = loaded.raw.columns.first_name
    assert.equal(first?.values[0], 'محمد')
  })

  it('fails with one clear line on a missing file, no record_id column, an empty file, a duplicate id', async () => {
    const cases: Array<[string, string, RegExp]> = [
      ['absent.csv', '', /no such file/],
      ['noid.csv', 'first_name,family_name\nمحمد,الحلبي\n', /no record_id column/],
      ['empty.csv', '', /empty file/],
      ['dup.csv', 'record_id,first_name\na,x\na,y\n', /duplicate record_id a/],
      ['header-only.csv', 'record_id,first_name\n', /no records/],
    ]
    for (const [name, content, pattern] of cases) {
      const path = join(dir, name)
      if (name !== 'absent.csv') await writeFile(path, content)
      await assert.rejects(loadRecordFile(path), (error: unknown) => {
        assert.ok(error instanceof LinkageInputError)
        assert.match(error.message, pattern)
        assert.ok(!error.message.includes('\n'))
        return true
      })
    }
  })
})
