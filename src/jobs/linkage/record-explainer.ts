/**
 * File-mode explanation (`athar explain ID1 ID2 --input FILE...`): load the files, train
 * a model (or use a saved one), and return the waterfall of one pair of records.
 */
import {
  DEFAULT_BLOCKING_RULES,
  DEFAULT_BLOCK_CAP,
  PairComparer,
  bandForProbability,
  buildScoringTables,
  createGamma,
  explainGamma,
  trainModel,
  type Band,
  type LinkageModel,
  type PairExplanation,
} from '../../core/linkage/index.js'
import { LinkageInputError } from './csv-record-loader.js'
import { buildBlockIndexes, loadRecordTable } from './link-pipeline.js'

/** The explanation of one pair, with the records' ids and the band. */
export interface RecordPairExplanation extends PairExplanation {
  leftId: string
  rightId: string
  band: Band
  modelSource: 'file' | 'trained'
}

/** Explain why two records of the input files do or do not match. */
export async function explainRecordPair(options: {
  inputs: string[]
  leftId: string
  rightId: string
  model?: LinkageModel | undefined
  seed?: number | undefined
}): Promise<RecordPairExplanation> {
  const { table } = await loadRecordTable(options.inputs, false)
  const rowOf = new Map<string, number>()
  table.ids.forEach((id, row) => rowOf.set(id, row))
  const i = rowOf.get(options.leftId)
  const j = rowOf.get(options.rightId)
  if (i === undefined) {
    throw new LinkageInputError(`record ${options.leftId} is not in the input files`)
  }
  if (j === undefined) {
    throw new LinkageInputError(`record ${options.rightId} is not in the input files`)
  }
  const comparer = new PairComparer(table.columns, table.nameValues, table.placeValues)
  let model = options.model
  if (!model) {
    const indices = buildBlockIndexes(table, DEFAULT_BLOCKING_RULES, DEFAULT_BLOCK_CAP)
    model = trainModel(table.columns, comparer, indices, { seed: options.seed ?? 42 })
  }
  const tables = buildScoringTables(
    model,
    table.columns.names,
    table.size,
    table.nameValues.crossKey,
    table.crossKeyCount,
  )
  const gamma = createGamma()
  comparer.compare(Math.min(i, j), Math.max(i, j), gamma)
  const explanation = explainGamma(
    tables,
    gamma,
    table.columns.names,
    Math.min(i, j),
    Math.max(i, j),
  )
  return {
    ...explanation,
    leftId: options.leftId,
    rightId: options.rightId,
    band: bandForProbability(explanation.matchProbability, model.bands),
    modelSource: options.model ? 'file' : 'trained',
  }
}
