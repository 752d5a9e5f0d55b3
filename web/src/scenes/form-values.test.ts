/** Run: node --import tsx --test web/src/scenes/form-values.test.ts */
import assert from 'node:assert/strict'
import { describe, test } from 'node:test'
import { readFieldErrors } from './field-errors.js'
import {
  countLetters,
  newIdempotencyKey,
  optionalText,
  parseAge,
  toLatinDigits,
  todayIso,
} from './form-values.js'

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

void describe('form values', () => {
  void test('Arabic-Indic and Persian digits become 0-9', () => {
    assert.equal(toLatinDigits('\u0664\u0662 \u06F7'), '42 7')
    assert.equal(toLatinDigits('abc 19'), 'abc 19')
  })

  void test('ages: empty is undefined, a number 0-120 is kept, anything else is NaN', () => {
    assert.equal(parseAge('  '), undefined)
    assert.equal(parseAge('35'), 35)
    assert.equal(parseAge('\u0663\u0665'), 35)
    assert.ok(Number.isNaN(parseAge('121')))
    assert.ok(Number.isNaN(parseAge('3.5')))
    assert.ok(Number.isNaN(parseAge('about 30')))
  })

  void test('optional text is trimmed and empty becomes undefined', () => {
    assert.equal(optionalText('  Adra '), 'Adra')
    assert.equal(optionalText('   '), undefined)
  })

  void test('letters are counted in any script, not spaces or digits', () => {
    assert.equal(countLetters('a 1'), 1)
    assert.equal(countLetters('\u0639\u0644'), 2)
  })

  void test('idempotency keys are UUID v4, with or without crypto.randomUUID', () => {
    assert.match(newIdempotencyKey(), UUID_V4)
    const fallback = newIdempotencyKey({
      getRandomValues: <T extends ArrayBufferView | null>(array: T) => {
        if (array instanceof Uint8Array) array.fill(0xff)
        return array
      },
    })
    assert.equal(fallback, 'ffffffff-ffff-4fff-bfff-ffffffffffff')
  })

  void test('today is a local YYYY-MM-DD date', () => {
    assert.equal(todayIso(new Date(2026, 4, 4, 23, 30)), '2026-05-04')
  })
})

void describe('field errors', () => {
  const problem = {
    type: 'about:blank',
    title: 'x',
    status: 400,
    code: 'validation_failed',
    errors: [
      { field: 'names', message: 'at least one name', reason: 'required' },
      { field: 'reporter.phone', message: 'digits only', reason: 'invalid_value' },
      { field: 'zone', message: 'server text', reason: 'never_heard_of' },
      { field: 'zone', message: 'second error of the same field' },
    ],
  }

  void test('a known reason becomes a message key, an unknown one keeps the server text', () => {
    const errors = readFieldErrors(problem, { names: 'first_name' })
    assert.deepEqual(errors.first_name, { key: 'fieldError.required' })
    assert.deepEqual(errors['reporter.phone'], { key: 'fieldError.invalid_value' })
    assert.deepEqual(errors.zone, { text: 'server text' })
    assert.equal(errors.names, undefined)
  })

  void test('no problem, no errors', () => {
    assert.deepEqual(readFieldErrors(undefined), {})
  })
})
