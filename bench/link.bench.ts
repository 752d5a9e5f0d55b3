/**
 * `npm run bench:link`: the linkage engine's speed and accuracy, printed and written to
 * docs/benchmarks-linkage.md with the machine and the command.
 *
 * 1. End to end at scale: `athar link` on LINK_BENCH_RECORDS (default 1,000,000) generated
 *    records, spawned as the CLI runs (`node bin/athar.js link ...`), wall time and peak
 *    RSS (/usr/bin/time -v), per-stage times and pairs scored per second.
 * 2. Accuracy on a held-out generated set (another seed, 20,000 records), scored with the
 *    model trained at scale: pairwise P/R/F1 at the auto-link threshold, best F1, recall at
 *    precision ≥ 0.95, pairs completeness, B-cubed, recall per script pair, calibration,
 *    and hard negatives (siblings, father/son) auto-linked.
 * 3. The same figures on a FEBRL-style generated set (trained on itself).
 * 4. Incremental: top-k candidates of held-out records against the stored records (ms).
 *
 * Data goes to bench/out/linkage/ (git-ignored) and is reused when present.
 * Environment: LINK_BENCH_RECORDS, LINK_BENCH_TIMEOUT_S (default 900), LINK_BENCH_SKIP_SCALE=1.
 */
import { execFileSync, spawn } from 'node:child_process'
import { existsSync } from 'node:fs'
import { mkdir, writeFile } from 'node:fs/promises'
import { cpus, totalmem } from 'node:os'
import { join } from 'node:path'
import {
  IncrementalLinker,
  countTruePairs,
  measureAtThreshold,
  measureBCubed,
  measureCalibration,
  evidenceBreakdown,
  type EvidenceBreakdownRow,
  precisionRecallCurve,
  probabilityFromWeight,
  sweepThresholds,
  type LinkageModel,
  type LinkageRecordInput,
  type ScoredChunk,
} from '../src/core/linkage/index.js'
import { readCsvColumns } from '../src/jobs/linkage/csv-record-loader.js'
import { linkFiles, loadRecordTable, type LinkResult } from '../src/jobs/linkage/link-pipeline.js'
import { readModelFile } from '../src/jobs/linkage/model-file.js'
import { linePlotSvg } from './plot-svg.js'

const OUT = 'bench/out/linkage'
const RECORDS = Number(process.env.LINK_BENCH_RECORDS ?? 1_000_000)
const TIMEOUT_S = Number(process.env.LINK_BENCH_TIMEOUT_S ?? 900)
const SCALE_SEED = 1
const HELD_OUT_SEED = 7
const FEBRL_SEED = 3
const HELD_OUT_RECORDS = 20_000

const fmt = (x: number, d = 3): string => (Number.isFinite(x) ? x.toFixed(d) : String(x))

async function generate(
  seed: number,
  records: number,
  profile: 'syria' | 'febrl',
  name: string,
): Promise<{ csv: string; truth: string }> {
  const csv = join(OUT, `${name}.csv`)
  const truth = join(OUT, `${name}.truth.csv`)
  if (existsSync(csv) && existsSync(truth)) return { csv, truth }
  console.error(`generating ${name} (${records} ${profile} records, seed ${seed})`)
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      'bench/generate.ts',
      '--seed',
      String(seed),
      '--records',
      String(records),
      '--out',
      csv,
      '--truth',
      truth,
      '--profile',
      profile,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  )
  return { csv, truth }
}

interface EndToEnd {
  command: string
  wallS: number
  maxRssMb: number
  summary: {
    records: number
    candidatePairsBeforeScoring: number
    candidatePairs: number
    pairsWritten: number
    autoLinks: number
    reviewPairs: number
    clusters: number
    pairsPerSecond: number
    stageMs: Record<string, number>
    blocking: Array<{
      rule: string
      pairs: number
      splitBlocks: number
      recordsLeftBySplit: number
      cappedBlocks: number
      cappedRecords: number
      largestCapped: Array<{ size: number; key: string }>
    }>
  }
}

