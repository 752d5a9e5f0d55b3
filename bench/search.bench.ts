/**
 * Search benchmark: Athar's in-memory name index against the PostgreSQL pg_trgm search a team
 * would build instead, on the same generated records and the same queries.
 *
 *   npm run bench:search -- [--records 1000000] [--seed 1] [--queries 2000]
 *                           [--input records.csv --truth truth.csv] [--no-pg] [--no-http]
 *                           [--search-threads 1,2] [--rates 100,200,400,600,800] [--http-seconds 20]
 *                           [--report docs/benchmarks-search.md] [--dump-queries FILE]
 *
 * Prints build time and memory, in-process latency (p50/p95/p99) and recall@10 (is any other
 * record of the right person in the top 10?), then the same for pg_trgm, then HTTP figures.
 */
import { execSync, spawn } from 'node:child_process'
import { randomBytes } from 'node:crypto'
import {
  closeSync,
  createReadStream,
  mkdtempSync,
  openSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs'
import { Agent, get as httpGet } from 'node:http'
import { cpus, loadavg, tmpdir, totalmem } from 'node:os'
import { join } from 'node:path'
import { createInterface } from 'node:readline'
import { performance } from 'node:perf_hooks'
import { setFlagsFromString } from 'node:v8'
import { fileURLToPath } from 'node:url'
import { runInNewContext } from 'node:vm'
import { parse } from 'csv-parse'
import pg from 'pg'
import autocannon from 'autocannon'
import Fastify from 'fastify'

import { NameSearchIndex, SEARCH_SCORING_CAP } from '../src/core/search/index.js'
import { buildApp } from '../src/http/app.js'
import { actAsUser, addUser, createOrganisation } from '../src/services/access.service.js'
import { importRecords } from '../src/services/record.service.js'
import { openRuntime } from '../src/services/runtime.js'
import { searchState, stopSearch } from '../src/services/search.service.js'
import type { PersonRecordFields } from '../src/core/records/record-fields.js'
import { RECORD_FIELDS } from '../src/core/records/record-fields.js'
import {
  formatRecordHeader,
  formatRecordRow,
  generateRecords,
  RandomSource,
} from './generator/index.js'
import type { TruePerson } from './generator/index.js'
import { LATIN_SCHEMES } from './generator/name-catalog.js'
import { chooseArticleStyle, spellFamilyName, spellGivenName } from './generator/transliterator.js'

// ------------------------------------------------------------------ arguments

interface BenchArgs {
  records: number
  seed: number
  queries: number
  /** The first N queries also run against PostgreSQL (pg_trgm takes seconds per query at 1M). */
  pgQueries: number
  input: string | undefined
  truth: string | undefined
  pg: boolean
  http: boolean
  report: string | undefined
  pgUrl: string
  /** Search threads of the servers measured after the first (which searches in its thread). */
  searchThreads: number[]
  /** Offered rates (requests/s, ascending) of the fixed-rate HTTP runs. */
  rates: number[]
}

function readArgs(argv: string[]): BenchArgs {
  const value = (name: string): string | undefined => {
    const i = argv.indexOf(`--${name}`)
    return i >= 0 ? argv[i + 1] : undefined
  }
  return {
    records: Number(value('records') ?? 1_000_000),
    seed: Number(value('seed') ?? 1),
    queries: Number(value('queries') ?? 2000),
    pgQueries: Number(value('pg-queries') ?? 300),
    input: value('input'),
    truth: value('truth'),
    pg: !argv.includes('--no-pg'),
    http: !argv.includes('--no-http'),
    report:
      value('report') ?? (argv.includes('--no-report') ? undefined : 'docs/benchmarks-search.md'),
    pgUrl: value('pg-url') ?? process.env.BENCH_PG_URL ?? 'postgresql://127.0.0.1:5432/test',
    searchThreads: (value('search-threads') ?? '1,2').split(',').map(Number),
    rates: (value('rates') ?? '100,200,400,600,800').split(',').map(Number),
  }
}

// ------------------------------------------------------------------ record sources

interface SourcedRecord {
  fields: PersonRecordFields
  personId: string
  /** The generator's true person (clean names), when the records come from the generator. */
  person?: TruePerson | undefined
}

/** The records, streamed: from the seeded generator, or from a CSV + truth CSV pair. */
async function* openRecords(args: BenchArgs): AsyncGenerator<SourcedRecord> {
  if (args.input === undefined) {
    for (const r of generateRecords({ seed: args.seed, records: args.records })) {
      yield { fields: r.fields, personId: r.truth.person_id, person: r.truth.person }
    }
    return
  }
  if (args.truth === undefined) throw new Error('--input needs --truth (record_id,person_id,...)')
  const personOf = new Map<string, string>()
  for await (const row of readCsv(args.truth)) {
    personOf.set(row.record_id ?? '', row.person_id ?? '')
  }
  for await (const row of readCsv(args.input)) {
    const fields = fieldsOfRow(row)
    yield { fields, personId: personOf.get(fields.record_id) ?? '' }
  }
}

async function* readCsv(path: string): AsyncGenerator<Record<string, string>> {
  const parser = createReadStream(path).pipe(
    parse({ columns: true, bom: true, relax_column_count: true }),
  )
  for await (const row of parser) yield row as Record<string, string>
}

/** A spec CSV row as record fields (blank cell = unknown). */
function fieldsOfRow(row: Record<string, string>): PersonRecordFields {
  const fields: PersonRecordFields = { record_id: row.record_id ?? '', extra: {} }
  const target = fields as unknown as Record<string, unknown>
  for (const name of RECORD_FIELDS) {
    const cell = row[name]
    if (cell === undefined || cell.trim() === '' || name === 'record_id') continue
    if (name === 'age') target.age = Number(cell)
    else if (name === 'sex') target.sex = cell === 'M' || cell === 'F' ? cell : undefined
    else target[name] = cell
  }
  return fields
}

// ------------------------------------------------------------------ queries from the truth

/** Small seeded PRNG (mulberry32): the query set is the same for the same seed. */
function prng(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

/** FNV-1a hash of a string, for deterministic sampling of persons while streaming. */
function hashOf(text: string): number {
  let h = 0x811c9dc5
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i)
    h = Math.imul(h, 0x01000193)
  }
  return h >>> 0
}

interface BenchQuery {
  text: string
  /** Internal person number (see personIndex). */
  person: number
  /** The record the query was written from: not counted as a hit. */
  fromRecordId: string
  shape: 'first+family' | 'first+father+family' | 'family+first' | 'partial'
  script: 'arabic' | 'latin'
}

