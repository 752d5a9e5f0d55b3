/**
 * The `syria` profile: families from population.ts, each detained member seen by one to a
 * few sources (many in one, some in several), with occasional duplicates inside a source,
 * emitted through a shuffle window so that file order does not reveal who is who.
 */
import { type GeneratedRecord, type GeneratorOptions } from './generator.js'
import { DEFAULT_POPULATION_RATES, generateFamily, type TruePerson } from './population.js'
import { RandomSource, WeightedTable } from './random-source.js'
import {
  createSourceCatalog,
  DEFAULT_CORRUPTION_RATES,
  renderView,
  SOURCE_KINDS,
  type SourceInstance,
  type SourceKind,
} from './source-views.js'

export const DEFAULT_SOURCE_MIX: Record<SourceKind, number> = {
  'family-report': 0.35,
  register: 0.2,
  'ngo-list': 0.25,
  intake: 0.12,
  'photo-index': 0.08,
}

/** Generate the syria profile's records (see GeneratorOptions). */
export function* generateSyriaRecords(options: GeneratorOptions): Generator<GeneratedRecord> {
  const random = new RandomSource(options.seed)
  const catalog = createSourceCatalog(random.fork(1))
  const rates = { ...DEFAULT_CORRUPTION_RATES, ...options.corruption }
  const population = { ...DEFAULT_POPULATION_RATES, ...options.population }
  const mix = { ...DEFAULT_SOURCE_MIX, ...options.sourceMix }
  const kindTable = new WeightedTable(SOURCE_KINDS.map((k) => [k, mix[k]] as const))
  const byKind = new Map<SourceKind, SourceInstance[]>()
  for (const s of catalog) byKind.set(s.kind, [...(byKind.get(s.kind) ?? []), s])
  const sourcesPerPerson = new WeightedTable(
    (options.sourcesPerPerson ?? [0.55, 0.25, 0.12, 0.05, 0.03]).map((w, i) => [i + 1, w] as const),
  )
  const duplicateRate = options.duplicateRate ?? 0.04
  const extraCopies = new WeightedTable<number>([
    [1, 80],
    [2, 15],
    [3, 5],
  ])
  const window = Math.max(1, options.shuffleWindow ?? 4096)
  const target = Math.max(0, options.records)

  const pending: GeneratedRecord[] = []
  let produced = 0
  let emitted = 0
  let familyIndex = 0
  const ids = { next: 1 }

  const takeOne = (): GeneratedRecord => {
    const i = random.nextInt(pending.length)
    const record = pending[i]!
    pending[i] = pending[pending.length - 1]!
    pending.pop()
    const recordId = `r${++emitted}`
    record.fields.record_id = recordId
    record.truth.record_id = recordId
    return record
  }

  const chooseSource = (
    person: TruePerson,
    used: Set<SourceInstance>,
  ): SourceInstance | undefined => {
    for (let tries = 0; tries < 8; tries++) {
      const kind = kindTable.draw(random)
      if (kind === 'intake' && person.detention?.releaseDate === undefined) continue
      const source = random.pick(byKind.get(kind)!)
      if (!used.has(source)) return source
    }
    return undefined
  }

  while (produced < target) {
    const family = generateFamily(random, ++familyIndex, ids, population)
    for (const person of family.members) {
      if (person.detention === undefined) continue
      const count = sourcesPerPerson.draw(random)
      const used = new Set<SourceInstance>()
      for (let j = 0; j < count; j++) {
        const source = chooseSource(person, used)
        if (source === undefined) continue
        used.add(source)
        const copies = 1 + (random.chance(duplicateRate) ? extraCopies.draw(random) : 0)
        for (let c = 0; c < copies; c++) {
          const view = renderView(person, source, random, rates)
          if (c > 0) view.corruptions.push('duplicate')
          pending.push({
            fields: { record_id: '', ...view.fields },
            truth: {
              record_id: '',
              person_id: person.personId,
              family_id: family.familyId,
              father_person_id: person.fatherPersonId,
              source: source.kind,
              source_instance: source.id,
              script: source.script,
              scheme: source.scheme,
              corruptions: view.corruptions,
              person,
            },
          })
          produced++
        }
      }
    }
    while (pending.length > window) yield takeOne()
  }
  while (pending.length > 0) yield takeOne()
}
