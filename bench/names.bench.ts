/**
 * Throughput of the name engine on synthetic names (no real records): calls per second of
 * normalizeName, crossScriptKey, ocrKey, compareNames and the hand-written key distance.
 *
 * Run: node --import tsx bench/names.bench.ts [seconds-per-case, default 1]
 */
import { loadavg } from 'node:os'
import { performance } from 'node:perf_hooks'
import table from '../src/core/names/data/name-variants.json' with { type: 'json' }
import {
  compareNames,
  crossScriptKey,
  levenshteinDistance,
  normalizeName,
  ocrKey,
} from '../src/core/names/index.js'

const seconds = Number(process.argv[2] ?? '1')

/** Deterministic PRNG (mulberry32) so every run measures the same names. */
function createRandom(seed: number): () => number {
  let a = seed >>> 0
  return () => {
    a = (a + 0x6d2b79f5) >>> 0
    let t = a
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

const random = createRandom(20260101)
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)]!

const arabicNames = table.groups.map((g) => g.arabic[0]!)
const latinNames = table.groups.flatMap((g) => g.latin.map(([l]) => String(l)))

/** A synthetic full name, Arabic or Latin, with an occasional article, diacritic or typo. */
function makeName(i: number): string {
  const arabic = random() < 0.5
  const parts = Array.from({ length: 3 + (random() < 0.3 ? 1 : 0) }, () =>
    arabic ? pick(arabicNames) : pick(latinNames),
  )
  if (arabic && random() < 0.5) parts[parts.length - 1] = 'ال' + parts[parts.length - 1]!
  if (!arabic && random() < 0.5) parts[parts.length - 1] = 'Al-' + parts[parts.length - 1]!
  let s = parts.join(' ')
  if (random() < 0.2) {
    const k = Math.floor(random() * (s.length - 1))
    s = s.slice(0, k) + s[k + 1] + s[k] + s.slice(k + 2) // transposition typo
  }
  return `${s}${i % 7 === 0 ? ' ' : ''}` // distinct strings, as the linkage engine sees them
}

function measure(label: string, run: (i: number) => unknown): void {
  // Warm-up, then as many calls as fit in the time budget. Figures per wall second and per
  // CPU second of this process: the box is shared, and CPU time is what contention spares.
  for (let i = 0; i < 2000; i++) run(i)
  const budget = seconds * 1000
  const start = performance.now()
  const cpuStart = process.cpuUsage()
  let calls = 0
  let sink = 0
  while (performance.now() - start < budget) {
    for (let k = 0; k < 500; k++) {
      const r = run(calls++)
      if (r !== undefined) sink++
    }
  }
  const wall = (performance.now() - start) / 1000
  const cpu = process.cpuUsage(cpuStart)
  const cpuSeconds = (cpu.user + cpu.system) / 1e6
  const fmt = (x: number): string => Math.round(x).toLocaleString('en-US').padStart(11)
  console.log(
    `${label.padEnd(50)} ${fmt(calls / wall)} calls/s wall ${fmt(calls / cpuSeconds)} calls/s CPU${sink > 0 ? '' : ' (no result)'}`,
  )
}

const POOL = 200_000
const names = Array.from({ length: POOL }, (_, i) => makeName(i))
const keys = names.slice(0, 5000).map((n) => crossScriptKey(n).split(' ')[0] ?? '')
const warm = names.slice(0, 2000)

console.log(
  `name engine bench: ${POOL.toLocaleString('en-US')} synthetic names, ${seconds}s per case, Node ${process.version}, ` +
    `load average ${loadavg()[0]!.toFixed(1)}`,
)
measure('normalizeName (distinct values)', (i) => normalizeName(names[i % POOL]!))
measure('crossScriptKey (distinct values)', (i) => crossScriptKey(names[i % POOL]!))
measure('ocrKey (distinct values)', (i) => ocrKey(names[i % POOL]!))
measure('compareNames, both values new (cold analysis)', (i) =>
  compareNames(names[(2 * i) % POOL]!, names[(2 * i + 1) % POOL]!),
)
measure('compareNames, pairs among 2,000 values (warm)', (i) =>
  compareNames(warm[i % 2000]!, warm[(i * 7919 + 13) % 2000]!),
)
measure('levenshteinDistance on unit keys', (i) =>
  levenshteinDistance(keys[i % 5000]!, keys[(i * 31 + 7) % 5000]!),
)