/** Spawn the CLI under /usr/bin/time -v, bounded in time. */
async function runEndToEnd(csv: string, modelOut: string): Promise<EndToEnd> {
  const args = [
    'bin/athar.js',
    'link',
    csv,
    '--out',
    join(OUT, 'scale.pairs.csv'),
    '--clusters',
    join(OUT, 'scale.clusters.csv'),
    '--model-out',
    modelOut,
    '--json',
  ]
  const command = `node ${args.join(' ')}`
  const useTime = existsSync('/usr/bin/time')
  const started = performance.now()
  // bin/athar.js prefers a compiled dist/ when present; a stale build would measure old
  // code, so the benchmark runs the sources unless LINK_BENCH_COMPILED=1.
  const env =
    process.env.LINK_BENCH_COMPILED === '1'
      ? process.env
      : { ...process.env, ATHAR_FROM_SOURCE: '1' }
  const child = spawn(
    useTime ? '/usr/bin/time' : process.execPath,
    useTime ? ['-v', process.execPath, ...args] : args,
    {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  )
  let stdout = ''
  let stderr = ''
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()))
  const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_S * 1000)
  const code = await new Promise<number | null>((resolve) => child.on('close', resolve))
  clearTimeout(timer)
  const wallS = (performance.now() - started) / 1000
  if (code !== 0) throw new Error(`athar link failed (${code}): ${stderr.slice(-2000)}`)
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)
  return {
    command,
    wallS,
    maxRssMb: rss ? Number(rss[1]) / 1024 : Number.NaN,
    summary: JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as EndToEnd['summary'],
  }
}

interface Accuracy {
  records: number
  truePairs: number
  candidatePairs: number
  pairsCompleteness: number
  autoLink: ReturnType<typeof measureAtThreshold>
  review: ReturnType<typeof measureAtThreshold>
  bestF1: ReturnType<typeof sweepThresholds>['bestF1']
  recallAtPrecision95: ReturnType<typeof sweepThresholds>['recallAtPrecision']
  bCubed: ReturnType<typeof measureBCubed>
  recallByScripts: Record<
    string,
    { truePairs: number; recallAtAutoLink: number; recallAtBestF1: number }
  >
  calibration: ReturnType<typeof measureCalibration>
  curve: ReturnType<typeof precisionRecallCurve>
  hardNegativesAutoLinked: { siblings: number; fatherSon: number; sameFamilyOther: number }
  /** True pairs, blocked, found and false positives at the best-F1 threshold, by shared evidence. */
  byEvidence: EvidenceBreakdownRow[]
  stageMs: LinkResult['stageMs']
}