/** Name parts of a record as written (split fields, else split full_name). */
function partsOf(f: PersonRecordFields): { first?: string; father?: string; family?: string } {
  if (f.first_name !== undefined || f.family_name !== undefined) {
    return { first: f.first_name, father: f.father_name, family: f.family_name }
  }
  const t = (f.full_name ?? '')
    .trim()
    .split(/\s+/)
    .filter((x) => x !== '')
  if (t.length < 2) return { first: t[0] }
  return { first: t[0], father: t.length >= 3 ? t[1] : undefined, family: t[t.length - 1] }
}

/** Write a query the way a family types it, from one record of the person. */
function writeQuery(
  f: PersonRecordFields,
  random: () => number,
): Omit<BenchQuery, 'person' | 'fromRecordId'> | undefined {
  const { first, father, family } = partsOf(f)
  if (first === undefined || family === undefined) return undefined
  const script = /[\u0600-\u06FF]/.test(first + family) ? 'arabic' : 'latin'
  const roll = random()
  if (roll < 0.5) return { text: `${first} ${family}`, shape: 'first+family', script }
  if (roll < 0.7 && father !== undefined) {
    return { text: `${first} ${father} ${family}`, shape: 'first+father+family', script }
  }
  if (roll < 0.85) return { text: `${family} ${first}`, shape: 'family+first', script }
  // Partial: the family name cut to ~60% of its letters (at least 3), as typed half-way.
  const chars = [...family.replace(/^(al|el|ال)[-\s]?/i, '')]
  const keep = Math.max(3, Math.ceil(chars.length * 0.6))
  return { text: `${first} ${chars.slice(0, keep).join('')}`, shape: 'partial', script }
}

/**
 * Write a query the way a family types it, from the generator's true person: the clean Arabic
 * name, or a Latin spelling drawn with the generator's own transliterator (a scheme per query:
 * English, French, Turkish, German, informal) — independent of the matcher's tables.
 */
function writeFamilyQuery(
  p: TruePerson,
  random: () => number,
  rs: RandomSource,
): Omit<BenchQuery, 'person' | 'fromRecordId'> {
  const latin = random() < 0.5
  let first = p.first.ar
  let father = p.father.ar
  let family = p.family.ar
  if (latin) {
    const scheme = LATIN_SCHEMES[Math.floor(random() * LATIN_SCHEMES.length)] ?? 'english'
    first = spellGivenName(p.first.ar, p.first.latin, scheme, rs)
    father = spellGivenName(p.father.ar, p.father.latin, scheme, rs)
    family = spellFamilyName(p.family.latin, scheme, chooseArticleStyle(scheme, rs), rs)
  }
  const script = latin ? 'latin' : 'arabic'
  const roll = random()
  if (roll < 0.5) return { text: `${first} ${family}`, shape: 'first+family', script }
  if (roll < 0.7) {
    return { text: `${first} ${father} ${family}`, shape: 'first+father+family', script }
  }
  if (roll < 0.85) return { text: `${family} ${first}`, shape: 'family+first', script }
  const stem = [...family.replace(/^(al|el|ال)[-\s]?/i, '')]
  const keep = Math.max(3, Math.ceil(stem.length * 0.6))
  return { text: `${first} ${stem.slice(0, keep).join('')}`, shape: 'partial', script }
}

/** The pg_trgm column as a team would build it: name parts as written, lower-cased. */
function pgNamesOf(fields: PersonRecordFields): string {
  return [
    fields.first_name,
    fields.father_name,
    fields.grandfather_name,
    fields.family_name,
    fields.full_name,
  ]
    .filter((x): x is string => x !== undefined)
    .join(' ')
    .toLowerCase()
    .replace(/[\t\n\r]+/g, ' ')
}

// ------------------------------------------------------------------ measuring

const gc: () => void = (() => {
  setFlagsFromString('--expose_gc')
  return runInNewContext('gc') as () => void
})()

function memory(): { rss: number; heap: number } {
  gc()
  gc()
  const m = process.memoryUsage()
  return { rss: m.rss, heap: m.heapUsed + m.arrayBuffers }
}

const mb = (bytes: number): string => `${(bytes / 1048576).toFixed(0)} MB`

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))
  return sorted[i] ?? NaN
}

interface RunFigures {
  p50: number
  p95: number
  p99: number
  recall: number
  recallByShape: Record<string, string>
  recallByScript: Record<string, string>
}

function summarise(latencies: number[], found: boolean[], queries: BenchQuery[]): RunFigures {
  const sorted = [...latencies].sort((a, b) => a - b)
  const groupRecall = (key: (q: BenchQuery) => string): Record<string, string> => {
    const hit = new Map<string, number>()
    const all = new Map<string, number>()
    queries.forEach((q, i) => {
      const k = key(q)
      all.set(k, (all.get(k) ?? 0) + 1)
      if (found[i] === true) hit.set(k, (hit.get(k) ?? 0) + 1)
    })
    const out: Record<string, string> = {}
    for (const [k, n] of [...all].sort()) {
      out[k] = `${(((hit.get(k) ?? 0) / n) * 100).toFixed(1)}% (${n})`
    }
    return out
  }
  return {
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    recall: found.filter(Boolean).length / Math.max(1, found.length),
    recallByShape: groupRecall((q) => q.shape),
    recallByScript: groupRecall((q) => q.script),
  }
}

// ------------------------------------------------------------------ main

interface Loaded {
  /** Tab-separated (record_id, names) rows spooled during the build, for the PostgreSQL load. */
  pgRowsFile: string | undefined
  index: NameSearchIndex
  personOfPosition: Int32Array
  queries: BenchQuery[]
  buildMs: number
  before: { rss: number; heap: number }
  after: { rss: number; heap: number }
  incrementalMsPer1000: number
}

