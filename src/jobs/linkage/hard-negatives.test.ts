/**
 * Hard negatives: siblings (same father, mother and family name, different given name,
 * close birth years) and father/son pairs must never be auto-linked — on the fixture
 * families and on families from the synthetic data generator.
 */
import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { generateRecords, type GeneratedRecord } from '../../../bench/generator/index.js'
import { buildFixtureFamilies } from '../../core/linkage/linkage-fixtures.js'
import {
  linkageInputOf,
  linkRecords,
  probabilityFromWeight,
  type LinkageRecordInput,
} from '../../core/linkage/index.js'

function toInput(r: GeneratedRecord): LinkageRecordInput {
  return linkageInputOf(r.fields)
}

describe('hard negatives are never auto-linked', () => {
  it('fixture families: siblings and father/son stay apart, the same person links', () => {
    const fixture = buildFixtureFamilies(10)
    const run = linkRecords(
      fixture.map((r) => r.input),
      { seed: 1 },
    )
    let sameLinked = 0
    for (let k = 0; k < run.pairs.length; k++) {
      const a = fixture[run.pairs.left[k] as number]
      const b = fixture[run.pairs.right[k] as number]
      if (!a || !b) continue
      const p = probabilityFromWeight(run.pairs.weight[k] as number)
      if (a.personId === b.personId) {
        if (p >= run.model.bands.autoLink) sameLinked++
        continue
      }
      const relation = a.familyId === b.familyId ? 'relatives' : 'strangers'
      assert.ok(
        p < run.model.bands.autoLink,
        `${relation} ${a.personId} / ${b.personId} auto-linked at ${p}`,
      )
    }
    assert.ok(sameLinked > 0, 'true matches are linked at all')
  })

  it('generated families: no sibling or father/son pair is auto-linked', () => {
    const records = [...generateRecords({ seed: 20260101, records: 2500 })]
    // Every candidate pair is kept (no probability floor), so that the check covers all the
    // siblings blocking puts side by side, not only those that happen to score above 1%.
    const run = linkRecords(records.map(toInput), { seed: 1, minProbability: 0 })
    const autoWeight = Math.log2(run.model.bands.autoLink / (1 - run.model.bands.autoLink))
    let siblingsCompared = 0
    for (let k = 0; k < run.pairs.length; k++) {
      const a = records[run.pairs.left[k] as number]?.truth
      const b = records[run.pairs.right[k] as number]?.truth
      if (!a?.person || !b?.person || a.person_id === b.person_id) continue
      const pa = a.person
      const pb = b.person
      const siblings =
        pa.familyId === pb.familyId &&
        pa.father.ar === pb.father.ar &&
        pa.mother.ar === pb.mother.ar &&
        pa.first.ar !== pb.first.ar
      const fatherSon = pa.fatherPersonId === b.person_id || pb.fatherPersonId === a.person_id
      if (siblings) siblingsCompared++
      if (siblings || fatherSon) {
        assert.ok(
          (run.pairs.weight[k] as number) < autoWeight,
          `${siblings ? 'siblings' : 'father/son'} ${a.record_id} (${a.person_id}) / ${b.record_id} (${b.person_id}) auto-linked`,
        )
      }
    }
    assert.ok(siblingsCompared > 0, 'the generated data does put siblings side by side')
  })
})