/** Link a generated file in process, with its truth, and measure. */
async function measureAccuracy(
  csv: string,
  truthCsv: string,
  model: LinkageModel | undefined,
): Promise<Accuracy> {
  const t = await readCsvColumns(truthCsv, [
    'record_id',
    'person_id',
    'family_id',
    'father_person_id',
    'script',
  ])
  const personOf = new Map<string, string>()
  const familyOf = new Map<string, string>()
  const fatherOf = new Map<string, string>()
  const scriptOf = new Map<string, string>()
  t.record_id?.forEach((id, k) => {
    personOf.set(id, t.person_id?.[k] ?? '')
    familyOf.set(id, t.family_id?.[k] ?? '')
    fatherOf.set(id, t.father_person_id?.[k] ?? '')
    scriptOf.set(id, (t.script?.[k] ?? '').startsWith('ar') ? 'AR' : 'LAT')
  })
  const personIndex = new Map<string, number>()
  const truthOf = (ids: readonly string[]): Int32Array =>
    Int32Array.from(ids, (id) => {
      const p = personOf.get(id) ?? `missing:${id}`
      let v = personIndex.get(p)
      if (v === undefined) {
        v = personIndex.size
        personIndex.set(p, v)
      }
      return v
    })
  const result = await linkFiles({
    inputs: [csv],
    model,
    threads: 2,
    keepPairs: true,
    truthOf: (table) => truthOf(table.ids),
  })
  const ids = result.table.ids
  const truth = truthOf(ids)
  const truePairs = countTruePairs(truth)
  const probability: number[] = []
  const isMatch: number[] = []
  const scriptPair: string[] = []
  const hard = { siblings: 0, fatherSon: 0, sameFamilyOther: 0 }
  const autoLink = result.model.bands.autoLink
  for (const c of result.chunks as ScoredChunk[]) {
    for (let k = 0; k < c.length; k++) {
      const i = c.left[k] as number
      const j = c.right[k] as number
      const p = probabilityFromWeight(c.weight[k] as number)
      const match = truth[i] === truth[j]
      probability.push(p)
      isMatch.push(match ? 1 : 0)
      const a = ids[i] ?? ''
      const b = ids[j] ?? ''
      scriptPair.push([scriptOf.get(a), scriptOf.get(b)].sort().join('-'))
      if (!match && p >= autoLink) {
        if (fatherOf.get(a) === personOf.get(b) || fatherOf.get(b) === personOf.get(a)) {
          hard.fatherSon++
        } else if (
          familyOf.get(a) === familyOf.get(b) &&
          fatherOf.get(a) !== '' &&
          fatherOf.get(a) === fatherOf.get(b)
        ) {
          hard.siblings++
        } else if (familyOf.get(a) === familyOf.get(b)) hard.sameFamilyOther++
      }
    }
  }
  const scored = { probability, isMatch, length: probability.length }
  const sweep = sweepThresholds(scored, truePairs)
  const byEvidence = evidenceBreakdown(
    result.table.columns,
    truth,
    {
      left: (result.chunks as ScoredChunk[]).flatMap((c) =>
        Array.from(c.left.subarray(0, c.length)),
      ),
      right: (result.chunks as ScoredChunk[]).flatMap((c) =>
        Array.from(c.right.subarray(0, c.length)),
      ),
      probability,
    },
    sweep.bestF1.threshold,
  )
  // True pairs per script pair, from the truth clusters.
  const members = new Map<number, number[]>()
  truth.forEach((p, r) => {
    const list = members.get(p)
    if (list) list.push(r)
    else members.set(p, [r])
  })
  const trueByScripts: Record<string, number> = {}
  for (const rows of members.values()) {
    for (let x = 0; x < rows.length; x++) {
      for (let y = x + 1; y < rows.length; y++) {
        const key = [
          scriptOf.get(ids[rows[x] as number] ?? ''),
          scriptOf.get(ids[rows[y] as number] ?? ''),
        ]
          .sort()
          .join('-')
        trueByScripts[key] = (trueByScripts[key] ?? 0) + 1
      }
    }
  }
  const recallByScripts: Accuracy['recallByScripts'] = {}
  for (const [key, count] of Object.entries(trueByScripts)) {
    let atAuto = 0
    let atBest = 0
    for (let k = 0; k < scored.length; k++) {
      if (!isMatch[k] || scriptPair[k] !== key) continue
      if ((probability[k] as number) >= autoLink) atAuto++
      if ((probability[k] as number) >= sweep.bestF1.threshold) atBest++
    }
    recallByScripts[key] = {
      truePairs: count,
      recallAtAutoLink: atAuto / count,
      recallAtBestF1: atBest / count,
    }
  }
  return {
    records: result.records,
    truePairs,
    candidatePairs: result.candidatePairs,
    pairsCompleteness: (result.trueCandidatePairs ?? 0) / Math.max(1, truePairs),
    autoLink: measureAtThreshold(scored, truePairs, autoLink),
    review: measureAtThreshold(scored, truePairs, result.model.bands.review),
    bestF1: sweep.bestF1,
    recallAtPrecision95: sweep.recallAtPrecision,
    bCubed: measureBCubed(result.clusterLabels, truth),
    recallByScripts,
    calibration: measureCalibration(scored),
    curve: precisionRecallCurve(scored, truePairs),
    hardNegativesAutoLinked: hard,
    byEvidence,
    stageMs: result.stageMs,
  }
}

