/**
 * Scoring one pair of records end to end — the building block the services layer
 * persists: each comparison's level and weight (the waterfall), the total, the band.
 */
import { bandForProbability, type Band } from './review-bands.js'
import {
  buildScoringTables,
  explainGamma,
  type LinkageModel,
  type PairExplanation,
  type ScoringTables,
} from './linkage-model.js'
import { PairComparer, createGamma, type NameLevelFunction } from './pair-comparer.js'
import { RecordTable, type LinkageRecordInput } from './record-table.js'

/** A scored pair with its explanation and band. */
export interface ScoredPair extends PairExplanation {
  band: Band
}

/**
 * Score two records with a model. Term frequencies come from `population` when given
 * (the stored records), else from the two records alone (then no TF evidence).
 */
export function scorePair(
  model: LinkageModel,
  left: LinkageRecordInput,
  right: LinkageRecordInput,
  options: { population?: RecordTable; nameLevel?: NameLevelFunction } = {},
): ScoredPair {
  const table = options.population ?? new RecordTable({ capacity: 4 })
  const i = table.addRecord(left)
  const j = table.addRecord(right)
  try {
    const tables: ScoringTables = buildScoringTables(
      model,
      table.columns.names,
      table.size,
      table.nameValues.crossKey,
      table.crossKeyCount,
    )
    const comparer = new PairComparer(
      table.columns,
      table.nameValues,
      table.placeValues,
      options.nameLevel,
    )
    const gamma = createGamma()
    comparer.compare(i, j, gamma)
    const explanation = explainGamma(tables, gamma, table.columns.names, i, j)
    return { ...explanation, band: bandForProbability(explanation.matchProbability, model.bands) }
  } finally {
    if (options.population) {
      table.columns.size -= 2
      table.ids.length -= 2
    }
  }
}
