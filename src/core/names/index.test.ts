import assert from 'node:assert/strict'
import { readFileSync } from 'node:fs'
import { describe, it } from 'node:test'
import * as names from './index.js'

void describe('name engine contract (index.ts)', () => {
  void it('exports every function of the contract', () => {
    for (const fn of [
      'detectScript',
      'normalizeName',
      'nameTokens',
      'crossScriptKey',
      'ocrKey',
      'variantGroup',
      'compareNames',
      'parseFullName',
    ] as const) {
      assert.equal(typeof names[fn], 'function', fn)
    }
  })
  void it('no longer carries the placeholder note other helpers poll for', () => {
    const source = readFileSync(new URL('./index.ts', import.meta.url), 'utf8')
    assert.doesNotMatch(source, /placeholder/i)
  })
})
