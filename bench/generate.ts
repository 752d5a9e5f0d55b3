/**
 * Write a generated data set to CSV: the records (spec columns, RFC 4180, UTF-8) and,
 * optionally, the truth file with the corruption log.
 *
 *   node --import tsx bench/generate.ts --seed 1 --records 1000000 --out bench/out/gen-1m.csv \
 *        [--truth bench/out/gen-1m.truth.csv] [--profile syria|febrl]
 *
 * Writes synchronously in ~1 MB chunks, so memory stays flat at any size; a progress line
 * goes to stderr.
 */
import { closeSync, mkdirSync, openSync, writeSync } from 'node:fs'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import {
  formatRecordHeader,
  formatRecordRow,
  formatTruthHeader,
  formatTruthRow,
  generateRecords,
  listExtraColumns,
  type GeneratorProfile,
} from './generator/index.js'

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '1' },
    records: { type: 'string', default: '10000' },
    out: { type: 'string' },
    truth: { type: 'string' },
    profile: { type: 'string', default: 'syria' },
    'duplicate-rate': { type: 'string' },
  },
})

const profile = values.profile as GeneratorProfile
if (profile !== 'syria' && profile !== 'febrl') {
  console.error(`unknown --profile ${values.profile}; use syria or febrl`)
  process.exit(2)
}
if (values.out === undefined) {
  console.error(
    'usage: generate.ts --seed N --records N --out FILE [--truth FILE] [--profile syria|febrl]',
  )
  process.exit(2)
}
const seed = Number(values.seed)
const records = Number(values.records)

/** A file written in large synchronous chunks. */
class ChunkedFile {
  private readonly fd: number
  private parts: string[] = []
  private size = 0
  constructor(path: string) {
    mkdirSync(dirname(path), { recursive: true })
    this.fd = openSync(path, 'w')
  }
  write(text: string): void {
    this.parts.push(text)
    this.size += text.length
    if (this.size > 1 << 20) this.flush()
  }
  flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join(''))
    this.parts = []
    this.size = 0
  }
  close(): void {
    this.flush()
    closeSync(this.fd)
  }
}

const extra = listExtraColumns(profile)
const out = new ChunkedFile(values.out)
const truth = values.truth === undefined ? undefined : new ChunkedFile(values.truth)
out.write(formatRecordHeader(extra))
truth?.write(formatTruthHeader())

const started = process.hrtime.bigint()
let count = 0
let peakRss = 0
const report = (final: boolean): void => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9
  peakRss = Math.max(peakRss, process.memoryUsage.rss())
  const line = `generated ${count} records in ${seconds.toFixed(1)} s (${Math.round(count / Math.max(seconds, 1e-9))}/s), rss ${(peakRss / 2 ** 20).toFixed(0)} MiB`
  process.stderr.write(final ? `\r${line}\n` : `\r${line}`)
}

for (const record of generateRecords({
  seed,
  records,
  profile,
  duplicateRate:
    values['duplicate-rate'] === undefined ? undefined : Number(values['duplicate-rate']),
})) {
  out.write(formatRecordRow(record.fields, extra))
  truth?.write(formatTruthRow(record.truth))
  if (++count % 50_000 === 0) report(false)
}
out.close()
truth?.close()
report(true)
