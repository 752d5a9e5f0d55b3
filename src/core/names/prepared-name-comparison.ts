/**
 * One name compared with many: the search re-rank compares the query with the names of up
 * to fifty records per search. A prepared name is analysed once; each comparison then
 * analyses (or finds cached) only the other name.
 *
 * Measured (docs/benchmarks-search.md, issue #3): the query's analysis was already a cache
 * hit in compareNames, so preparing it saves little; the cost of a cold re-rank was the
 * analysis of record names met for the first time, which the per-unit cache in
 * name-comparison.ts now mostly answers. Remembering unit-against-unit results per prepared
 * name was tried and was slower than comparing the units again.
 */
import {
  analyseName,
  compareAnalysed,
  type NameComparison,
  type NameComparisonOptions,
  type UnitInfo,
} from './name-comparison.js'

/** A name analysed once, to be compared with many others. */
export interface PreparedName {
  /** Exactly what `compareNamesWithOptions(text, other, options)` returns. */
  compare(other: string): NameComparison
}

class PreparedNameComparison implements PreparedName {
  private readonly units: readonly UnitInfo[]

  constructor(
    text: string,
    private readonly useVariants: boolean,
  ) {
    this.units = analyseName(text)
  }

  compare(other: string): NameComparison {
    return compareAnalysed(this.units, analyseName(other), this.useVariants)
  }
}

/** Prepare `text` (either script) for comparison with many names, as compareNames does. */
export function prepareName(
  text: string,
  options: NameComparisonOptions = { useVariantTable: true },
): PreparedName {
  return new PreparedNameComparison(text, options.useVariantTable)
}
