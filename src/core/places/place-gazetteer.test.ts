import assert from 'node:assert/strict'
import { describe, it } from 'node:test'
import { findGovernorate, findPlaceById, isWithin, listPlaces, resolvePlace } from './index.js'
import { computePlaceKeys, tokenizePlaceText } from './place-normalizer.js'

void describe('gazetteer contents', () => {
  void it('holds the 14 governorates, a few hundred places and the commonly named facilities', () => {
    assert.equal(listPlaces('governorate').length, 14)
    assert.ok(listPlaces().length >= 300)
    assert.ok(listPlaces('facility').length >= 25)
  })

  void it('has unique ids and parents that exist', () => {
    const ids = new Set<string>()
    for (const place of listPlaces()) {
      assert.ok(!ids.has(place.id), `duplicate ${place.id}`)
      ids.add(place.id)
      if (place.parent !== undefined) assert.ok(findPlaceById(place.parent), place.id)
      assert.ok(place.nameAr.length > 0 && place.nameEn.length > 0)
    }
  })

  void it('resolves every place by its own Arabic and English names to a place of the same name', () => {
    for (const place of listPlaces()) {
      for (const name of [place.nameAr, place.nameEn]) {
        const id = resolvePlace(name, { kind: place.kind })
        assert.ok(id !== undefined, name)
        const found = findPlaceById(id)!
        // Cities share their governorate's name; the resolved place must carry the same name.
        assert.ok(
          found.nameAr === place.nameAr || found.nameEn === place.nameEn || id === place.id,
          `${name} → ${id}`,
        )
      }
    }
  })
})

void describe('resolvePlace', () => {
  const cases: [string, string][] = [
    ['Halab', 'city.aleppo'],
    ['ALEPPO', 'city.aleppo'],
    ['حلب', 'city.aleppo'],
    ['محافظة حلب', 'gov.aleppo'],
    ['Aleppo Governorate', 'gov.aleppo'],
    ['ريف حلب', 'gov.aleppo'],
    ['ريف دمشق', 'gov.rif-dimashq'],
    ['Rural Damascus', 'gov.rif-dimashq'],
    ['Hims', 'city.homs'],
    ['حمص', 'city.homs'],
    ['Deir ez-Zor', 'city.deir-ez-zor'],
    ['Deir al-Zour', 'city.deir-ez-zor'],
    ['ديرالزور', 'city.deir-ez-zor'],
    ['دير الزّور', 'city.deir-ez-zor'],
    ['Deir-Ezzor', 'city.deir-ez-zor'],
    ['Duma', 'city.douma'],
    ['دوما', 'city.douma'],
    ['Deraa', 'city.daraa'],
    ['درعـــا', 'city.daraa'],
    ['حماه', 'city.hama'],
    ['ادلب', 'city.idlib'],
    ['Édleb', 'city.idlib'],
    ['الرقه', 'city.raqqa'],
    ['السويدا', 'city.suwayda'],
    ['Maaret Al-Numan', 'town.maarat-al-numan'],
    ['كفرسوسه', 'town.kafr-sousa'],
    ['کفر سوسة', 'town.kafr-sousa'],
    ['سجن صيدنايا', 'facility.saydnaya'],
    ['Sednaya prison', 'facility.saydnaya'],
    ['Saydnaya military prison', 'facility.saydnaya'],
    ['Branch 235', 'facility.branch-235'],
    ['فرع فلسطين', 'facility.branch-235'],
    ['الفرع ٢٣٥', 'facility.branch-235'],
    ['Branch 235 (Palestine)', 'facility.branch-235'],
    ['فرع 215', 'facility.branch-215'],
    ['Branch 227', 'facility.branch-227'],
    ['Al-Khatib branch', 'facility.branch-251'],
    ['Branch 248', 'facility.branch-248'],
    ['Air Force Intelligence at Mezzeh airport', 'facility.afi-mezzeh'],
    ['مطار المزة العسكري', 'facility.mezzeh-airport'],
    ['سجن عدرا', 'facility.adra-prison'],
    ['Adra Central Prison', 'facility.adra-prison'],
    ['Palmyra prison', 'facility.tadmur-prison'],
    ['Military Police Qaboun', 'facility.military-police-qaboun'],
    ['سجن حماة المركزي', 'facility.hama-central-prison'],
    ['Aleppo central prison', 'facility.aleppo-central-prison'],
  ]
  for (const [text, id] of cases) {
    void it(`resolves ${JSON.stringify(text)} to ${id}`, () => {
      assert.equal(resolvePlace(text), id)
    })
  }

  void it('prefers the town for a bare shared name and the facility when asked or when the text says prison', () => {
    assert.equal(resolvePlace('صيدنايا'), 'town.saydnaya')
    assert.equal(resolvePlace('صيدنايا', { kind: 'facility' }), 'facility.saydnaya')
    assert.equal(resolvePlace('Adra'), 'town.adra')
    assert.equal(resolvePlace('Adra prison'), 'facility.adra-prison')
  })

  void it('returns undefined for unknown or empty text', () => {
    assert.equal(resolvePlace(''), undefined)
    assert.equal(resolvePlace('   -  '), undefined)
    assert.equal(resolvePlace('Springfield'), undefined)
  })
})

