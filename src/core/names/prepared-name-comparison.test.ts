import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { listGoldenPairs } from './golden-pairs.js'
import { compareNames, compareNamesWithOptions } from './name-comparison.js'
import { prepareName } from './prepared-name-comparison.js'

const golden = listGoldenPairs()
/** Every name of the golden pairs, as a pool for random names. */
const pool = [...new Set(golden.flatMap((p) => [p.a, p.b]))]
/** Their words, for names no golden pair holds (a family name before a given name, …). */
const words = [...new Set(pool.flatMap((n) => n.split(/\s+/)))].filter((w) => w !== '')

void describe('prepareName', () => {
  void it('returns what compareNames returns on every golden pair, both ways', () => {
    for (const p of golden) {
      assert.deepEqual(prepareName(p.a).compare(p.b), compareNames(p.a, p.b), `${p.a} ~ ${p.b}`)
      assert.deepEqual(prepareName(p.b).compare(p.a), compareNames(p.b, p.a), `${p.b} ~ ${p.a}`)
    }
  })

  void it('stays equal to compareNames when one prepared name meets many', () => {
    for (const query of pool.slice(0, 40)) {
      const prepared = prepareName(query)
      // Twice over: the second pass meets names (and units) already analysed.
      for (let pass = 0; pass < 2; pass++) {
        for (const other of pool) {
          assert.deepEqual(
            prepared.compare(other),
            compareNames(query, other),
            `${query} ~ ${other}`,
          )
        }
      }
    }
  })

  void it('equals compareNames on random names from the golden words and on any text', () => {
    const name = fc.oneof(
      fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }).map((w) => w.join(' ')),
      fc.constantFrom(...pool),
      fc.string({ maxLength: 20 }),
    )
    fc.assert(
      fc.property(name, fc.array(name, { minLength: 1, maxLength: 8 }), (query, others) => {
        const prepared = prepareName(query)
        for (const other of others) {
          assert.deepEqual(prepared.compare(other), compareNames(query, other))
        }
      }),
      { numRuns: 2000 },
    )
  })

  void it('follows the options (no variant table)', () => {
    const options = { useVariantTable: false }
    for (const p of golden.slice(0, 200)) {
      assert.deepEqual(
        prepareName(p.a, options).compare(p.b),
        compareNamesWithOptions(p.a, p.b, options),
      )
    }
    // The table is what keeps حسن and حسين apart: the option must reach the comparison.
    assert.equal(prepareName('حسن', options).compare('حسين').level, 'cross-script')
    assert.equal(prepareName('حسن').compare('حسين').level, 'different')
  })
})