async function buildIndex(args: BenchArgs): Promise<Loaded> {
  const before = memory()
  const index = new NameSearchIndex()
  let personOfPosition = new Int32Array(1 << 20)
  const personIndex = new Map<string, number>()
  // Persons sampled by hash while streaming (1 in `sampleEvery`); queries come from them.
  const sampleEvery = Math.max(1, Math.floor(args.records / (args.queries * 8)))
  const sampled = new Map<number, PersonRecordFields[]>()
  const truePersons = new Map<number, TruePerson>()
  // Rows for PostgreSQL are spooled to a temporary file (the generator is slow to run twice).
  const pgRowsFile = args.pg ? join(tmpdir(), `bench-search-${process.pid}.tsv`) : undefined
  const spool = pgRowsFile === undefined ? undefined : openSync(pgRowsFile, 'w')
  let spooled: string[] = []
  const started = performance.now()
  let n = 0
  for await (const { fields, personId, person: truePerson } of openRecords(args)) {
    let person = personIndex.get(personId)
    if (person === undefined) {
      person = personIndex.size
      personIndex.set(personId, person)
    }
    index.add(fields)
    const position = index.findPosition(fields.record_id) ?? -1
    if (position >= personOfPosition.length) {
      const grown = new Int32Array(personOfPosition.length * 2)
      grown.set(personOfPosition)
      personOfPosition = grown
    }
    personOfPosition[position] = person
    if (hashOf(personId) % sampleEvery === 0) {
      const list = sampled.get(person) ?? []
      list.push(fields)
      sampled.set(person, list)
      if (truePerson !== undefined) truePersons.set(person, truePerson)
    }
    if (spool !== undefined) {
      spooled.push(`${fields.record_id}\t${pgNamesOf(fields)}\n`)
      if (spooled.length >= 5000) {
        writeSync(spool, spooled.join(''))
        spooled = []
      }
    }
    n++
    if (n % 100_000 === 0) {
      process.stderr.write(
        `  indexed ${n} records, ${((performance.now() - started) / 1000).toFixed(1)} s\n`,
      )
    }
  }
  const buildMs = performance.now() - started
  if (spool !== undefined) {
    writeSync(spool, spooled.join(''))
    closeSync(spool)
  }
  personIndex.clear()

  const random = prng(args.seed * 7919 + 17)
  const queries: BenchQuery[] = []
  // Generator data: the family types the true name; any record of the person is a hit.
  const persons = [...truePersons]
  const rs = new RandomSource(args.seed * 31 + 7)
  while (queries.length < args.queries && persons.length > 0) {
    const pick = Math.floor(random() * persons.length)
    const [person, p] = persons[pick] ?? [0, undefined]
    persons.splice(pick, 1)
    if (p !== undefined) {
      queries.push({ ...writeFamilyQuery(p, random, rs), person, fromRecordId: '' })
    }
  }
  // CSV data (no true names): a query is written from one record of a person with at least
  // two records, and only the OTHER records count as hits.
  const candidates =
    truePersons.size > 0 ? [] : [...sampled].filter(([, records]) => records.length >= 2)
  while (queries.length < args.queries && candidates.length > 0) {
    const pick = Math.floor(random() * candidates.length)
    const [person, records] = candidates[pick] ?? [0, []]
    candidates.splice(pick, 1)
    const from = records[Math.floor(random() * records.length)]
    if (from === undefined) continue
    const q = writeQuery(from, random)
    if (q !== undefined) queries.push({ ...q, person, fromRecordId: from.record_id })
  }
  sampled.clear()
  truePersons.clear()
  const after = memory()

  // Incremental update cost: add 1,000 more records to the built index (no rebuild).
  const extra = 1000
  const t0 = performance.now()
  for (let i = 0; i < extra; i++) {
    index.add({
      record_id: `bench-extra-${i}`,
      first_name: 'Samer',
      family_name: `Zaytouni${i % 97}`,
      extra: {},
    })
  }
  const incrementalMsPer1000 = performance.now() - t0
  for (let i = 0; i < extra; i++) index.remove(`bench-extra-${i}`)
  return {
    pgRowsFile,
    index,
    personOfPosition,
    queries,
    buildMs,
    before,
    after,
    incrementalMsPer1000,
  }
}

interface AtharFigures extends RunFigures {
  /** Mean CPU time per query (user + system): load-independent, unlike wall latency. */
  cpuMsPerQuery: number
  /** Misses whose top 10 all share one score: the name typed fits more than 10 records. */
  tiedMisses: number
  loadAverage: string
  latencies: number[]
  found: boolean[]
  /** Records scored per query (the index's `candidates`): mean, p50, p95, max. */
  scored: { mean: number; p50: number; p95: number; max: number }
  /** Pruned answers checked against the exhaustive scorer (`pruning: false`): same / checked. */
  exact: { same: number; checked: number; capped: number }
}

/** How many queries are also run without pruning, to check the pruned answers. */
const EXACT_CHECKS = 300

function runAthar(loaded: Loaded): AtharFigures {
  const { index, personOfPosition, queries } = loaded
  // Warm-up (JIT), not measured.
  for (const q of queries.slice(0, 200)) index.search(q.text, { limit: 11 })
  const latencies: number[] = []
  const found: boolean[] = []
  let tiedMisses = 0
  const scored: number[] = []
  const cpu0 = process.cpuUsage()
  for (const q of queries) {
    const t0 = performance.now()
    const outcome = index.search(q.text, { limit: 11 })
    latencies.push(performance.now() - t0)
    scored.push(outcome.rejected ? 0 : outcome.candidates)
    const hits = outcome.rejected ? [] : outcome.hits
    const top = hits.filter((h) => h.recordId !== q.fromRecordId).slice(0, 10)
    const hit = top.some((h) => personOfPosition[index.findPosition(h.recordId) ?? -1] === q.person)
    found.push(hit)
    if (!hit && top.length === 10 && top[0]?.score === top[9]?.score) tiedMisses++
  }
  const cpu = process.cpuUsage(cpu0)
  // Not timed: the pruned top 10 against scoring every record of every posting list.
  const exact = { same: 0, checked: 0, capped: 0 }
  const answer = (o: ReturnType<NameSearchIndex['search']>): string =>
    JSON.stringify(o.rejected ? o : o.hits)
  for (const q of queries.slice(0, EXACT_CHECKS)) {
    const pruned = index.search(q.text, { limit: 11 })
    const full = index.search(q.text, { limit: 11, pruning: false })
    exact.checked++
    if (answer(pruned) === answer(full)) exact.same++
    else if (!pruned.rejected && pruned.candidates >= SEARCH_SCORING_CAP) exact.capped++
  }
  scored.sort((a, b) => a - b)
  return {
    ...summarise(latencies, found, queries),
    exact,
    scored: {
      mean: scored.reduce((a, b) => a + b, 0) / Math.max(1, scored.length),
      p50: percentile(scored, 50),
      p95: percentile(scored, 95),
      max: scored[scored.length - 1] ?? 0,
    },
    cpuMsPerQuery: (cpu.user + cpu.system) / 1000 / Math.max(1, queries.length),
    tiedMisses,
    latencies,
    found,
    loadAverage: loadavg()
      .map((x) => x.toFixed(1))
      .join(' '),
  }
}

/** A pg_trgm query slower than this is cut off and counted as a miss (bounded bench time). */
const PG_QUERY_TIMEOUT_MS = 5000

interface PgFigures extends RunFigures {
  timeouts: number
  queries: number
  version: string
  loadMs: number
  indexMs: number
  tableSize: string
}