/** Median, p95 and max of incremental top-10 queries against the scale records. */
async function measureIncremental(
  scaleCsv: string,
  heldOutCsv: string,
  model: LinkageModel,
  queries: number,
): Promise<{
  stored: number
  queries: number
  p50: number
  p95: number
  max: number
  buildS: number
}> {
  const started = performance.now()
  const { table } = await loadRecordTable([scaleCsv], false)
  const linker = new IncrementalLinker(table, model)
  const buildS = (performance.now() - started) / 1000
  const cols = await readCsvColumns(heldOutCsv, [
    'record_id',
    'full_name',
    'first_name',
    'father_name',
    'grandfather_name',
    'family_name',
    'mother_name',
    'mother_family_name',
    'sex',
    'birth_date',
    'age',
    'recorded_on',
    'birth_place',
    'national_id',
    'detention_place',
  ])
  const times: number[] = []
  const n = Math.min(queries, cols.record_id?.length ?? 0)
  for (let k = 0; k < n; k++) {
    const input: Record<string, string | undefined> = {}
    for (const [key, values] of Object.entries(cols)) {
      const v = values[k]
      input[key] = v === '' ? undefined : v
    }
    const t0 = performance.now()
    linker.findCandidates(input as unknown as LinkageRecordInput, 10)
    times.push(performance.now() - t0)
  }
  times.sort((a, b) => a - b)
  const at = (q: number): number =>
    times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? Number.NaN
  return {
    stored: table.size,
    queries: n,
    p50: at(0.5),
    p95: at(0.95),
    max: times[times.length - 1] ?? Number.NaN,
    buildS,
  }
}

function machine(): string[] {
  const cpuModel = cpus()[0]?.model ?? 'unknown'
  let free: string
  try {
    free = execFileSync('free', ['-g'], { encoding: 'utf8' }).trim()
  } catch {
    free = `${Math.round(totalmem() / 2 ** 30)} GiB total`
  }
  let nproc = String(cpus().length)
  try {
    nproc = execFileSync('nproc', { encoding: 'utf8' }).trim()
  } catch {
    // keep os.cpus()
  }
  return [
    `- CPU: ${cpuModel}; nproc: ${nproc}`,
    `- node ${process.version}`,
    '- free -g:',
    '```',
    free,
    '```',
  ]
}

function accuracySection(title: string, a: Accuracy): string[] {
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`
  const lines = [
    `### ${title}`,
    '',
    `${a.records} records, ${a.truePairs} true matching pairs, ${a.candidatePairs} candidate pairs scored.`,
    '',
    '| measure | value |',
    '| --- | --- |',
    `| pairs completeness of blocking | ${pct(a.pairsCompleteness)} |`,
    `| at auto-link (p ≥ ${a.autoLink.threshold}): precision / recall / F1 | ${fmt(a.autoLink.precision)} / ${fmt(a.autoLink.recall)} / ${fmt(a.autoLink.f1)} |`,
    `| at review (p ≥ ${a.review.threshold}): precision / recall / F1 | ${fmt(a.review.precision)} / ${fmt(a.review.recall)} / ${fmt(a.review.f1)} |`,
    `| best F1 over thresholds | ${fmt(a.bestF1.f1)} (p ≥ ${fmt(a.bestF1.threshold, 4)}; P ${fmt(a.bestF1.precision)}, R ${fmt(a.bestF1.recall)}) |`,
    `| recall at precision ≥ 0.95 | ${fmt(a.recallAtPrecision95.recall)} (p ≥ ${fmt(a.recallAtPrecision95.threshold, 4)}) |`,
    `| B-cubed precision / recall / F1 (clusters) | ${fmt(a.bCubed.precision)} / ${fmt(a.bCubed.recall)} / ${fmt(a.bCubed.f1)} |`,
    `| hard negatives auto-linked: siblings / father-son / other relatives | ${a.hardNegativesAutoLinked.siblings} / ${a.hardNegativesAutoLinked.fatherSon} / ${a.hardNegativesAutoLinked.sameFamilyOther} |`,
    '',
    'Recall by script pair:',
    '',
    '| scripts | true pairs | recall at auto-link | recall at best-F1 threshold |',
    '| --- | --- | --- | --- |',
    ...Object.entries(a.recallByScripts)
      .sort()
      .map(
        ([k, v]) =>
          `| ${k} | ${v.truePairs} | ${fmt(v.recallAtAutoLink)} | ${fmt(v.recallAtBestF1)} |`,
      ),
    '',
    'Recall by the evidence a true pair shares (name parts both records carry; a full birth date or national number in both), at the best-F1 threshold; false positives of that threshold by the same classes:',
    '',
    '| shared evidence | true pairs | share | pairs completeness | recall | false positives |',
    '| --- | --- | --- | --- | --- | --- |',
    ...a.byEvidence.map(
      (r) =>
        `| ${r.evidence} | ${r.truePairs} | ${pct(r.truePairs / Math.max(1, a.truePairs))} | ${fmt(r.blocked / Math.max(1, r.truePairs))} | ${fmt(r.found / Math.max(1, r.truePairs))} | ${r.falsePositives} |`,
    ),
    '',
    'Calibration (pairs in pairs.csv, by predicted-probability decile):',
    '',
    '| decile | pairs | mean predicted | observed match rate |',
    '| --- | --- | --- | --- |',
    ...a.calibration.map(
      (b) =>
        `| ${b.from.toFixed(1)}–${b.to.toFixed(1)} | ${b.pairs} | ${fmt(b.meanProbability)} | ${fmt(b.matchRate)} |`,
    ),
    '',
  ]
  return lines
}

