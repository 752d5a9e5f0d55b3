import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import {
  canonicalizeLatinUnit,
  expandLatinAbbreviation,
  foldLatin,
  isLatinArticle,
  isLatinJoiner,
  isLatinTail,
} from './latin-normalizer.js'

void describe('foldLatin', () => {
  const cases: Array<[string, string]> = [
    ['Muḥammad', 'muhammad'],
    ['ʿUmar', 'umar'],
    ["Moh'd", 'mohd'],
    ['Sa’id', 'said'],
    ['HÜSEYİN', 'huseyin'],
    ['Şükrü', 'shukru'],
    ['François', 'fransois'],
    ['Ṣāliḥ', 'salih'],
    ['Al-Halabi', 'al-halabi'],
    ['Nour–Eddine', 'nour-eddine'],
    ['MHD', 'mhd'],
    ['محمد', 'محمد'],
  ]
  for (const [input, expected] of cases) {
    void it(`${input} → ${expected}`, () => assert.equal(foldLatin(input), expected))
  }
})

void describe('Latin articles, joiners and tails', () => {
  void it('recognises al/el/ul and sun-letter articles only before their letter', () => {
    assert.equal(isLatinArticle('al', 'halabi'), true)
    assert.equal(isLatinArticle('el', 'halabi'), true)
    assert.equal(isLatinArticle('as', 'sayyid'), true)
    assert.equal(isLatinArticle('ash', 'shami'), true)
    assert.equal(isLatinArticle('ad', 'din'), true)
    assert.equal(isLatinArticle('an', 'nahhas'), true)
    assert.equal(isLatinArticle('as', 'halabi'), false)
    assert.equal(isLatinArticle('an', undefined), false)
  })
  void it('recognises عبد, أبو and ابن spellings as joiners', () => {
    for (const w of [
      'abd',
      'abdul',
      'abdel',
      'abdur',
      'abu',
      'abou',
      'abul',
      'bin',
      'ben',
      'ibn',
    ]) {
      assert.equal(isLatinJoiner(w), true, w)
    }
    for (const w of ['abdo', 'abed', 'ali']) assert.equal(isLatinJoiner(w), false, w)
  })
  void it('recognises the tails of الدين and الله', () => {
    for (const w of ['din', 'eddine', 'uddin', 'aldin', 'allah', 'ullah']) {
      assert.equal(isLatinTail(w), true, w)
    }
    for (const w of ['nadine', 'halabi']) assert.equal(isLatinTail(w), false, w)
  })
  void it('expands the abbreviations of Muhammad', () => {
    for (const w of ['mhd', 'md', 'mohd', 'muhd']) {
      assert.equal(expandLatinAbbreviation(w), 'mohammad', w)
    }
    assert.equal(expandLatinAbbreviation('mahmoud'), 'mahmoud')
  })
})

void describe('canonicalizeLatinUnit', () => {
  const cases: Array<[string[], string]> = [
    [['al', 'halabi'], 'halabi'],
    [['el', 'halabi'], 'halabi'],
    [['alhalabi'], 'halabi'],
    [['albert'], 'albert'],
    [['elias'], 'elias'],
    [['abd', 'al', 'rahman'], 'abdulrahman'],
    [['abdul', 'rahman'], 'abdulrahman'],
    [['abdel', 'rahman'], 'abdulrahman'],
    [['abdur', 'rahman'], 'abdulrahman'],
    [['abdurrahman'], 'abdulrahman'],
    [['abdelaziz'], 'abdulaziz'],
    [['abdallah'], 'abdullah'],
    [['abd', 'allah'], 'abdullah'],
    [['abdo'], 'abdo'],
    [['abu', 'bakr'], 'abubakr'],
    [['abou', 'bakr'], 'abubakr'],
    [['abul', 'khair'], 'abualkhair'],
    [['ibn', 'khaldun'], 'binkhaldun'],
    [['nour', 'al', 'din'], 'nouraldin'],
    [['nour', 'eddine'], 'nouraldin'],
    [['noureddine'], 'nouraldin'],
    [['nur', 'ad', 'din'], 'nuraldin'],
    [['salahuddin'], 'salahaldin'],
    [['nadine'], 'nadine'],
    [['fathullah'], 'fathallah'],
    [['mhd'], 'mohammad'],
  ]
  for (const [pieces, expected] of cases) {
    void it(`${pieces.join(' ')} → ${expected}`, () =>
      assert.equal(canonicalizeLatinUnit(pieces), expected))
  }
})
