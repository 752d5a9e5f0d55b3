import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { splitNameUnits } from './name-tokenizer.js'

void describe('splitNameUnits', () => {
  const cases: Array<[string, string[], string[]]> = [
    ['محمد خالد الحلبي', ['محمد', 'خالد', 'حلبي'], ['محمد', 'خالد', 'الحلبي']],
    ['عبد الرحمن يوسف', ['عبدالرحمن', 'يوسف'], ['عبد الرحمن', 'يوسف']],
    ['نور الدين الحلبي', ['نورالدين', 'حلبي'], ['نور الدين', 'الحلبي']],
    ['أبو بكر', ['ابوبكر'], ['أبو بكر']],
    ['ال حلبي', ['حلبي'], ['ال حلبي']],
    [
      'Mohammad Khaled Al-Halabi',
      ['mohammad', 'khaled', 'halabi'],
      ['Mohammad', 'Khaled', 'Al-Halabi'],
    ],
    ['Abd al-Rahman Nour ed-Din', ['abdulrahman', 'nouraldin'], ['Abd al-Rahman', 'Nour ed-Din']],
    ['MHD KHALED HALABI', ['mohammad', 'khaled', 'halabi'], ['MHD', 'KHALED', 'HALABI']],
    ['  محمد   خالد  ', ['محمد', 'خالد'], ['محمد', 'خالد']],
    ['Khaled, Mohammad', ['khaled', 'mohammad'], ['Khaled', 'Mohammad']],
    ['', [], []],
    ['---', [], []],
  ]
  for (const [input, norms, raws] of cases) {
    void it(`splits ${JSON.stringify(input)}`, () => {
      const units = splitNameUnits(input)
      assert.deepEqual(
        units.map((u) => u.norm),
        norms,
      )
      assert.deepEqual(
        units.map((u) => u.raw),
        raws,
      )
    })
  }
  void it('marks the script of each unit', () => {
    assert.deepEqual(
      splitNameUnits('محمد Halabi').map((u) => u.arabic),
      [true, false],
    )
  })
})