void describe('isWithin and findGovernorate', () => {
  void it('follows the parent chain', () => {
    assert.ok(isWithin('town.mezzeh', 'city.damascus'))
    assert.ok(isWithin('town.mezzeh', 'gov.damascus'))
    assert.ok(isWithin('facility.saydnaya', 'gov.rif-dimashq'))
    assert.ok(isWithin('gov.homs', 'gov.homs'))
    assert.ok(!isWithin('city.homs', 'gov.hama'))
    assert.ok(!isWithin('gov.homs', 'city.homs'))
    assert.equal(findGovernorate('town.ras-al-nabaa'), 'gov.tartus')
    assert.equal(findGovernorate('nowhere'), undefined)
  })
})

void describe('place normaliser', () => {
  void it('folds case, Latin and Arabic diacritics, letter variants, digits and punctuation', () => {
    assert.deepEqual(tokenizePlaceText('Ma\u2019arrat  AL-Nu\u02bfmân'), ['maarrat', 'al', 'numan'])
    assert.deepEqual(tokenizePlaceText('إدلبُ ـ حماة'), ['ادلب', 'حماه'])
    assert.deepEqual(tokenizePlaceText('الفرع ٢٣٥'), ['الفرع', '235'])
    assert.deepEqual(tokenizePlaceText('کفر سوسة'), ['كفر', 'سوسه'])
  })

  void it('computes keys without articles and kind words, with hints', () => {
    const keys = computePlaceKeys('سجن صيدنايا العسكري')
    assert.equal(keys.core, 'صيدنايا')
    assert.ok(keys.facilityHint && !keys.governorateHint)
    const gov = computePlaceKeys('Rif Dimashq governorate')
    assert.ok(gov.governorateHint)
    assert.equal(computePlaceKeys('Deir ez-Zor').bare, 'deirzor')
    assert.equal(
      computePlaceKeys('Deir al-Zour').skeleton,
      computePlaceKeys('Deir ez-Zor').skeleton,
    )
  })
})

void describe('places inside longer text', () => {
  void it('finds a known place among other words typed at a gate, in either script', () => {
    assert.equal(resolvePlace('Saydnaya prison, gate 2'), 'facility.saydnaya')
    assert.equal(resolvePlace('سجن صيدنايا - البوابة الشمالية'), 'facility.saydnaya')
    assert.equal(resolvePlace('near the Palestine Branch in Damascus'), 'facility.branch-235')
  })

  void it('does not make a place of a short word or of a fuzzy piece', () => {
    assert.equal(resolvePlace('gate 2'), undefined)
    assert.equal(resolvePlace('Gate 2, synthetic facility'), undefined)
    assert.equal(resolvePlace('البوابة 2'), undefined)
  })
})
