/**
 * Writers of pairs.csv and clusters.csv (shared/spec/record-csv.md, "Linkage output"),
 * in large string chunks through one stream — never one write per pair.
 */
import { createWriteStream } from 'node:fs'
import { once } from 'node:events'
import {
  COMPARISONS,
  COMPARISON_COUNT,
  LEVEL_SLOTS,
  NAME_COMPARISON_COUNT,
  probabilityFromWeight,
  termFrequencyAdjustment,
  type ScoredChunk,
  type ScoringTables,
} from '../../core/linkage/index.js'

const CHUNK_CHARS = 1 << 20

/** Quote a CSV cell when it needs it (RFC 4180). */
export function quoteCsv(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text
}

/** A buffered line writer over a file stream. */
class ChunkWriter {
  private readonly stream
  private buffer = ''

  constructor(path: string) {
    this.stream = createWriteStream(path, { encoding: 'utf8' })
  }

  async write(text: string): Promise<void> {
    this.buffer += text
    if (this.buffer.length >= CHUNK_CHARS) await this.flush()
  }

  async flush(): Promise<void> {
    if (this.buffer === '') return
    const ok = this.stream.write(this.buffer)
    this.buffer = ''
    if (!ok) await once(this.stream, 'drain')
  }

  async close(): Promise<void> {
    await this.flush()
    this.stream.end()
    await once(this.stream, 'finish')
  }
}

/** The header of pairs.csv: the spec's four columns, the prior, one weight column per comparison. */
export const PAIRS_HEADER = [
  'left_id',
  'right_id',
  'match_probability',
  'match_weight',
  'prior',
  ...COMPARISONS.map((c) => `w_${c}`),
].join(',')

/**
 * Write pairs.csv: every kept pair once (left = earlier row), probability, weight, and
 * each comparison's contribution (level weight + term-frequency adjustment), so that
 * prior + contributions = match_weight (up to rounding): the waterfall in the CSV.
 */
export async function writePairsCsv(
  path: string,
  chunks: readonly ScoredChunk[],
  ids: readonly string[],
  tables: ScoringTables,
  nameColumns: readonly Int32Array[],
): Promise<number> {
  const out = new ChunkWriter(path)
  await out.write(PAIRS_HEADER + '\n')
  const quoted = ids.map(quoteCsv)
  const prior = tables.prior.toFixed(3)
  // Level weights are constants: format them once; only TF-adjusted name weights vary.
  const fixedText = Array.from(tables.weights, (w) => w.toFixed(3))
  let written = 0
  for (const chunk of chunks) {
    for (let k = 0; k < chunk.length; k++) {
      const i = chunk.left[k] as number
      const j = chunk.right[k] as number
      const w = chunk.weight[k] as number
      let line = `${quoted[i]},${quoted[j]},${probabilityFromWeight(w).toFixed(6)},${w.toFixed(3)},${prior}`
      for (let f = 0; f < COMPARISON_COUNT; f++) {
        const level = chunk.gammas[k * COMPARISON_COUNT + f] as number
        const slot = f * LEVEL_SLOTS + level
        if (f < NAME_COMPARISON_COUNT && level !== 0 && (tables.tfWeights[slot] as number) !== 0) {
          const col = nameColumns[f] as Int32Array
          const c =
            (tables.weights[slot] as number) +
            termFrequencyAdjustment(tables, f, level, col[i] as number, col[j] as number)
          line += `,${c.toFixed(3)}`
        } else line += `,${fixedText[slot] as string}`
      }
      await out.write(line + '\n')
      written++
    }
  }
  await out.close()
  return written
}

/** Write clusters.csv: every record exactly once with its cluster id. */
export async function writeClustersCsv(
  path: string,
  ids: readonly string[],
  clusterIds: readonly string[],
): Promise<void> {
  const out = new ChunkWriter(path)
  await out.write('record_id,cluster_id\n')
  for (let r = 0; r < ids.length; r++) {
    await out.write(`${quoteCsv(ids[r] ?? '')},${quoteCsv(clusterIds[r] ?? '')}\n`)
  }
  await out.close()
}