async function main(): Promise<void> {
  await mkdir(OUT, { recursive: true })
  const date = new Date().toISOString()
  const lines: string[] = [
    '# Linkage benchmarks',
    '',
    `Generated by \`npm run bench:link\` (bench/link.bench.ts) on ${date}.`,
    '',
    '## Machine',
    '',
    ...machine(),
    '',
  ]
  const heldOut = await generate(
    HELD_OUT_SEED,
    HELD_OUT_RECORDS,
    'syria',
    `syria-${HELD_OUT_RECORDS}-seed${HELD_OUT_SEED}`,
  )
  const febrl = await generate(
    FEBRL_SEED,
    HELD_OUT_RECORDS,
    'febrl',
    `febrl-${HELD_OUT_RECORDS}-seed${FEBRL_SEED}`,
  )
  let scaleModel: LinkageModel | undefined
  let scaleCsv: string | undefined
  if (process.env.LINK_BENCH_SKIP_SCALE !== '1') {
    const scale = await generate(SCALE_SEED, RECORDS, 'syria', `syria-${RECORDS}-seed${SCALE_SEED}`)
    scaleCsv = scale.csv
    const modelOut = join(OUT, `model-${RECORDS}.json`)
    const e2e = await runEndToEnd(scale.csv, modelOut)
    scaleModel = await readModelFile(modelOut)
    const s = e2e.summary
    const stageLine = Object.entries(s.stageMs)
      .map(([k, v]) => `${k} ${(v / 1000).toFixed(1)} s`)
      .join(', ')
    console.log(
      `end-to-end ${s.records} records: ${e2e.wallS.toFixed(1)} s wall, peak RSS ${e2e.maxRssMb.toFixed(0)} MB`,
    )
    console.log(`stages: ${stageLine}`)
    console.log(
      `candidate pairs ${s.candidatePairs} (${s.candidatePairsBeforeScoring} in blocks), ${s.pairsPerSecond} pairs/s, ${s.pairsWritten} pairs written, ${s.clusters} clusters`,
    )
    lines.push(
      `## End to end: \`athar link\` on ${s.records} generated records`,
      '',
      `Command: \`${e2e.command}\` (under \`/usr/bin/time -v\`).`,
      '',
      '| measure | value |',
      '| --- | --- |',
      `| wall time (process) | ${e2e.wallS.toFixed(1)} s |`,
      `| peak RSS | ${e2e.maxRssMb.toFixed(0)} MB |`,
      `| stages | ${stageLine} |`,
      `| candidate pairs (in blocks / distinct scored) | ${s.candidatePairsBeforeScoring} / ${s.candidatePairs} |`,
      `| pairs scored per second | ${s.pairsPerSecond} |`,
      `| pairs written (p ≥ 0.01) / auto-links / review | ${s.pairsWritten} / ${s.autoLinks} / ${s.reviewPairs} |`,
      `| clusters | ${s.clusters} |`,
      '',
      'Blocking rules (pairs in uncapped blocks; capped blocks are skipped and reported):',
      '',
      '| rule | pairs | blocks split (records left) | capped blocks | records in capped blocks | largest capped |',
      '| --- | --- | --- | --- | --- | --- |',
      ...s.blocking.map(
        (b) =>
          `| ${b.rule.replaceAll('|', '\\|')} | ${b.pairs} | ${b.splitBlocks} (${b.recordsLeftBySplit}) | ${b.cappedBlocks} | ${b.cappedRecords} | ${b.largestCapped
            .slice(0, 2)
            .map((c) => `${c.key} (${c.size})`)
            .join('; ')} |`,
      ),
      '',
    )
  }
  const held = await measureAccuracy(heldOut.csv, heldOut.truth, scaleModel)
  console.log(
    `held-out: best F1 ${fmt(held.bestF1.f1)}, recall@P0.95 ${fmt(held.recallAtPrecision95.recall)}, PC ${fmt(held.pairsCompleteness)}`,
  )
  lines.push(
    '## Accuracy',
    '',
    ...accuracySection(
      `Held-out generated set (seed ${HELD_OUT_SEED}, ${scaleModel ? 'scored with the model trained at scale' : 'model trained on itself'})`,
      held,
    ),
  )
  const feb = await measureAccuracy(febrl.csv, febrl.truth, undefined)
  console.log(
    `febrl: best F1 ${fmt(feb.bestF1.f1)}, recall@P0.95 ${fmt(feb.recallAtPrecision95.recall)}, PC ${fmt(feb.pairsCompleteness)}`,
  )
  lines.push(
    ...accuracySection(
      `FEBRL-style generated set (seed ${FEBRL_SEED}, model trained on itself)`,
      feb,
    ),
  )
  lines.push(...(await writeAccuracyPlots(held, feb)), '')
  if (scaleModel && scaleCsv) {
    const inc = await measureIncremental(scaleCsv, heldOut.csv, scaleModel, 1000)
    console.log(
      `incremental: p50 ${fmt(inc.p50, 2)} ms, p95 ${fmt(inc.p95, 2)} ms, max ${fmt(inc.max, 2)} ms against ${inc.stored} records`,
    )
    lines.push(
      '## Incremental',
      '',
      `Top-10 candidates of ${inc.queries} held-out records against ${inc.stored} stored records (IncrementalLinker, one thread; index built in ${inc.buildS.toFixed(1)} s):`,
      `p50 ${fmt(inc.p50, 2)} ms, p95 ${fmt(inc.p95, 2)} ms, max ${fmt(inc.max, 2)} ms.`,
      '',
    )
  }
  await writeFile('docs/benchmarks-linkage.md', lines.join('\n'))
  console.log('written docs/benchmarks-linkage.md')
}

