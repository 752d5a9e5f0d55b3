import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { detectScript } from './script-detector.js'
import type { Script } from './script-detector.js'

void describe('detectScript', () => {
  const cases: Array<[string, Script]> = [
    ['محمد', 'arabic'],
    ['ﷲ', 'arabic'],
    ['Mohammad', 'latin'],
    ['Hüseyin', 'latin'],
    ['Muḥammad', 'latin'],
    ['محمد Halabi', 'mixed'],
    ['١٢٣', 'none'],
    ['، - 123', 'none'],
    ['', 'none'],
  ]
  for (const [input, script] of cases) {
    void it(`${JSON.stringify(input)} is ${script}`, () =>
      assert.equal(detectScript(input), script))
  }
})
