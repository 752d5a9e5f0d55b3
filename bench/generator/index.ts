/**
 * Entry point of the synthetic data generator (bench/generator): import from here.
 * See docs/generator.md.
 */
export {
  DEFAULT_CORRUPTION_RATES,
  DEFAULT_POPULATION_RATES,
  SOURCE_KINDS,
  generateRecords,
  listExtraColumns,
  type CorruptionRates,
  type GeneratedRecord,
  type GeneratorOptions,
  type GeneratorProfile,
  type PopulationRates,
  type RecordTruth,
  type Script,
  type SourceKind,
  type TruePerson,
} from './generator.js'
export {
  TRUTH_COLUMNS,
  formatCsvField,
  formatCsvRow,
  formatRecordHeader,
  formatRecordRow,
  formatTruthHeader,
  formatTruthRow,
} from './csv-format.js'
export { generateFamily, type Family } from './population.js'
export { RandomSource } from './random-source.js'