/** Precision–recall and calibration of both sets as SVG in docs/plots/; returns the report's lines. */
async function writeAccuracyPlots(held: Accuracy, feb: Accuracy): Promise<string[]> {
  await mkdir('docs/plots', { recursive: true })
  const pr = (a: Accuracy) => a.curve.map((c) => [c.recall, c.precision] as const)
  const calibration = (a: Accuracy) =>
    a.calibration.filter((b) => b.pairs > 0).map((b) => [b.meanProbability, b.matchRate] as const)
  await writeFile(
    'docs/plots/linkage-precision-recall.svg',
    linePlotSvg({
      title: 'Linkage: precision against recall over all thresholds',
      xLabel: 'recall (share of true pairs found)',
      yLabel: 'precision (share of found pairs that are true)',
      series: [
        { name: 'Syrian held-out', points: pr(held) },
        { name: 'FEBRL-style', points: pr(feb) },
      ],
    }),
  )
  await writeFile(
    'docs/plots/linkage-calibration.svg',
    linePlotSvg({
      title: 'Linkage: predicted probability against observed match rate',
      xLabel: 'mean predicted probability (decile of pairs)',
      yLabel: 'observed share of true matches',
      diagonal: true,
      series: [
        { name: 'Syrian held-out', points: calibration(held), dots: true },
        { name: 'FEBRL-style', points: calibration(feb), dots: true },
      ],
    }),
  )
  console.log('written docs/plots/linkage-precision-recall.svg, docs/plots/linkage-calibration.svg')
  return [
    '## Plots',
    '',
    '![Precision against recall](plots/linkage-precision-recall.svg)',
    '',
    '![Calibration: predicted against observed (dashed: perfect)](plots/linkage-calibration.svg)',
  ]
}

await main()
