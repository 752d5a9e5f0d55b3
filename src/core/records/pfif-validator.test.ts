import assert from 'node:assert/strict'
import { describe, it } from 'node:test'

import { validatePfif14 } from './pfif-validator.js'

const wrap = (body: string): string =>
  `<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4">${body}</pfif:pfif>`
const PERSON_HEAD =
  '<pfif:person_record_id>a.org/1</pfif:person_record_id><pfif:source_date>2020-01-01T00:00:00Z</pfif:source_date><pfif:full_name>A</pfif:full_name>'
const NOTE =
  '<pfif:note><pfif:note_record_id>a.org/n1</pfif:note_record_id><pfif:author_name>N</pfif:author_name><pfif:source_date>2020-01-01T00:00:00Z</pfif:source_date><pfif:status>believed_alive</pfif:status><pfif:text>t</pfif:text></pfif:note>'

function messages(xml: string): string[] {
  return validatePfif14(xml).map((i) => `${i.path}: ${i.message}`)
}

void describe('validatePfif14', () => {
  void it('accepts a minimal valid person with a nested note', () => {
    assert.deepEqual(messages(wrap(`<pfif:person>${PERSON_HEAD}${NOTE}</pfif:person>`)), [])
  })

  void it('reports missing required fields', () => {
    const m = messages(wrap('<pfif:person><pfif:full_name>A</pfif:full_name></pfif:person>'))
    assert.deepEqual(m, [
      'person[1]/person_record_id: required field missing or empty',
      'person[1]/source_date: required field missing or empty',
    ])
  })

  void it('reports fields out of the standard order, twice, unknown or after the notes', () => {
    const m = messages(
      wrap(
        `<pfif:person>${PERSON_HEAD}<pfif:sex>male</pfif:sex><pfif:given_name>A</pfif:given_name><pfif:sex>male</pfif:sex><pfif:nickname>x</pfif:nickname>${NOTE}<pfif:age>3</pfif:age></pfif:person>`,
      ),
    )
    assert.deepEqual(m, [
      'person[1]/given_name: out of order: must come before <sex>',
      'person[1]/sex: field appears twice',
      'person[1]/nickname: <nickname> is not a PFIF 1.4 person field',
      'person[1]/age: person fields must come before the nested notes',
    ])
  })

  void it('reports bad enumerations and formats', () => {
    const m = messages(
      wrap(
        '<pfif:person><pfif:person_record_id>no-domain</pfif:person_record_id><pfif:source_date>2020-01-01 10:00</pfif:source_date><pfif:full_name>A</pfif:full_name><pfif:sex>M</pfif:sex><pfif:date_of_birth>31/12/1990</pfif:date_of_birth><pfif:age>about 3</pfif:age></pfif:person>' +
          '<pfif:note><pfif:note_record_id>a.org/n</pfif:note_record_id><pfif:person_record_id>a.org/1</pfif:person_record_id><pfif:author_name>N</pfif:author_name><pfif:source_date>2020-01-01T00:00:00Z</pfif:source_date><pfif:author_made_contact>yes</pfif:author_made_contact><pfif:status>found</pfif:status><pfif:text>t</pfif:text></pfif:note>',
      ),
    )
    assert.equal(m.length, 7)
    assert.match(m[0] ?? '', /person_record_id: not a record id/)
    assert.match(m[1] ?? '', /source_date: not a UTC datetime/)
    assert.match(m[2] ?? '', /sex must be female, male or other/)
    assert.match(m[3] ?? '', /date_of_birth must be/)
    assert.match(m[4] ?? '', /age must be/)
    assert.match(m[5] ?? '', /author_made_contact must be true or false/)
    assert.match(m[6] ?? '', /unknown note status/)
  })

  void it('reports a nested note about another person, a top-level note about nobody, and a wrong root', () => {
    const other = NOTE.replace(
      '<pfif:author_name>',
      '<pfif:person_record_id>a.org/2</pfif:person_record_id><pfif:author_name>',
    )
    assert.deepEqual(messages(wrap(`<pfif:person>${PERSON_HEAD}${other}</pfif:person>`)), [
      'person[1]/note[1]/person_record_id: a nested note must be about its person (a.org/1), not a.org/2',
    ])
    assert.deepEqual(messages(wrap(NOTE)), ['note[1]: a top-level note needs a person_record_id'])
    assert.equal(validatePfif14('<pfif xmlns="http://zesty.ca/pfif/1.3"/>').length, 1)
    assert.match(validatePfif14('<pfif')[0]?.message ?? '', /not well-formed/)
  })
})
