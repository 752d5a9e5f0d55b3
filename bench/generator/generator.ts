/**
 * Public API of the synthetic data generator: a seeded, deterministic, streaming source of
 * person records with their truth (who is who, which family, which corruptions). Two
 * profiles: `syria` (families seen through family reports, registers, NGO lists, intakes
 * and photo indexes, in both scripts) and `febrl` (FEBRL-style Latin records with typo'd
 * duplicates), so the linkage engine can be shown not to be tuned to one data shape.
 */
import type { PersonRecordFields } from '../../src/core/records/record-fields.js'
import { generateFebrlRecords, FEBRL_EXTRA_COLUMNS } from './febrl-profile.js'
import type { PopulationRates, TruePerson } from './population.js'
import type { CorruptionRates, Script, SourceKind } from './source-views.js'
import { generateSyriaRecords } from './syria-profile.js'

export type { CorruptionRates, SourceKind, Script } from './source-views.js'
export type { PopulationRates, TruePerson } from './population.js'
export { DEFAULT_CORRUPTION_RATES, SOURCE_KINDS } from './source-views.js'
export { DEFAULT_POPULATION_RATES } from './population.js'

export type GeneratorProfile = 'syria' | 'febrl'

export interface GeneratorOptions {
  seed: number
  /** Approximate number of records: generation stops after the family that reaches it. */
  records: number
  profile?: GeneratorProfile | undefined
  locale?: 'syria' | undefined
  /** Relative weights of the source kinds (syria profile). */
  sourceMix?: Partial<Record<SourceKind, number>> | undefined
  /** Corruption rates (syria profile); unspecified ones keep their defaults. */
  corruption?: Partial<CorruptionRates> | undefined
  /** Family and detention rates (syria profile). */
  population?: Partial<PopulationRates> | undefined
  /** Share of (person, source) views written twice or more in the same source. */
  duplicateRate?: number | undefined
  /** Weights of a detained person appearing in 1, 2, 3 ... sources. */
  sourcesPerPerson?: readonly number[] | undefined
  /** Records held back and emitted in random order, so file order does not reveal identity. */
  shuffleWindow?: number | undefined
  /** febrl profile: share of records that are duplicates of an original. */
  febrlDuplicateShare?: number | undefined
}

/** The truth of one record; keys are the truth CSV's columns. */
export interface RecordTruth {
  record_id: string
  person_id: string
  family_id: string
  /** The father's person id when he is also in the population. */
  father_person_id?: string | undefined
  source: string
  source_instance: string
  script: Script
  /** 'arabic' or the Latin transliteration family (english, french, turkish, german, informal). */
  scheme: string
  /** Tags of the corruptions applied to this record, in order. */
  corruptions: string[]
  /** The true person (syria profile), for tests and analyses; not written to the truth CSV. */
  person?: TruePerson | undefined
}

export interface GeneratedRecord {
  fields: PersonRecordFields
  truth: RecordTruth
}

/** Stream generated records; memory stays bounded by the shuffle window, whatever the count. */
export function generateRecords(options: GeneratorOptions): Generator<GeneratedRecord> {
  return options.profile === 'febrl' ? generateFebrlRecords(options) : generateSyriaRecords(options)
}

/** Extra (non-spec) CSV columns a profile fills, after the spec's columns. */
export function listExtraColumns(profile: GeneratorProfile = 'syria'): readonly string[] {
  return profile === 'febrl' ? FEBRL_EXTRA_COLUMNS : []
}