async function runPostgres(args: BenchArgs, loaded: Loaded): Promise<PgFigures> {
  // The URL may name no user (trust auth): fall back to PGUSER, then postgres.
  const url = new URL(args.pgUrl)
  const client = new pg.Client({
    host: url.hostname,
    port: Number(url.port || 5432),
    database: url.pathname.replace(/^\//, '') || 'postgres',
    user: decodeURIComponent(url.username) || process.env.PGUSER || 'postgres',
    password: decodeURIComponent(url.password) || process.env.PGPASSWORD,
  })
  await client.connect()
  const schema = `bench_search_${process.pid}`
  try {
    const version =
      ((await client.query<{ v: string }>('SELECT version() AS v')).rows[0]?.v ?? '').split(
        ' on ',
      )[0] ?? ''
    await client.query('CREATE EXTENSION IF NOT EXISTS pg_trgm')
    await client.query(`CREATE SCHEMA ${schema}`)
    await client.query(
      `CREATE TABLE ${schema}.person_record (record_id text PRIMARY KEY, names text NOT NULL)`,
    )
    // What a team would build: the name parts as written, concatenated and lower-cased.
    const t0 = performance.now()
    let batch: string[] = []
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return
      const values: string[] = []
      for (let i = 0; i < batch.length / 2; i++) values.push(`($${2 * i + 1}, $${2 * i + 2})`)
      await client.query(
        `INSERT INTO ${schema}.person_record (record_id, names) VALUES ${values.join(',')}`,
        batch,
      )
      batch = []
    }
    const lines = createInterface({
      input: createReadStream(loaded.pgRowsFile ?? '/dev/null'),
      crlfDelay: Infinity,
    })
    for await (const line of lines) {
      const tab = line.indexOf('\t')
      if (tab < 0) continue
      batch.push(line.slice(0, tab), line.slice(tab + 1))
      if (batch.length >= 10_000) await flush()
    }
    await flush()
    const loadMs = performance.now() - t0
    const t1 = performance.now()
    await client.query(`CREATE INDEX ON ${schema}.person_record USING gin (names gin_trgm_ops)`)
    await client.query(`ANALYZE ${schema}.person_record`)
    const indexMs = performance.now() - t1
    const tableSize =
      (
        await client.query<{ s: string }>(
          `SELECT pg_size_pretty(pg_total_relation_size('${schema}.person_record')) AS s`,
        )
      ).rows[0]?.s ?? ''

    const sql = `SELECT record_id, similarity(names, $1) AS score FROM ${schema}.person_record WHERE names % $1 ORDER BY score DESC, record_id LIMIT 11`
    const pgSet = loaded.queries.slice(0, args.pgQueries)
    for (const q of pgSet.slice(0, 10)) await client.query(sql, [q.text.toLowerCase()])
    await client.query(`SET statement_timeout = '${PG_QUERY_TIMEOUT_MS}ms'`)
    let timeouts = 0
    const latencies: number[] = []
    const found: boolean[] = []
    for (const q of pgSet) {
      const t = performance.now()
      let rows: { record_id: string }[] = []
      try {
        rows = (await client.query<{ record_id: string }>(sql, [q.text.toLowerCase()])).rows
      } catch {
        timeouts++ // statement_timeout: counted as a miss, its latency is the timeout
      }
      latencies.push(performance.now() - t)
      const top = rows.filter((r) => r.record_id !== q.fromRecordId).slice(0, 10)
      found.push(
        top.some(
          (r) => loaded.personOfPosition[loaded.index.findPosition(r.record_id) ?? -1] === q.person,
        ),
      )
    }
    return {
      ...summarise(latencies, found, pgSet),
      queries: pgSet.length,
      version,
      loadMs,
      indexMs,
      tableSize,
      timeouts,
    }
  } finally {
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`)
    await client.end()
    if (loaded.pgRowsFile !== undefined) rmSync(loaded.pgRowsFile, { force: true })
  }
}

interface HttpFigures {
  label: string
  connections: number
  /** Offered rate (requests/s over all connections), or undefined: closed loop, saturation. */
  rate: number | undefined
  /** How the rate was offered: autocannon's overallRate, or evenly paced by our own client. */
  pacing: 'autocannon' | 'even' | undefined
  requests: number
  errors: number
  non2xx: number
  p50: number
  p90: number
  /** Percentiles of every response's latency (autocannon's summary has no p95). */
  p95: number
  p97_5: number
  p99: number
  /**
   * autocannon's own p97.5: the same at saturation; at an overallRate it also holds the
   * samples autocannon adds for coordinated omission (one per expected interval of a slow
   * response), so it is higher than the p97.5 of the responses themselves.
   */
  autocannonP97_5: number | undefined
  rps: number
}

// Seconds per HTTP run: 20 unless --http-seconds says otherwise (a quick check of the bench).
const HTTP_SECONDS = ((): number => {
  const i = process.argv.indexOf('--http-seconds')
  return i >= 0 ? Number(process.argv[i + 1]) : 20
})()
const HTTP_CONNECTIONS = 32
/** Closed-loop load a server gets before it is measured (see runLeadHttp). */
const WARM_UP_SECONDS = 10

/**
 * autocannon against `base`, rotating through the query set: closed loop (every connection
 * sends its next request when the last one is answered: saturation), or at a fixed offered
 * rate spread over the connections (autocannon's overallRate; a connection still waits for
 * its answer, so a slow answer delays its next request rather than queueing it).
 */
async function cannon(
  label: string,
  base: string,
  queries: BenchQuery[],
  headers: Record<string, string>,
  rate?: number,
  seconds = HTTP_SECONDS,
): Promise<HttpFigures> {
  let i = 0
  const latencies: number[] = []
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: HTTP_CONNECTIONS,
        duration: seconds,
        headers,
        ...(rate === undefined ? {} : { overallRate: rate }),
        requests: [
          {
            setupRequest: (req) => {
              const q = queries[i++ % queries.length]?.text ?? 'x'
              return { ...req, path: `/api/records/search?q=${encodeURIComponent(q)}&limit=10` }
            },
          },
        ],
      },
      (error: Error | null | undefined, done) => (error ? reject(error) : resolve(done)),
    )
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime)
    })
  })
  latencies.sort((a, b) => a - b)
  return {
    label,
    connections: HTTP_CONNECTIONS,
    rate,
    pacing: rate === undefined ? undefined : 'autocannon',
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
    p50: Math.round(percentile(latencies, 50)),
    p90: Math.round(percentile(latencies, 90)),
    p95: Math.round(percentile(latencies, 95)),
    p97_5: Math.round(percentile(latencies, 97.5)),
    p99: Math.round(percentile(latencies, 99)),
    autocannonP97_5: result.latency.p97_5,
    rps: result.requests.average,
  }
}

/**
 * Requests sent at evenly spaced times, `rate` a second for HTTP_SECONDS, over at most
 * HTTP_CONNECTIONS keep-alive connections (open loop: a request whose time has come waits for
 * a free connection). Latency counts from the time the request was due, so waiting to be
 * sent counts too. autocannon's overallRate instead lets each connection send its share of
 * a second as soon as the second starts: bursts of the whole second's requests at once.
 */
async function pacedRun(
  label: string,
  base: string,
  queries: BenchQuery[],
  headers: Record<string, string>,
  rate: number,
): Promise<HttpFigures> {
  const agent = new Agent({ keepAlive: true, maxSockets: HTTP_CONNECTIONS })
  const target = new URL(base)
  const interval = 1000 / rate
  const total = Math.round(rate * HTTP_SECONDS)
  const latencies: number[] = []
  let errors = 0
  let non2xx = 0
  const started = performance.now()
  await new Promise<void>((resolve) => {
    let sent = 0
    let finished = 0
    const finish = (): void => {
      if (++finished === total) resolve()
    }
    const fire = (): void => {
      const now = performance.now()
      while (sent < total && started + sent * interval <= now) {
        const due = started + sent * interval
        const q = queries[sent % queries.length]?.text ?? 'x'
        sent++
        const request = httpGet(
          {
            agent,
            host: target.hostname,
            port: target.port,
            path: `/api/records/search?q=${encodeURIComponent(q)}&limit=10`,
            headers,
          },
          (response) => {
            response.resume()
            response.on('end', () => {
              latencies.push(performance.now() - due)
              if ((response.statusCode ?? 0) >= 300) non2xx++
              finish()
            })
          },
        )
        request.on('error', () => {
          errors++
          finish()
        })
      }
      if (sent < total) setTimeout(fire, Math.max(0, started + sent * interval - performance.now()))
    }
    fire()
  })
  const seconds = (performance.now() - started) / 1000
  agent.destroy()
  latencies.sort((a, b) => a - b)
  const at = (p: number): number => Math.round(percentile(latencies, p))
  return {
    label,
    connections: HTTP_CONNECTIONS,
    rate,
    pacing: 'even',
    requests: total,
    errors,
    non2xx,
    p50: at(50),
    p90: at(90),
    p95: at(95),
    p97_5: at(97.5),
    p99: at(99),
    autocannonP97_5: undefined,
    rps: latencies.length / seconds,
  }
}

/** A run meets the issue's HTTP target: p95 ≤ 50 ms and no errors. */
function meetsTarget(h: HttpFigures): boolean {
  return h.p95 <= 50 && h.errors === 0 && h.non2xx === 0
}

/**
 * The real server in a child process (its own cores; autocannon stays here): `buildApp` over a
 * SQLite database loaded with the same generated records through the import service, a
 * signed-in investigator's session cookie, sessions, authorisation, audit of every query
 * and the search rate limit raised through configuration for the bench only. One fresh
 * process per configuration (so that each RSS is its own), the first one importing the
 * records: searching in the server thread, then each `--search-threads` count of threads.
 * Each is measured closed-loop (saturation) and at fixed offered rates, ascending, up to the
 * first rate that misses the target.
 */
async function runLeadHttp(args: BenchArgs, queries: BenchQuery[]): Promise<HttpFigures[]> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-search-lead-'))
  const password = randomBytes(18).toString('base64url')
  const out: HttpFigures[] = []
  let importMs = 0
  try {
    for (const [round, threads] of [0, ...args.searchThreads].entries()) {
      const child = spawn(
        process.execPath,
        [
          // As bin/athar.js runs `athar serve` (its young generation size).
          '--max-semi-space-size=64',
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          '--serve-lead',
          dir,
          '--records',
          String(args.records),
          '--seed',
          String(args.seed),
          '--search-threads',
          String(threads),
          ...(round === 0 ? ['--import'] : []),
        ],
        { stdio: ['ignore', 'pipe', 'inherit'], env: { ...process.env, BENCH_PASSWORD: password } },
      )
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      try {
        const ready = await new Promise<LeadServer>((resolve, reject) => {
          const lines = createInterface({ input: child.stdout })
          lines.on('line', (line) => {
            if (line.startsWith('{')) resolve(JSON.parse(line) as LeadServer)
          })
          child.once('exit', (code) =>
            reject(new Error(`lead server exited (${code ?? 'signal'})`)),
          )
        })
        if (round === 0) importMs = ready.importMs
        console.log(
          `  lead server (${ready.label}): ${ready.records} records imported in ${(importMs / 1000).toFixed(1)} s (once), index built in ${(ready.indexMs / 1000).toFixed(1)} s, RSS ${mb(ready.rss)}`,
        )
        const label = `Athar server, ${ready.label}, RSS ${mb(ready.rss)}`
        const headers = { cookie: ready.cookie }
        // A server runs for days: its first seconds (code not yet optimised by the JIT, file
        // pages not yet cached) are not its steady state. Warm it up under the same load,
        // print that run, and measure the next ones.
        const warm = await cannon(label, ready.url, queries, headers, undefined, WARM_UP_SECONDS)
        console.log(
          `  warm-up (${WARM_UP_SECONDS} s, not counted): ${warm.rps.toFixed(0)} req/s, p95 ${warm.p95} ms, ${warm.errors} errors`,
        )
        out.push(await cannon(label, ready.url, queries, headers))
        printHttp(out[out.length - 1])
        for (const run of [cannon, pacedRun]) {
          for (const rate of args.rates) {
            const h = await run(label, ready.url, queries, headers, rate)
            out.push(h)
            printHttp(h)
            if (!meetsTarget(h)) break
          }
        }
      } finally {
        child.kill('SIGTERM')
        await exited
      }
    }
    return out
  } finally {
    rmSync(dir, { recursive: true, force: true })
  }
}

function offeredLoad(h: HttpFigures): string {
  if (h.rate === undefined) return 'closed loop (saturation)'
  return h.pacing === 'even'
    ? `${h.rate} req/s, evenly paced`
    : `${h.rate} req/s, autocannon overallRate`
}

function printHttp(h: HttpFigures | undefined): void {
  if (h === undefined) return
  console.log(
    `HTTP ${h.label}, ${offeredLoad(h)}: ${h.connections} connections, ${h.requests} requests, ${h.errors} errors, ${h.non2xx} non-2xx, p50 ${h.p50} ms, p90 ${h.p90} ms, p95 ${h.p95} ms, p97.5 ${h.p97_5} ms, p99 ${h.p99} ms, ${h.rps.toFixed(0)} req/s (load ${loadavg()[0]?.toFixed(1) ?? '?'})`,
  )
}

interface LeadServer {
  label: string
  url: string
  cookie: string
  records: number
  importMs: number
  indexMs: number
  rss: number
}

/**
 * Child mode (`--serve-lead DIR`): with `--import`, a fresh database in DIR loaded with the
 * generated records; else the database a first child left there. Builds the index with
 * `--search-threads` threads, signs in, serves until killed.
 */
async function serveLead(args: BenchArgs): Promise<void> {
  const dir = process.argv[process.argv.indexOf('--serve-lead') + 1] ?? ''
  const threads = args.searchThreads[0] ?? 0
  const password = process.env.BENCH_PASSWORD ?? ''
  const base = await openRuntime({ db: join(dir, 'bench.db') })
  // Raised for the bench only: the route's default (60 a minute per user) would answer 429.
  const ctx = {
    ...base,
    config: { ...base.config, searchRateLimit: 1_000_000_000, searchThreads: threads },
  }
  let records = 0
  let importMs = 0
  if (process.argv.includes('--import')) {
    const org = await createOrganisation(ctx, undefined, 'Search bench')
    await addUser(ctx, undefined, {
      username: 'bench-investigator',
      role: 'investigator',
      organisationId: org.id,
      password,
    })
    const actor = await actAsUser(ctx, 'bench-investigator')
    const t0 = performance.now()
    let batch: PersonRecordFields[] = []
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return
      const csv = formatRecordHeader() + batch.map((f) => formatRecordRow(f)).join('')
      const outcome = await importRecords(ctx, actor, {
        bytes: Buffer.from(csv, 'utf8'),
        fileName: `bench-${records}.csv`,
        sourceKind: 'register',
      })
      records += outcome.recordCount
      batch = []
      process.stderr.write(`  lead server: imported ${records} records\n`)
    }
    for (const g of generateRecords({ seed: args.seed, records: args.records })) {
      batch.push(g.fields)
      if (batch.length >= 100_000) await flush()
    }
    await flush()
    importMs = performance.now() - t0
  }
  const t1 = performance.now()
  await searchState(ctx)
  const indexMs = performance.now() - t1
  const app = await buildApp({ ctx, loginRateLimit: 10_000 })
  const url = await app.listen({ port: 0, host: '127.0.0.1' })
  const login = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'bench-investigator', password },
  })
  if (login.statusCode !== 200) throw new Error(`bench login failed: ${login.statusCode}`)
  const setCookie = login.headers['set-cookie']
  const cookie = ((Array.isArray(setCookie) ? setCookie[0] : setCookie) ?? '').split(';')[0] ?? ''
  const ready: LeadServer = {
    label:
      threads === 0
        ? 'search in the server thread'
        : `${threads} search thread${threads > 1 ? 's' : ''} (--search-threads ${threads})`,
    url,
    cookie,
    records: records || args.records,
    importMs,
    indexMs,
    rss: process.memoryUsage().rss,
  }
  process.stdout.write(`${JSON.stringify(ready)}\n`)
  const stop = (): void => {
    void app
      .close()
      .then(() => stopSearch(ctx))
      .then(() => ctx.handle.close())
      .finally(() => process.exit(0))
  }
  process.once('SIGTERM', stop)
  process.once('SIGINT', stop)
}

/** The index behind a bare Fastify route (no auth, audit or rate limit): the HTTP floor. */
async function runBareHttp(loaded: Loaded): Promise<HttpFigures> {
  const app = Fastify({ logger: false })
  app.get('/api/records/search', async (request, reply) => {
    const { q, limit } = request.query as { q?: string; limit?: string }
    const outcome = loaded.index.search(q ?? '', { limit: Number(limit ?? 10) })
    if (outcome.rejected) return reply.code(400).send({ type: outcome.reason })
    return { hits: outcome.hits.map((h) => ({ record_id: h.recordId, score: h.score })) }
  })
  const address = await app.listen({ port: 0, host: '127.0.0.1' })
  try {
    return await cannon(
      'bare Fastify route (no auth/audit/rate limit)',
      address,
      loaded.queries,
      {},
    )
  } finally {
    await app.close()
  }
}

function machine(): Record<string, string> {
  const sh = (cmd: string): string => {
    try {
      return execSync(cmd, { encoding: 'utf8' }).trim()
    } catch {
      return 'unknown'
    }
  }
  return {
    nproc: sh('nproc'),
    memory: `${(totalmem() / 1024 ** 3).toFixed(1)} GiB`,
    cpu: cpus()[0]?.model ?? 'unknown',
    node: process.version,
    date: new Date().toISOString(),
  }
}

function fmt(ms: number): string {
  return Number.isFinite(ms) ? `${ms.toFixed(2)} ms` : 'n/a'
}

async function main(): Promise<void> {
  const args = readArgs(process.argv.slice(2))
  if (process.argv.includes('--serve-lead')) return serveLead(args)
  const source =
    args.input === undefined
      ? `generator seed ${args.seed}, ${args.records} records`
      : `${args.input} + ${args.truth ?? ''}`
  console.log(`search bench: ${source}, ${args.queries} queries`)

  const loaded = await buildIndex(args)
  const dump = process.argv[process.argv.indexOf('--dump-queries') + 1]
  if (process.argv.includes('--dump-queries') && dump !== undefined) {
    // The query set alone (JSON Lines), for driving a server by hand or profiling it.
    writeFileSync(dump, loaded.queries.map((q) => `${JSON.stringify(q)}\n`).join(''))
    console.log(`${loaded.queries.length} queries written to ${dump}`)
    return
  }
  const stats = loaded.index.stats()
  const deltaRss = loaded.after.rss - loaded.before.rss
  const deltaHeap = loaded.after.heap - loaded.before.heap
  console.log(
    `index build: ${stats.records} records in ${(loaded.buildMs / 1000).toFixed(1)} s (generation included)`,
  )
  console.log(
    `  vocabulary ${stats.vocabulary} tokens, ${stats.postings} postings, ${stats.places} places, ${stats.sourceKinds} source kinds`,
  )
  console.log(
    `  heap+buffers before ${mb(loaded.before.heap)}, after ${mb(loaded.after.heap)}; RSS before ${mb(loaded.before.rss)}, after ${mb(loaded.after.rss)}`,
  )
  console.log(
    `  bytes per record: ${(deltaHeap / stats.records).toFixed(0)} (heap+buffers), ${(deltaRss / stats.records).toFixed(0)} (RSS)`,
  )
  console.log(`  incremental add: 1000 records in ${fmt(loaded.incrementalMsPer1000)}`)
  console.log(`queries: ${loaded.queries.length}`)

  const athar = runAthar(loaded)
  console.log(
    `Athar in-process: p50 ${fmt(athar.p50)}  p95 ${fmt(athar.p95)}  p99 ${fmt(athar.p99)}  recall@10 ${(athar.recall * 100).toFixed(1)}%`,
  )
  console.log(
    `  CPU ${athar.cpuMsPerQuery.toFixed(2)} ms per query; load average ${athar.loadAverage}; ${athar.tiedMisses} misses with the whole top 10 tied (name shared by more than 10 records)`,
  )
  console.log(
    `  records scored per query: mean ${athar.scored.mean.toFixed(0)}, p50 ${athar.scored.p50}, p95 ${athar.scored.p95}, max ${athar.scored.max}`,
  )
  console.log(
    `  pruned answer = exhaustive answer on ${athar.exact.same} of ${athar.exact.checked} queries checked (${athar.exact.capped} of the others hit the ${SEARCH_SCORING_CAP}-record scoring cap)`,
  )
  console.log(`  by shape ${JSON.stringify(athar.recallByShape)}`)
  console.log(`  by script ${JSON.stringify(athar.recallByScript)}`)

  let pgFigures: PgFigures | undefined
  if (args.pg) {
    pgFigures = await runPostgres(args, loaded)
    console.log(
      `PostgreSQL ${pgFigures.version} pg_trgm: load ${(pgFigures.loadMs / 1000).toFixed(1)} s, GIN index ${(pgFigures.indexMs / 1000).toFixed(1)} s, table+index ${pgFigures.tableSize}`,
    )
    console.log(`  ${subsetRow(athar, loaded.queries, pgFigures.queries)}`)
    console.log(`  PostgreSQL ran the first ${pgFigures.queries} queries:`)
    console.log(
      `  p50 ${fmt(pgFigures.p50)}  p95 ${fmt(pgFigures.p95)}  p99 ${fmt(pgFigures.p99)}  recall@10 ${(pgFigures.recall * 100).toFixed(1)}%, ${pgFigures.timeouts} queries over ${PG_QUERY_TIMEOUT_MS} ms`,
    )
    console.log(`  by shape ${JSON.stringify(pgFigures.recallByShape)}`)
    console.log(`  by script ${JSON.stringify(pgFigures.recallByScript)}`)
  }

  const http: HttpFigures[] = []
  if (args.http) {
    http.push(await runBareHttp(loaded))
    printHttp(http[0])
    http.push(...(await runLeadHttp(args, loaded.queries)))
  }

  if (args.report !== undefined) {
    writeFileSync(args.report, renderReport(args, loaded, athar, pgFigures, http))
    console.log(`report written to ${args.report}`)
  }
}

/** Athar's figures on the first `n` queries: the ones PostgreSQL also ran. */
function subsetRow(athar: AtharFigures, queries: BenchQuery[], n: number): string {
  const sub = summarise(athar.latencies.slice(0, n), athar.found.slice(0, n), queries.slice(0, n))
  return `| Athar index, in process, the ${n} queries PostgreSQL ran | ${fmt(sub.p50)} | ${fmt(sub.p95)} | ${fmt(sub.p99)} | ${(sub.recall * 100).toFixed(1)}% |`
}

/** Per Athar server: the highest offered rate whose run met the target, with its figures. */
function bestRates(http: HttpFigures[]): string {
  const labels = [...new Set(http.filter((h) => h.rate !== undefined).map((h) => h.label))]
  const out: string[] = []
  for (const label of labels) {
    for (const pacing of ['autocannon', 'even'] as const) {
      const runs = http.filter((h) => h.label === label && h.pacing === pacing)
      const best = runs.filter(meetsTarget).pop()
      const how = pacing === 'even' ? 'evenly paced' : 'autocannon overallRate'
      out.push(
        best === undefined
          ? `${label}, ${how}: none of the rates tried`
          : `${label}, ${how}: ${best.rate} req/s (p95 ${best.p95} ms, p97.5 ${best.p97_5} ms, ${best.errors} errors)`,
      )
    }
  }
  return out.join('; ')
}

function renderReport(
  args: BenchArgs,
  loaded: Loaded,
  athar: AtharFigures,
  pgFigures: PgFigures | undefined,
  http: HttpFigures[],
): string {
  const m = machine()
  const stats = loaded.index.stats()
  const pct = (x: number): string => `${(x * 100).toFixed(1)}%`
  const command = `npm run bench:search -- ${process.argv.slice(2).join(' ')}`.trim()
  const lines = [
    '# Search benchmark',
    '',
    'Written by `bench/search.bench.ts`; figures of one run, not a guarantee.',
    '',
    `- Date: ${m.date}`,
    `- Command: \`${command}\``,
    `- Machine: ${m.nproc} CPUs (${m.cpu}), ${m.memory}, Node ${m.node}${pgFigures ? `, ${pgFigures.version}` : ''}`,
    `- Data: ${args.input === undefined ? `bench/generator, seed ${args.seed}, ${stats.records} records` : args.input}`,
    args.input === undefined
      ? `- Queries: ${loaded.queries.length} sampled persons; the query is the person's true name as a family types it — clean Arabic, or a Latin spelling drawn by the generator's own transliterator (English/French/Turkish/German/informal schemes) — as first+family (50%), first+father+family (20%), family+first (15%) or first + partial family name (15%). A hit: any record of that person in the top 10.`
      : `- Queries: ${loaded.queries.length}, written from one record of a sampled person (first+family, with father, swapped order, partial family name); a hit is any OTHER record of that person in the top 10.`,
    '',
    '## Index',
    '',
    '| figure | value |',
    '| --- | --- |',
    `| records | ${stats.records} |`,
    `| build time (generation included) | ${(loaded.buildMs / 1000).toFixed(1)} s |`,
    `| vocabulary (distinct name tokens) | ${stats.vocabulary} |`,
    `| postings | ${stats.postings} |`,
    `| heap + array buffers, before → after | ${mb(loaded.before.heap)} → ${mb(loaded.after.heap)} |`,
    `| RSS, before → after | ${mb(loaded.before.rss)} → ${mb(loaded.after.rss)} |`,
    `| bytes per record (heap + buffers) | ${((loaded.after.heap - loaded.before.heap) / stats.records).toFixed(0)} |`,
    `| incremental add of 1,000 records to the built index | ${fmt(loaded.incrementalMsPer1000)} |`,
    '',
    '## Athar vs PostgreSQL pg_trgm (same records, same queries, one client)',
    '',
    '| | p50 | p95 | p99 | recall@10 |',
    '| --- | --- | --- | --- | --- |',
    `| Athar index, in process, all ${loaded.queries.length} queries | ${fmt(athar.p50)} | ${fmt(athar.p95)} | ${fmt(athar.p99)} | ${pct(athar.recall)} |`,
    pgFigures ? subsetRow(athar, loaded.queries, pgFigures.queries) : '',
    pgFigures
      ? `| PostgreSQL pg_trgm GIN, \`names % q ORDER BY similarity\` | ${fmt(pgFigures.p50)} | ${fmt(pgFigures.p95)} | ${fmt(pgFigures.p99)} | ${pct(pgFigures.recall)} |`
      : '| PostgreSQL | not run | | | |',
    '',
    `Athar: mean CPU time ${athar.cpuMsPerQuery.toFixed(2)} ms per query (wall latency above includes waiting for a CPU: load average ${athar.loadAverage} on ${m.nproc} CPUs during the run); ${athar.tiedMisses} of the misses had their whole top 10 tied on score (the name typed fits more than 10 records equally well).`,
    '',
    `Top-k pruning: records scored per query — mean ${athar.scored.mean.toFixed(0)}, p50 ${athar.scored.p50}, p95 ${athar.scored.p95}, max ${athar.scored.max} (cap ${SEARCH_SCORING_CAP}). Checked against the exhaustive scorer (\`pruning: false\`, every record of every posting list) on the first ${athar.exact.checked} queries: the same top 10, scores and reasons on ${athar.exact.same}; ${athar.exact.capped} of the others hit the scoring cap.`,
    '',
    `Recall@10 by query shape — Athar: ${JSON.stringify(athar.recallByShape)}${pgFigures ? `; pg_trgm: ${JSON.stringify(pgFigures.recallByShape)}` : ''}`,
    '',
    `Recall@10 by query script — Athar: ${JSON.stringify(athar.recallByScript)}${pgFigures ? `; pg_trgm: ${JSON.stringify(pgFigures.recallByScript)}` : ''}`,
    '',
  ]
  if (pgFigures) {
    lines.push(
      `pg_trgm setup: one table \`(record_id, names)\`, \`names\` = first, father, grandfather, family and full name as written, lower-cased; GIN \`gin_trgm_ops\`; default similarity threshold 0.3; ${pgFigures.timeouts} queries hit the ${PG_QUERY_TIMEOUT_MS} ms statement timeout (counted as misses). Load (multi-row INSERT) ${(pgFigures.loadMs / 1000).toFixed(1)} s, index build ${(pgFigures.indexMs / 1000).toFixed(1)} s, size ${pgFigures.tableSize}.`,
      '',
    )
  }
  lines.push(`## HTTP (autocannon, ${HTTP_CONNECTIONS} connections, ${HTTP_SECONDS} s per run)`, '')
  if (http.length === 0) lines.push('Not run.', '')
  else {
    lines.push(
      '| server | offered load | requests | errors | non-2xx | p50 | p90 | p95 | p97.5 | p99 | req/s | autocannon p97.5 |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    )
    for (const h of http) {
      const offered = offeredLoad(h)
      lines.push(
        `| ${h.label} | ${offered} | ${h.requests} | ${h.errors} | ${h.non2xx} | ${h.p50} ms | ${h.p90} ms | ${h.p95} ms | ${h.p97_5} ms | ${h.p99} ms | ${h.rps.toFixed(0)} | ${h.autocannonP97_5 === undefined ? '–' : `${h.autocannonP97_5} ms`} |`,
      )
    }
    lines.push(
      '',
      'Each Athar server is first warmed up for ' +
        String(WARM_UP_SECONDS) +
        " s under the closed-loop load (printed by the bench, not counted here): its first seconds, before the JIT has optimised the code and the database pages are cached, are not the steady state of a server that runs for days. Closed loop: each of the 32 connections sends its next query as soon as the last is answered, so the server runs flat out and latency is mostly queueing (mean ≈ 32 / throughput). Fixed offered rates, tried in ascending order up to the first that misses p95 ≤ 50 ms: autocannon's `overallRate` gives each connection its share of a second, which it sends back to back as soon as the second starts — every second begins with a burst of that second's requests, queued behind one another; evenly paced (our own client, open loop) sends one request every 1/rate s over up to 32 keep-alive connections and counts latency from the moment a request was due, waiting for a free connection included. The percentiles are those of every response's latency (autocannon's summary has no p95); the last column is autocannon's own p97.5, which at an `overallRate` also counts the samples autocannon adds to correct for coordinated omission (one per 1/rate-per-connection of a slow response's time).",
      '',
      'The bare route runs in the bench process (autocannon shares its core); the Athar servers run in a child process, with the search rate limit raised through `config.searchRateLimit` for the bench only (default 60 a minute per user). Each of their queries checks the session, authorises, reads the visible records and appends an audit entry (a SQLite write) before it answers.',
      '',
    )
  }
  const met = (ok: boolean): string => (ok ? 'met' : 'NOT met')
  const heapPerRecord = (loaded.after.heap - loaded.before.heap) / Math.max(1, stats.records)
  lines.push(
    '## Targets',
    '',
    `- Index for 1,000,000 records ≤ 2 GB RSS: ${met(loaded.after.rss <= 2 * 1024 ** 3)} (${mb(loaded.after.rss)}, ${heapPerRecord.toFixed(0)} B/record heap + buffers).`,
    `- Single query p95 ≤ 20 ms in process: ${met(athar.p95 <= 20)} (${fmt(athar.p95)} wall, ${athar.cpuMsPerQuery.toFixed(2)} ms mean CPU).`,
    pgFigures
      ? `- Faster than pg_trgm and finds more: ${met(athar.p95 < pgFigures.p95 && athar.recall > pgFigures.recall)} on the same ${pgFigures.queries} queries (see the table).`
      : '- pg_trgm comparison: not run.',
    `- HTTP, 32 connections, p95 ≤ 50 ms, no errors, at saturation (closed loop): ${
      http.length === 0
        ? 'not run'
        : http
            .filter((h) => h.rate === undefined)
            .map(
              (h) =>
                `${h.label}: ${met(meetsTarget(h))} (p95 ${h.p95} ms, p97.5 ${h.p97_5} ms, ${h.errors} errors, ${h.rps.toFixed(0)} req/s)`,
            )
            .join('; ')
    }.`,
    `- The same at a fixed offered rate, the highest rate tried that meets it: ${http.length === 0 ? 'not run' : bestRates(http)}.`,
    '',
  )
  return lines.join('\n')
}

await main()
