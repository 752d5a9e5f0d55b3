// Prints (never asserts) how long the record importers and exporters take on generated data.
// Run: node --import tsx bench/import.bench.ts [rows]   (default 200000)
import { performance } from 'node:perf_hooks'

import iconv from 'iconv-lite'

import {
  decodeText,
  exportRecordsCsv,
  forEachCsvRecord,
  parseRecordsCsv,
  type RecordExportItem,
} from '../src/core/records/index.js'

const ROWS = Number(process.argv[2] ?? 200_000)
const HEADER =
  'record_id,source,full_name,first_name,father_name,grandfather_name,family_name,mother_name,mother_family_name,sex,birth_date,age,recorded_on,birth_place,national_id,last_seen_date,last_seen_place,detention_place,notes'
const FIRST = ['محمد', 'أحمد', 'عبد الرحمن', 'خالد', 'سارة', 'فاطمة', 'Mohammad', 'Nour al-Din']
const FAMILY = ['الحلبي', 'الخطيب', 'العلي', 'Al-Halabi', 'حمصي', 'الشامي']

function syntheticRow(i: number): string {
  const first = FIRST[i % FIRST.length]!
  const family = FAMILY[i % FAMILY.length]!
  return [
    `r${i}`,
    'register',
    '',
    first,
    FIRST[(i * 7) % FIRST.length],
    '',
    family,
    FIRST[(i * 3) % FIRST.length],
    FAMILY[(i * 5) % FAMILY.length],
    i % 2 === 0 ? 'M' : 'F',
    `19${50 + (i % 50)}-0${1 + (i % 9)}`,
    String(20 + (i % 60)),
    '2025-01-15',
    'حلب',
    `0101${String(i).padStart(7, '0')}`,
    '2013',
    'دمشق',
    'سجن صيدنايا',
    i % 10 === 0 ? '"seen, then moved"' : '',
  ].join(',')
}

// Wall time and CPU time: on a shared machine the CPU time is the steadier figure.
function time<T>(label: string, bytes: number, fn: () => T): T {
  const start = performance.now()
  const cpu = process.cpuUsage()
  const out = fn()
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  const cpuMs = (used.user + used.system) / 1000
  const mb = bytes / 1024 / 1024
  console.log(
    `${label.padEnd(44)} wall ${ms.toFixed(0).padStart(6)} ms  cpu ${cpuMs.toFixed(0).padStart(6)} ms  ` +
      `${(mb / (cpuMs / 1000)).toFixed(1).padStart(6)} MB/cpu-s  ${Math.round(ROWS / (cpuMs / 1000)).toLocaleString('en')} rows/cpu-s`,
  )
  return out
}

async function main(): Promise<void> {
  const lines = [HEADER]
  for (let i = 0; i < ROWS; i++) lines.push(syntheticRow(i))
  const text = lines.join('\n')
  const utf8 = Buffer.from(text, 'utf8')
  const cp1256 = iconv.encode(text, 'windows-1256')
  console.log(
    `rows: ${ROWS}, UTF-8 size: ${(utf8.byteLength / 1024 / 1024).toFixed(1)} MB, node ${process.version}`,
  )

  time('decodeText (UTF-8)', utf8.byteLength, () => decodeText(utf8))
  time('decodeText (Windows-1256)', cp1256.byteLength, () => decodeText(cp1256))
  const result = time('parseRecordsCsv (UTF-8)', utf8.byteLength, () => parseRecordsCsv(utf8))
  if (!result.ok) throw new Error(JSON.stringify(result.errors.slice(0, 3)))
  time('parseRecordsCsv (Windows-1256)', cp1256.byteLength, () => parseRecordsCsv(cp1256))
  let count = 0
  time('forEachCsvRecord (UTF-8, records not kept)', utf8.byteLength, () =>
    forEachCsvRecord(utf8, {}, () => void count++),
  )

  const items: RecordExportItem[] = result.records.map((r) => ({ record: r.record }))
  const start = performance.now()
  const cpu = process.cpuUsage()
  let exported = 0
  for await (const chunk of exportRecordsCsv(items)) exported += chunk.length
  const ms = performance.now() - start
  const used = process.cpuUsage(cpu)
  console.log(
    `${'exportRecordsCsv'.padEnd(44)} wall ${ms.toFixed(0).padStart(6)} ms  cpu ${((used.user + used.system) / 1000).toFixed(0).padStart(6)} ms  ${exported.toLocaleString('en')} chars`,
  )
  console.log(
    `load average: ${(await import('node:os'))
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}`,
  )
  console.log(`heap used after: ${(process.memoryUsage().heapUsed / 1024 / 1024).toFixed(0)} MB`)
}

await main()
