import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import fc from 'fast-check'
import { levenshteinDistance, levenshteinSimilarity } from './string-distance.js'

void describe('levenshteinDistance', () => {
  const cases: Array<[string, string, number]> = [
    ['', '', 0],
    ['', 'abc', 3],
    ['abc', '', 3],
    ['mhmd', 'mhmd', 0],
    ['mhmd', 'mhmud', 1],
    ['kitten', 'sitting', 3],
    ['khaled', 'kahled', 1], // transposition
    ['ab', 'ba', 1],
    ['abc', 'ca', 3], // optimal string alignment, not full Damerau
    ['محمد', 'محمود', 1],
    ['x'.repeat(100), 'y'.repeat(100), 100], // grows its rows
  ]
  for (const [a, b, d] of cases) {
    void it(`${a.slice(0, 12)} / ${b.slice(0, 12)} → ${d}`, () =>
      assert.equal(levenshteinDistance(a, b), d))
  }
  void it('is symmetric, zero only for equal strings, bounded by the longer length', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 12 }), fc.string({ maxLength: 12 }), (a, b) => {
        const d = levenshteinDistance(a, b)
        assert.equal(d, levenshteinDistance(b, a))
        assert.equal(d === 0, a === b)
        assert.ok(d <= Math.max(a.length, b.length))
      }),
      { numRuns: 300 },
    )
  })
})

void describe('levenshteinSimilarity', () => {
  void it('is 1 for equal strings, 0 for nothing in common', () => {
    assert.equal(levenshteinSimilarity('', ''), 1)
    assert.equal(levenshteinSimilarity('mhmd', 'mhmd'), 1)
    assert.equal(levenshteinSimilarity('abc', 'xyz'), 0)
    assert.equal(levenshteinSimilarity('mhmd', 'mhmud'), 0.8)
  })
})

/** Plain optimal-string-alignment distance, the reference the fast version must agree with. */
function referenceDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  )
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[i - 2]![j - 2]! + 1)
      }
      d[i]![j] = v
    }
  }
  return d[a.length]![b.length]!
}

void describe('levenshteinDistance against a plain reference', () => {
  void it('agrees on random strings over a small alphabet (prefix/suffix trimming is safe)', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 9 })
    fc.assert(
      fc.property(word, word, (a, b) => {
        assert.equal(levenshteinDistance(a, b), referenceDistance(a, b), `${a} / ${b}`)
      }),
      { numRuns: 1000 },
    )
  })
})
